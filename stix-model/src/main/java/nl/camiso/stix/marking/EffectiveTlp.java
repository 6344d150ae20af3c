package nl.camiso.stix.marking;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An object's effective TLP level: the strictest TLP among its object markings and its granular
 * markings (CLEAR &lt; GREEN &lt; AMBER &lt; AMBER+STRICT &lt; RED; TLP 1.0 WHITE counts as CLEAR).
 * TLP 1.0 and TLP 2.0 markings mix freely.
 *
 * <p>Only the nine official marking-definition ids ({@link TlpMarkings}) count as TLP. Every other
 * reference is sorted, never dropped: a marking definition the resolver does not know is
 * <em>unknown</em>; a known one that is not TLP (a copyright statement) is <em>non-TLP</em>; one
 * that claims to be TLP under another id, or a carried copy of an official id that contradicts its
 * level, is <em>suspicious</em>. The STIX spec defines no rule for combining markings (§7.2), so
 * strictest-wins is this project's policy; callers that authorize on the result should treat
 * unknown and suspicious markings as a reason to restrict, not to ignore (see {@link Result#isComplete()}).
 */
public final class EffectiveTlp {

    /** A marking reference that claims TLP without being trustworthy, with the reason. */
    public record Suspicious(String markingRef, String reason) {
        public Suspicious {
            Objects.requireNonNull(markingRef, "markingRef");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The outcome for one object.
     *
     * @param level              the strictest official TLP level marked, empty when there is none
     * @param unknownMarkingRefs marking refs that are not official TLP ids and that the resolver could not find
     * @param nonTlpMarkingRefs  marking refs to known marking definitions that are not TLP (statements, custom markings)
     * @param suspicious         marking refs claiming TLP that cannot be trusted, each with the reason
     */
    public record Result(Optional<Tlp> level, List<String> unknownMarkingRefs, List<String> nonTlpMarkingRefs,
                         List<Suspicious> suspicious) {

        public Result {
            Objects.requireNonNull(level, "level");
            unknownMarkingRefs = List.copyOf(unknownMarkingRefs);
            nonTlpMarkingRefs = List.copyOf(nonTlpMarkingRefs);
            suspicious = List.copyOf(suspicious);
        }

        /** True when every marking was understood: nothing unknown and nothing suspicious. */
        public boolean isComplete() {
            return unknownMarkingRefs.isEmpty() && suspicious.isEmpty();
        }

        /** The marking refs of {@link #suspicious()}. */
        public List<String> suspiciousMarkingRefs() {
            return suspicious.stream().map(Suspicious::markingRef).toList();
        }
    }

    private static final Function<String, Optional<JsonNode>> NOTHING = id -> Optional.empty();

    private EffectiveTlp() {
    }

    /** The effective TLP from official ids only; every other marking ref is reported as unknown. */
    public static Result of(StixObject object) {
        return of(object, NOTHING);
    }

    /**
     * The effective TLP of an object.
     *
     * @param markingDefinitions looks up a marking-definition object by id (from the same bundle,
     *                           the collection, a store); return empty when it is not known
     */
    public static Result of(StixObject object, Function<String, Optional<JsonNode>> markingDefinitions) {
        List<String> refs = new ArrayList<>(object.objectMarkingRefs());
        refs.addAll(object.granularMarkingRefs());
        return ofRefs(refs, markingDefinitions);
    }

    /** The effective TLP of a set of marking refs (object and granular together); duplicates count once. */
    public static Result ofRefs(Collection<String> markingRefs, Function<String, Optional<JsonNode>> markingDefinitions) {
        Objects.requireNonNull(markingDefinitions, "markingDefinitions");
        Tlp level = null;
        List<String> unknown = new ArrayList<>();
        List<String> nonTlp = new ArrayList<>();
        List<Suspicious> suspicious = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(markingRefs)) {
            Optional<Tlp> official = TlpMarkings.levelOf(ref);
            Optional<JsonNode> carried = markingDefinitions.apply(ref);
            if (carried == null) {
                carried = Optional.empty();
            }
            if (official.isPresent()) {
                level = level == null ? official.get() : Tlp.strictest(level, official.get());
                carried.flatMap(def -> contradiction(ref, official.get(), def)).ifPresent(reason ->
                        suspicious.add(new Suspicious(ref, reason)));
            } else if (carried.isEmpty()) {
                unknown.add(ref);
            } else {
                Optional<String> claim = tlpClaim(carried.get());
                if (claim.isPresent()) {
                    suspicious.add(new Suspicious(ref, "claims TLP (" + claim.get() + ") but is not one of the official TLP marking-definition ids; not trusted"));
                } else if (!ref.equals(carried.get().path("id").textValue())) {
                    suspicious.add(new Suspicious(ref, "the marking definition found for this id carries id '"
                            + carried.get().path("id").asText("") + "'"));
                } else {
                    nonTlp.add(ref);
                }
            }
        }
        return new Result(Optional.ofNullable(level), unknown, nonTlp, suspicious);
    }

    /** A resolver over the marking-definition objects among {@code objects} (e.g. a bundle's). */
    public static Function<String, Optional<JsonNode>> resolverFor(Collection<StixObject> objects) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (StixObject o : objects) {
            if ("marking-definition".equals(o.type()) && o.id() != null) {
                byId.put(o.id(), o.json());
            }
        }
        return id -> Optional.ofNullable(byId.get(id));
    }

    /**
     * Why a carried definition for an official TLP id cannot be trusted, if it cannot: it must
     * carry the same id and, when it states a TLP level, the official one.
     */
    private static Optional<String> contradiction(String ref, Tlp official, JsonNode def) {
        if (!ref.equals(def.path("id").textValue())) {
            return Optional.of("the marking definition found for this id carries id '" + def.path("id").asText("") + "'");
        }
        for (String label : statedLevels(def)) {
            Tlp stated;
            try {
                stated = Tlp.fromLabel(label);
            } catch (IllegalArgumentException e) {
                return Optional.of("carried definition states unknown TLP level '" + label + "' for official TLP:" + official.label());
            }
            if (stated != official) {
                return Optional.of("carried definition states TLP:" + stated.label() + " but this id is the official TLP:"
                        + official.label() + "; the official level is used");
            }
        }
        return Optional.empty();
    }

    /** A description of how a definition claims to be TLP, or empty when it does not. */
    private static Optional<String> tlpClaim(JsonNode def) {
        Set<String> levels = statedLevels(def);
        if (!levels.isEmpty()) {
            return Optional.of("level " + String.join(", ", levels));
        }
        if ("tlp".equalsIgnoreCase(def.path("definition_type").asText(""))) {
            return Optional.of("definition_type tlp");
        }
        String name = def.path("name").asText("");
        if (name.toUpperCase(Locale.ROOT).startsWith("TLP:")) {
            return Optional.of("name '" + name + "'");
        }
        return Optional.empty();
    }

    /** The TLP levels a definition states: {@code definition.tlp} (1.0) and any extension's {@code tlp_2_0} (2.0). */
    private static Set<String> statedLevels(JsonNode def) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode tlp1 = def.path("definition").path("tlp");
        if (tlp1.isTextual()) {
            out.add(tlp1.textValue());
        }
        JsonNode extensions = def.path("extensions");
        if (extensions.isObject()) {
            // any extension key: a tlp_2_0 value under a wrong extension id is still a TLP claim
            extensions.elements().forEachRemaining(ext -> {
                JsonNode tlp2 = ext.path("tlp_2_0");
                if (tlp2.isTextual()) {
                    out.add(tlp2.textValue());
                }
            });
        }
        return out;
    }
}

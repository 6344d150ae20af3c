package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The STIX 2.1 rules that span objects, over one list of objects (a bundle or an envelope) and
 * for one object against the versions of it already held elsewhere. Which findings are errors
 * and which warnings, and why, is in INGEST.md ("Rules across objects"):
 * <ul>
 *   <li>§2.9: a producer never reuses the UUID part of an identifier under another type. A
 *       warning: MISP exports and the OASIS examples themselves do it. Deterministic SCO ids are
 *       exempt: the same ID contributing values give the same UUIDv5 whatever the type.</li>
 *   <li>§3.2: {@code created} never changes between versions of one object. An error.</li>
 *   <li>§3.6: a version is its id and {@code modified}; two representations of one version that
 *       differ leave a consumer to keep either. An error; an identical repeat is a warning.</li>
 *   <li>§7.1.1: a translated list in a language-content has as many entries as the list it
 *       translates (untranslated entries are ""). An error, when the translated object is in
 *       the same list.</li>
 * </ul>
 * The versioned-SCO rule needs only the object itself and is in {@link ObjectCheck}.
 */
final class CrossObjectCheck {

    /** Where a finding goes: the index of the object in the list, and the issue. */
    @FunctionalInterface
    interface Sink {
        void add(int index, ValidationIssue issue);
    }

    private final JsonNode objects;
    private final Sink out;

    private CrossObjectCheck(JsonNode objects, Sink out) {
        this.objects = objects;
        this.out = out;
    }

    /** Checks the rules across the objects of a JSON array; items that are not objects are skipped. */
    static void run(JsonNode objects, Sink out) {
        new CrossObjectCheck(objects, out).check();
    }

    /**
     * Checks one incoming object against versions of the same id already held (by a collection):
     * {@code created} unchanged (an error), and a version already held not sent with other
     * content (a warning: the held one stays).
     */
    static List<ValidationIssue> againstHeld(JsonNode incoming, List<JsonNode> held) {
        List<ValidationIssue> out = new ArrayList<>();
        String id = text(incoming, "id");
        for (JsonNode version : held) {
            String problem = createdChanged(incoming, version);
            if (problem != null) {
                out.add(error(id, "created", problem + " in the version already held (modified "
                        + text(version, "modified") + "): 'created' never changes between versions of an object (§3.2)"));
                break;
            }
        }
        for (JsonNode version : held) {
            if (sameVersion(incoming, version) && text(incoming, "modified") != null && !incoming.equals(version)) {
                // a warning: ATT&CK releases and MISP exports change content without a new modified
                out.add(new ValidationIssue(Severity.WARNING, id, "modified", "this version (modified "
                        + text(incoming, "modified") + ") is already held with other content, which is kept: a version"
                        + " never changes (§3.6); send a change with a later 'modified'"));
                break;
            }
        }
        return out;
    }

    private void check() {
        // one map from UUID to first object: ids are nearly always unique and their UUIDs too, so the
        // common case costs one put; ids that share a UUID with another type go to a second map
        Map<String, Integer> firstByUuid = new HashMap<>(Math.max(16, (int) (objects.size() / 0.75f) + 1));
        Map<String, Integer> firstOfSharedUuid = null;
        Map<String, List<Integer>> versions = null; // only for ids that occur more than once
        List<Integer> languageContents = null;
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String id = o.isObject() ? text(o, "id") : null;
            if (!hasUuid(id)) {
                continue; // reported by the object check
            }
            Integer sameId = null;
            Integer sameUuid = firstByUuid.putIfAbsent(id.substring(id.length() - 36), i);
            if (sameUuid != null) {
                if (id.equals(text(objects.get(sameUuid), "id"))) {
                    sameId = sameUuid;
                } else {
                    uuidReuse(i, o, id, sameUuid);
                    if (firstOfSharedUuid == null) {
                        firstOfSharedUuid = new HashMap<>();
                    }
                    sameId = firstOfSharedUuid.putIfAbsent(id, i);
                }
            }
            if (sameId != null) {
                if (versions == null) {
                    versions = new HashMap<>();
                }
                int first = sameId;
                List<Integer> earlier = versions.computeIfAbsent(id, k -> new ArrayList<>(List.of(first)));
                versionRules(i, o, id, earlier);
                earlier.add(i);
            }
            if (id.startsWith("language-content--")) {
                if (languageContents == null) {
                    languageContents = new ArrayList<>();
                }
                languageContents.add(i);
            }
        }
        if (languageContents != null) {
            Map<String, Integer> firstById = new HashMap<>();
            for (int i = 0; i < objects.size(); i++) {
                String id = objects.get(i).isObject() ? text(objects.get(i), "id") : null;
                if (id != null) {
                    firstById.putIfAbsent(id, i);
                }
            }
            for (int i : languageContents) {
                translatedLists(i, objects.get(i), firstById, versions);
            }
        }
    }

    /** {@code type--} and 36 characters: enough to take the UUID apart; the object check judges the rest. */
    private static boolean hasUuid(String id) {
        return id != null && id.length() > 38 && id.charAt(id.length() - 37) == '-' && id.charAt(id.length() - 38) == '-';
    }

    // --- §2.9 ------------------------------------------------------------------------------------

    private void uuidReuse(int index, JsonNode o, String id, int firstIndex) {
        JsonNode first = objects.get(firstIndex);
        String firstId = text(first, "id");
        if (id.equals(firstId) || !Objects.equals(text(o, "created_by_ref"), text(first, "created_by_ref"))) {
            return; // another version of one object, or another producer
        }
        String type = StixTypes.typeOfId(id);
        String firstType = StixTypes.typeOfId(firstId);
        if (Formats.uuidVersion(id) == 5 && observableLike(type) && observableLike(firstType)) {
            return;
        }
        out.add(index, new ValidationIssue(Severity.WARNING, id, "id", "the UUID of this identifier is also that of "
                + firstId + " (object " + firstIndex + " of the list) from the same producer: a producer must not reuse"
                + " a UUID under another type (§2.9), and consumers that key objects by UUID will confuse the two"));
    }

    /** SCO types, and custom types, which may be custom SCOs with deterministic ids. */
    private static boolean observableLike(String type) {
        return StixTypes.isScoType(type) || !StixTypes.isStandardType(type);
    }

    // --- §3.2 and §3.6 -----------------------------------------------------------------------------

    private void versionRules(int index, JsonNode o, String id, List<Integer> earlier) {
        for (int j : earlier) {
            String problem = createdChanged(o, objects.get(j));
            if (problem != null) {
                out.add(index, error(id, "created", problem + " in object " + j + " of the list:"
                        + " 'created' never changes between versions of an object (§3.2)"));
                break;
            }
        }
        for (int j : earlier) {
            JsonNode other = objects.get(j);
            if (!sameVersion(o, other)) {
                continue;
            }
            if (o.equals(other)) {
                out.add(index, new ValidationIssue(Severity.WARNING, id, "",
                        "duplicate object: same id and modified as object " + j + " of the list"));
            } else if (text(o, "modified") != null) {
                out.add(index, error(id, "modified", "same id and modified as object " + j + " of the list, with other"
                        + " content: every representation of one version must be identical (§3.6); a changed object"
                        + " needs a later 'modified'"));
            } else {
                out.add(index, new ValidationIssue(Severity.WARNING, id, "", "same id as object " + j + " of the list,"
                        + " with other content and no 'modified' to tell the versions apart: consumers keep either (§3.6)"));
            }
            return;
        }
    }

    /** Why {@code o}'s created differs from {@code other}'s ("'created' is A here but B"), or null. */
    private static String createdChanged(JsonNode o, JsonNode other) {
        String a = text(o, "created");
        String b = text(other, "created");
        if (a == null || b == null || a.equals(b)) {
            return null;
        }
        Ts ta = Ts.parse(a);
        Ts tb = Ts.parse(b);
        if (ta == null || tb == null || ta.compareTo(tb) == 0) {
            return null; // an invalid timestamp is reported by the object check; an equal instant is the same
        }
        return "'created' is " + a + " here but " + b;
    }

    /** Same id and same modified (both absent counts as the same: the one version of an unversioned object). */
    private static boolean sameVersion(JsonNode o, JsonNode other) {
        String a = text(o, "modified");
        String b = text(other, "modified");
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a.equals(b)) {
            return true;
        }
        Ts ta = Ts.parse(a);
        Ts tb = Ts.parse(b);
        return ta != null && tb != null && ta.compareTo(tb) == 0;
    }

    // --- §7.1.1 ------------------------------------------------------------------------------------

    private void translatedLists(int index, JsonNode lc, Map<String, Integer> firstById, Map<String, List<Integer>> versions) {
        String target = text(lc, "object_ref");
        JsonNode contents = lc.get("contents");
        if (target == null || contents == null || !contents.isObject() || !firstById.containsKey(target)) {
            return;
        }
        JsonNode original = translatedVersion(target, text(lc, "object_modified"), firstById, versions);
        if (original == null) {
            return;
        }
        String lcId = text(lc, "id");
        for (Iterator<Map.Entry<String, JsonNode>> langs = contents.fields(); langs.hasNext(); ) {
            Map.Entry<String, JsonNode> lang = langs.next();
            if (!lang.getValue().isObject()) {
                continue; // reported by the object check
            }
            Loc langPath = Loc.of("contents").key(lang.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> props = lang.getValue().fields(); props.hasNext(); ) {
                Map.Entry<String, JsonNode> p = props.next();
                JsonNode originalValue = original.get(p.getKey());
                if (originalValue != null) {
                    sameListLengths(index, lcId, target, p.getValue(), originalValue, langPath.key(p.getKey()), p.getKey());
                }
            }
        }
    }

    /** The version of the target a language-content translates: the one of object_modified, else the latest here. */
    private JsonNode translatedVersion(String target, String objectModified, Map<String, Integer> firstById,
                                       Map<String, List<Integer>> versions) {
        List<Integer> candidates = versions != null && versions.containsKey(target)
                ? versions.get(target) : List.of(firstById.get(target));
        JsonNode best = null;
        Ts bestModified = null;
        for (int j : candidates) {
            JsonNode v = objects.get(j);
            Ts modified = text(v, "modified") == null ? null : Ts.parse(text(v, "modified"));
            if (objectModified != null) {
                Ts wanted = Ts.parse(objectModified);
                if (wanted != null && modified != null && wanted.compareTo(modified) == 0) {
                    return v;
                }
            } else if (best == null || (modified != null && (bestModified == null || modified.compareTo(bestModified) > 0))) {
                best = v;
                bestModified = modified;
            }
        }
        return best;
    }

    private void sameListLengths(int index, String lcId, String target, JsonNode translated, JsonNode original,
                                 Loc path, String property) {
        if (translated.isArray() && original.isArray()) {
            if (translated.size() != original.size()) {
                out.add(index, error(lcId, path.toString(), "has " + translated.size() + " entries but '" + property
                        + "' of " + target + " has " + original.size() + ": a translated list has the length of the"
                        + " original, with \"\" for entries left untranslated (§7.1.1)"));
                return;
            }
            for (int i = 0; i < translated.size(); i++) {
                sameListLengths(index, lcId, target, translated.get(i), original.get(i), path.at(i), property);
            }
        } else if (translated.isObject() && original.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = translated.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode o = original.get(e.getKey());
                if (o != null) {
                    sameListLengths(index, lcId, target, e.getValue(), o, path.key(e.getKey()), e.getKey());
                }
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static String text(JsonNode o, String property) {
        JsonNode v = o.get(property);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static ValidationIssue error(String id, String path, String message) {
        return new ValidationIssue(Severity.ERROR, id, path, message);
    }
}

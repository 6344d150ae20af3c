package nl.camiso.server.feeds;

import nl.camiso.server.actions.ObjectGraph;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The STIX 2.1 bundle of a feed, for tools that want one file: the indicators the list formats
 * would use, exactly as stored, and what they lead to that the requester may read: the objects
 * they reference ({@code created_by_ref}, {@code object_marking_refs}, any other {@code *_ref(s)}),
 * the courses of action that mitigate them with those {@code mitigates} relationships and their
 * {@code language-content} translations, and the objects all of these reference in turn. Everything comes from the collections the requester may read.
 *
 * <p>A bundle carries whole patterns, which the list formats take apart: an indicator with any
 * allow-listed value is left out whole, so a tool that blocks what the bundle holds never blocks an
 * allow-listed address or domain. {@code max} counts indicators, most confident and newest first.
 */
final class FeedStix {

    private FeedStix() {
    }


    private static StixObject parse(byte[] json) {
        try {
            return StixObject.of(StixJson.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException("stored object is not JSON", e);
        }
    }

    /**
     * The {@code mitigates} relationships to an indicator from courses of action, each with its
     * course of action and, the first time that one is met ({@code coursesOfAction} holds those
     * met), the course of action and its {@code language-content} translations; {@code relationships}
     * are those to the indicator ({@link ObjectGraph#referrersOfEach}).
     */
    static void mitigations(ObjectGraph graph, List<String> readable, String indicatorId,
                            List<ObjectGraph.Found> relationships, Set<String> coursesOfAction,
                            java.util.function.Consumer<ObjectGraph.Found> found) {
        for (ObjectGraph.Found rel : relationships) {
            StixObject r = rel.object();
            if ("mitigates".equals(r.relationshipType()) && indicatorId.equals(r.targetRef())
                    && r.sourceRef() != null && r.sourceRef().startsWith("course-of-action--")) {
                graph.findLatest(readable, r.sourceRef()).ifPresent(coa -> {
                    found.accept(rel);
                    if (coursesOfAction.add(coa.object().id())) {
                        found.accept(coa);
                        // its translations (the Dutch handelingsperspectief)
                        for (ObjectGraph.Found lc : graph.referrers(readable, coa.object().id(), Set.of("language-content"))) {
                            if (coa.object().id().equals(lc.object().text("object_ref"))) {
                                found.accept(lc);
                            }
                        }
                    }
                });
            }
        }
    }

    /**
     * Whether the bundle holds an indicator: it has a value a list format can use and none that the
     * allow-list keeps out. Two indicators with the same value are both held: a bundle carries
     * objects, not values, so only the lists write each value once.
     */
    static boolean usable(Feed.Indicator i, AllowList allow) {
        boolean any = false;
        for (FeedFormat kind : FeedFormat.BASIC) {
            if (!FeedStream.mayHold(i.pattern(), kind)) {
                continue;
            }
            for (FeedValues.Candidate c : FeedValues.of(i.pattern(), kind)) {
                if (c.invalid() == null) {
                    if (Feed.excluded(kind, c, allow).isPresent()) {
                        return false;
                    }
                    any = true;
                }
            }
        }
        return any;
    }

    /** The ids in an object's top-level {@code *_ref} and {@code *_refs} properties (no relationship ends). */
    static List<String> references(StixObject o) {
        List<String> out = new ArrayList<>();
        Iterator<String> names = o.json().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals("source_ref") || name.equals("target_ref")) {
                continue; // the ends of a mitigates relationship are already in the bundle
            }
            if (name.endsWith("_ref") && o.json().get(name).isTextual()) {
                out.add(o.json().get(name).textValue());
            } else if (name.endsWith("_refs") && o.json().get(name).isArray()) {
                o.json().get(name).forEach(r -> {
                    if (r.isTextual()) {
                        out.add(r.textValue());
                    }
                });
            }
        }
        return out;
    }
}

package nl.camiso.server.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.actions.ObjectGraph;
import nl.camiso.stix.StixObject;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The English and Dutch titles of the courses of action that mitigate an indicator, found as the
 * actions endpoint finds them: {@code mitigates} relationships (course of action to indicator),
 * the course of action itself and its {@code language-content}, all only in the given collections
 * (those the requester may read). Several courses of action are joined with "; ".
 */
final class CourseOfActionTitles {

    private final ObjectGraph graph;
    private final List<String> readable;
    private final Map<String, FeedCsv.Titles> byCourseOfAction = new HashMap<>();

    CourseOfActionTitles(ObjectGraph graph, List<String> readable) {
        this.graph = graph;
        this.readable = readable;
    }

    /** The relationships to the indicators of the last {@link #prefetch}; null before the first. */
    private Map<String, List<ObjectGraph.Found>> prefetched;

    /**
     * Finds the relationships to a page of indicators with one query, for the {@link #of} calls
     * that follow (one query per indicator otherwise); forgets those of the page before.
     */
    void prefetch(java.util.Collection<String> indicatorIds) {
        prefetched = graph.referrersOfEach(readable, indicatorIds, Set.of("relationship"));
    }

    FeedCsv.Titles of(String indicatorId) {
        Set<String> en = new LinkedHashSet<>();
        Set<String> nl = new LinkedHashSet<>();
        List<ObjectGraph.Found> relationships = prefetched != null
                ? prefetched.getOrDefault(indicatorId, List.of())
                : graph.referrers(readable, indicatorId, Set.of("relationship"));
        for (ObjectGraph.Found rel : relationships) {
            StixObject r = rel.object();
            if (!"mitigates".equals(r.relationshipType()) || !indicatorId.equals(r.targetRef())
                    || r.sourceRef() == null || !r.sourceRef().startsWith("course-of-action--")) {
                continue;
            }
            FeedCsv.Titles t = byCourseOfAction.computeIfAbsent(r.sourceRef(), this::titles);
            if (!t.en().isEmpty()) {
                en.add(t.en());
            }
            if (!t.nl().isEmpty()) {
                nl.add(t.nl());
            }
        }
        return new FeedCsv.Titles(String.join("; ", en), String.join("; ", nl));
    }

    private FeedCsv.Titles titles(String coaId) {
        Optional<ObjectGraph.Found> coa = graph.findLatest(readable, coaId);
        if (coa.isEmpty()) {
            return FeedCsv.Titles.NONE; // in no collection the requester may read
        }
        String name = Optional.ofNullable(coa.get().object().text("name")).orElse("");
        String lang = coa.get().object().lang();
        String en = lang == null || isLanguage(lang, "en") ? name : "";
        String nl = isLanguage(lang, "nl") ? name : "";
        for (ObjectGraph.Found lc : graph.referrers(readable, coaId, Set.of("language-content"))) {
            if (!coaId.equals(lc.object().text("object_ref"))) {
                continue;
            }
            JsonNode contents = lc.object().json().get("contents");
            if (contents == null || !contents.isObject()) {
                continue;
            }
            var tags = contents.fieldNames();
            while (tags.hasNext()) {
                String tag = tags.next();
                JsonNode n = contents.get(tag).get("name");
                if (n == null || !n.isTextual()) {
                    continue;
                }
                if (nl.isEmpty() && isLanguage(tag, "nl")) {
                    nl = n.textValue();
                } else if (en.isEmpty() && isLanguage(tag, "en")) {
                    en = n.textValue();
                }
            }
        }
        return new FeedCsv.Titles(en, nl);
    }

    /** {@code nl} matches {@code nl}, {@code NL}, {@code nl-BE}. */
    private static boolean isLanguage(String tag, String lang) {
        if (tag == null) {
            return false;
        }
        String t = tag.toLowerCase(Locale.ROOT);
        return t.equals(lang) || t.startsWith(lang + "-");
    }
}

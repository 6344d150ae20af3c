package nl.camiso.server.actions;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.actions.ObjectGraph.Found;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The order of the courses-of-action envelope. STIX objects are never altered; the requested
 * language only changes the order:
 * <ol>
 *   <li>the object itself;</li>
 *   <li>each course of action, immediately followed by its {@code language-content} translations
 *       (with a language asked for: courses of action that have text in it first, and its
 *       translation right after the course of action, before other languages);</li>
 *   <li>the {@code mitigates}/{@code remediates} relationships;</li>
 *   <li>the notes and opinions (with a language: those written in it first).</li>
 * </ol>
 */
public final class ActionsEnvelope {

    /** One course of action with the relationships that link it and its translations. */
    public record Action(Found courseOfAction, List<Found> relationships, List<Found> translations) {
    }

    /** @param hasLanguage whether any course of action or comment has text in the language asked for */
    public record Ordered(List<Found> objects, boolean hasLanguage) {
    }

    private ActionsEnvelope() {
    }

    /** @param lang a language tag such as {@code nl}, or null for the stored order */
    public static Ordered order(Found object, List<Action> actions, List<Found> comments, String lang) {
        List<Action> sorted = new ArrayList<>(actions);
        List<Found> notes = new ArrayList<>(comments);
        boolean found = false;
        if (lang != null) {
            sorted.sort(Comparator.comparing((Action a) -> !hasText(a, lang)));
            notes.sort(Comparator.comparing((Found f) -> !matches(f.object().lang(), lang)));
            found = sorted.stream().anyMatch(a -> hasText(a, lang))
                    || notes.stream().anyMatch(f -> matches(f.object().lang(), lang));
        }
        List<Found> out = new ArrayList<>();
        out.add(object);
        for (Action a : sorted) {
            out.add(a.courseOfAction());
            List<Found> tr = new ArrayList<>(a.translations());
            if (lang != null) {
                tr.sort(Comparator.comparing((Found f) -> !translates(f, lang)));
            }
            out.addAll(tr);
        }
        for (Action a : sorted) {
            out.addAll(a.relationships());
        }
        out.addAll(notes);
        return new Ordered(out, found);
    }

    static boolean hasText(Action a, String lang) {
        return matches(a.courseOfAction().object().lang(), lang)
                || a.translations().stream().anyMatch(t -> translates(t, lang));
    }

    /** Whether a language-content object has contents in the language. */
    static boolean translates(Found languageContent, String lang) {
        JsonNode contents = languageContent.object().json().get("contents");
        if (contents == null || !contents.isObject()) {
            return false;
        }
        var names = contents.fieldNames();
        while (names.hasNext()) {
            if (matches(names.next(), lang)) {
                return true;
            }
        }
        return false;
    }

    /** {@code nl} matches {@code nl}, {@code NL}, {@code nl-NL}, {@code nl-BE}. */
    static boolean matches(String tag, String lang) {
        if (tag == null) {
            return false;
        }
        String t = tag.toLowerCase(Locale.ROOT);
        String l = lang.toLowerCase(Locale.ROOT);
        return t.equals(l) || t.startsWith(l + "-");
    }

    /**
     * The language asked for: {@code lang} query parameter, else the most preferred range of
     * {@code Accept-Language} (RFC 9110 §12.5.4; {@code *} and q=0 ignored); null for none.
     *
     * @throws IllegalArgumentException for a {@code lang} that is not a language tag
     */
    public static String requestedLanguage(String langParam, String acceptLanguage) {
        if (langParam != null && !langParam.isBlank()) {
            String l = langParam.trim();
            if (!l.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
                throw new IllegalArgumentException("lang must be a language tag such as nl");
            }
            return l.toLowerCase(Locale.ROOT);
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        String best = null;
        double bestQ = 0;
        for (String range : acceptLanguage.split(",")) {
            String[] parts = range.trim().split(";");
            String tag = parts[0].trim();
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > bestQ && tag.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
                best = tag;
                bestQ = q;
            }
        }
        // the primary subtag: nl-NL asks for Dutch
        return best == null ? null : best.split("-")[0].toLowerCase(Locale.ROOT);
    }
}

package nl.camiso.stix.pattern;

/** The reserved words of the pattern grammar; they are UPPERCASE only. */
enum Keyword {
    AND, OR, NOT, FOLLOWEDBY, LIKE, MATCHES, ISSUPERSET, ISSUBSET, EXISTS, IN,
    START, STOP, SECONDS, WITHIN, REPEATS, TIMES, LAST;

    private static final Keyword[] ALL = values();

    /** The keyword spelled exactly {@code word}, or null. */
    static Keyword exact(String word) {
        for (Keyword k : ALL) {
            if (k.name().equals(word)) {
                return k;
            }
        }
        return null;
    }

    /** The keyword {@code word} spells in any case, or null: to explain "and" vs "AND". */
    static Keyword ignoringCase(String word) {
        for (Keyword k : ALL) {
            if (k.name().equalsIgnoreCase(word)) {
                return k;
            }
        }
        return null;
    }
}

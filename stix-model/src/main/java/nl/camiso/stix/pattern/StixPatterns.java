package nl.camiso.stix.pattern;

/**
 * Entry point for STIX Patterning (spec §9).
 *
 * <p>TODO(foundation issue): the hand-written lexer and parser; this stub accepts everything.
 */
public final class StixPatterns {

    private StixPatterns() {
    }

    /**
     * Parses and checks a pattern: syntax and the semantic rules beyond the grammar.
     *
     * @throws PatternException with the position and reason when the pattern is invalid
     */
    public static Object parse(String pattern) throws PatternException {
        if (pattern == null || pattern.isBlank()) {
            throw new PatternException(0, "empty pattern");
        }
        return pattern;
    }
}

package nl.camiso.stix.pattern;

/**
 * Entry point for STIX Patterning (spec §9): a hand-written lexer ({@code PatternLexer}) and
 * recursive-descent parser ({@code PatternParser}).
 *
 * <p>Beyond the grammar it enforces: UPPERCASE keywords, quoting of names with '-' (§9.7), only
 * {@code \'} and {@code \\} escapes, at most one qualifier of each type per observation expression
 * (see {@link QualifiedObservation} for parentheses), positive REPEATS/WITHIN, SECONDS only, timestamp
 * form and calendar ranges, lowercase even-length hex, well-formed base64, no leading '+', the
 * STIX integer range, homogeneous IN sets, no negative list index, type and property name charsets
 * and lengths, no AND between comparisons on different object types (§9.5), and the length/form of
 * hash values for hash-algorithm-ov keys.
 *
 * <p>Not checked (needs data or is evaluation-time): whether properties exist on the type, MATCHES
 * regex syntax (PCRE), ISSUBSET/ISSUPERSET operands being CIDR strings, START before STOP.
 */
public final class StixPatterns {

    private StixPatterns() {
    }

    /**
     * Parses and checks a pattern: syntax and the semantic rules beyond the grammar.
     *
     * @throws PatternException with the position (0-based char offset) and reason when invalid
     */
    public static Pattern parse(String pattern) throws PatternException {
        if (pattern == null || pattern.isBlank()) {
            throw new PatternException(0, "empty pattern");
        }
        return PatternParser.parse(pattern);
    }

    /** Whether {@code pattern} is a valid STIX 2.1 pattern. */
    public static boolean isValid(String pattern) {
        try {
            parse(pattern);
            return true;
        } catch (PatternException e) {
            return false;
        }
    }
}

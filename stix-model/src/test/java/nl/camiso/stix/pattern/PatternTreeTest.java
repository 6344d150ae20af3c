package nl.camiso.stix.pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The shape of the syntax tree: precedence (§9.5.3), qualifier binding (§9.5.2), paths, constants. */
class PatternTreeTest {

    private static final Observation A = obs("file", "name", "a.exe");
    private static final Observation A_SHORT = obs("file", "name", "a");
    private static final Observation B = obs("file", "name", "b.exe");
    private static final Observation C = obs("file", "name", "c.exe");

    private static Observation obs(String type, String property, String value) {
        return new Observation(cmp(type, property, value));
    }

    private static Comparison cmp(String type, String property, String value) {
        return new Comparison(new ObjectPath(type, List.of(new PathStep.Property(property))), false,
                ComparisonOperator.EQUAL, new Literal.StringLiteral(value));
    }

    private static ObservationExpression parse(String pattern) throws PatternException {
        return StixPatterns.parse(pattern).expression();
    }

    @Test
    void andBindsTighterThanOr() throws PatternException {
        assertEquals(new ObservationOperation(ObservationOperator.OR, A,
                        new ObservationOperation(ObservationOperator.AND, B, C)),
                parse("[file:name = 'a.exe'] OR [file:name = 'b.exe'] AND [file:name = 'c.exe']"));
    }

    @Test
    void orBindsTighterThanFollowedBy() throws PatternException {
        assertEquals(new ObservationOperation(ObservationOperator.FOLLOWEDBY,
                        new ObservationOperation(ObservationOperator.OR, A, B), C),
                parse("[file:name = 'a.exe'] OR [file:name = 'b.exe'] FOLLOWEDBY [file:name = 'c.exe']"));
    }

    @Test
    void chainsOfOneOperatorAreFlatAndExplicitGroupsStay() throws PatternException {
        assertEquals(new ObservationOperation(ObservationOperator.AND, List.of(A, B, C)),
                parse("[file:name = 'a.exe'] AND [file:name = 'b.exe'] AND [file:name = 'c.exe']"));
        assertEquals(new ObservationOperation(ObservationOperator.AND,
                        new ObservationOperation(ObservationOperator.AND, A, B), C),
                parse("([file:name = 'a.exe'] AND [file:name = 'b.exe']) AND [file:name = 'c.exe']"));
    }

    @Test
    void longChainsDoNotDeepenTheTree() throws PatternException {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            text.append(i == 0 ? "" : " OR ").append("ipv4-addr:value = '10.0.").append(i % 256).append(".1'");
        }
        Pattern pattern = StixPatterns.parse(text.append(']').toString());
        assertEquals(20_000, IndicatorObservables.blockable(pattern).orElseThrow().size());
        assertEquals(pattern, StixPatterns.parse(pattern.toPatternString()));
    }

    @Test
    void nestingIsLimited() throws PatternException {
        String ok = "(".repeat(PatternParser.MAX_NESTING) + "[file:name = 'a']" + ")".repeat(PatternParser.MAX_NESTING);
        assertEquals(A_SHORT, parse(ok));
        assertPosition("[" + "(".repeat(100_000) + "file:name = 'a'", 1 + PatternParser.MAX_NESTING);
        assertPosition("(".repeat(100_000), PatternParser.MAX_NESTING);
    }

    @Test
    void parenthesesOverridePrecedenceAndArePrintedBack() throws PatternException {
        String text = "([file:name = 'a.exe'] OR [file:name = 'b.exe']) AND [file:name = 'c.exe']";
        Pattern pattern = StixPatterns.parse(text);
        assertEquals(new ObservationOperation(ObservationOperator.AND,
                new ObservationOperation(ObservationOperator.OR, A, B), C), pattern.expression());
        assertEquals(text, pattern.toPatternString());
        String rightGroup = "[file:name = 'a.exe'] AND ([file:name = 'b.exe'] AND [file:name = 'c.exe'])";
        assertEquals(rightGroup, StixPatterns.parse(rightGroup).toPatternString());
    }

    @Test
    void qualifierBindsToTheNearestObservationExpression() throws PatternException {
        // §9.5.2: "[ a ] FOLLOWEDBY [ c ] REPEATS 5 TIMES" is "[ a ] FOLLOWEDBY ([ c ] REPEATS 5 TIMES)"
        assertEquals(new ObservationOperation(ObservationOperator.FOLLOWEDBY, A,
                        new QualifiedObservation(B, List.of(new Qualifier.Repeats(5)))),
                parse("[file:name = 'a.exe'] FOLLOWEDBY [file:name = 'b.exe'] REPEATS 5 TIMES"));
        assertEquals(new QualifiedObservation(new ObservationOperation(ObservationOperator.FOLLOWEDBY, A, B),
                        List.of(new Qualifier.Repeats(5))),
                parse("([file:name = 'a.exe'] FOLLOWEDBY [file:name = 'b.exe']) REPEATS 5 TIMES"));
    }

    @Test
    void qualifiersAreKeptInOrderAndMergedAcrossRedundantParentheses() throws PatternException {
        ObservationExpression expected = new QualifiedObservation(A, List.of(
                new Qualifier.Within(new BigDecimal("5")), new Qualifier.Repeats(2)));
        assertEquals(expected, parse("([file:name = 'a.exe'] WITHIN 5 SECONDS) REPEATS 2 TIMES"));
        assertEquals(expected, parse("[file:name = 'a.exe'] WITHIN 5 SECONDS REPEATS 2 TIMES"));
        assertEquals(expected, parse("(([file:name = 'a.exe'])) WITHIN 5 SECONDS REPEATS 2 TIMES"));
    }

    @Test
    void startStopKeepsTheTimestamps() throws PatternException {
        QualifiedObservation q = assertInstanceOf(QualifiedObservation.class,
                parse("[file:name = 'a.exe'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.5Z'"));
        Qualifier.StartStop s = assertInstanceOf(Qualifier.StartStop.class, q.qualifiers().get(0));
        assertEquals("2016-06-01T00:00:00Z", s.start().text());
        assertEquals("2016-07-01T00:00:00.5Z", s.stop().timestamp().text());
    }

    @Test
    void comparisonAndBindsTighterThanOr() throws PatternException {
        Observation o = assertInstanceOf(Observation.class,
                parse("[file:name = 'a.exe' OR file:name = 'b.exe' AND file:name = 'c.exe']"));
        assertEquals(new ComparisonOperation(BooleanOperator.OR, A.comparison(),
                new ComparisonOperation(BooleanOperator.AND, B.comparison(), C.comparison())), o.comparison());
        Observation grouped = assertInstanceOf(Observation.class,
                parse("[(file:name = 'a.exe' OR file:name = 'b.exe') AND file:name = 'c.exe']"));
        assertEquals(new ComparisonOperation(BooleanOperator.AND,
                new ComparisonOperation(BooleanOperator.OR, A.comparison(), B.comparison()), C.comparison()),
                grouped.comparison());
        assertEquals("[(file:name = 'a.exe' OR file:name = 'b.exe') AND file:name = 'c.exe']",
                new Pattern(grouped).toPatternString());
    }

    @Test
    void objectPathSteps() throws PatternException {
        Observation o = assertInstanceOf(Observation.class,
                parse("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0 OR network-traffic:protocols[1] = 'tcp']"));
        ComparisonOperation or = assertInstanceOf(ComparisonOperation.class, o.comparison());
        Comparison entropy = assertInstanceOf(Comparison.class, or.operands().get(0));
        assertEquals(new ObjectPath("file", List.of(new PathStep.Property("extensions"),
                new PathStep.Property("windows-pebinary-ext"), new PathStep.Property("sections"),
                new PathStep.AnyIndex(), new PathStep.Property("entropy"))), entropy.path());
        assertEquals("extensions.'windows-pebinary-ext'.sections[*].entropy", entropy.path().propertyPath());
        assertEquals(ComparisonOperator.GREATER_THAN, entropy.operator());
        assertEquals(new Literal.FloatLiteral(new BigDecimal("7.0")), entropy.value());
        Comparison protocol = assertInstanceOf(Comparison.class, or.operands().get(1));
        assertEquals("network-traffic:protocols[1]", protocol.path().toPatternString());
    }

    @Test
    void constantsAreDecoded() throws PatternException {
        Observation o = assertInstanceOf(Observation.class, parse(
                "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=' OR artifact:payload_bin = h'7468' OR artifact:x_note = 'it\\'s \\\\'"
                        + " OR artifact:x_size IN (-1, 2) OR artifact:x_flag = true]"));
        List<SimpleComparison> all = new Pattern(o).simpleComparisons();
        assertArrayEquals("this is a test".getBytes(),
                assertInstanceOf(Literal.BinaryLiteral.class, all.get(0).value()).bytes());
        assertArrayEquals("th".getBytes(), assertInstanceOf(Literal.HexLiteral.class, all.get(1).value()).bytes());
        assertEquals(new Literal.StringLiteral("it's \\"), all.get(2).value());
        assertEquals(new Literal.SetLiteral(List.of(new Literal.IntegerLiteral(-1), new Literal.IntegerLiteral(2))),
                all.get(3).value());
        assertEquals(new Literal.BooleanLiteral(true), all.get(4).value());
        // printing escapes again
        assertEquals("artifact:x_note = 'it\\'s \\\\'", new Pattern(new Observation(
                new Comparison(all.get(2).path(), false, ComparisonOperator.EQUAL, all.get(2).value())))
                .toPatternString().replaceAll("^\\[|\\]$", ""));
    }

    @Test
    void notAndExistsAreKept() throws PatternException {
        Observation o = assertInstanceOf(Observation.class,
                parse("[file:name NOT MATCHES '^a' AND NOT EXISTS file:hashes.MD5]"));
        ComparisonOperation and = assertInstanceOf(ComparisonOperation.class, o.comparison());
        Comparison matches = assertInstanceOf(Comparison.class, and.operands().get(0));
        assertEquals(true, matches.negated());
        assertEquals(ComparisonOperator.MATCHES, matches.operator());
        assertEquals(new Exists(new ObjectPath("file", List.of(new PathStep.Property("hashes"),
                new PathStep.Property("MD5"))), true), and.operands().get(1));
    }

    @Test
    void canonicalText() throws PatternException {
        assertEquals("[file:name = 'x' AND file:size != 3]",
                StixPatterns.parse("[ file : 'name'   ==   'x'\nAND file:size<>3 ]").toPatternString());
        assertEquals("[x-thing:props.'IN' = 1]", StixPatterns.parse("[x-thing:props.'IN' = 1]").toString());
    }

    @Test
    void errorPositionsPointAtTheFault() {
        assertPosition("[file:name = 'a'] AND [file:name = 'b'] AND [file:size = 1 AND url:value = 'x']", 63);
        assertPosition("[file:name = 'a'] FOLLOWEDBY ([file:name = 'b'] WITHIN 1 SECONDS WITHIN 2 SECONDS)", 65);
        assertPosition("[file:name = 'a\\n']", 15);
        assertPosition("[file:name = 'a']\n\nwithin 5 SECONDS", 19);
    }

    private static void assertPosition(String pattern, int position) {
        try {
            StixPatterns.parse(pattern);
        } catch (PatternException e) {
            assertEquals(position, e.position(), e.getMessage());
            return;
        }
        throw new AssertionError("accepted: " + pattern);
    }
}

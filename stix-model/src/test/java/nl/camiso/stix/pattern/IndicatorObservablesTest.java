package nl.camiso.stix.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Listing simple comparisons and the block-list subset of them. */
class IndicatorObservablesTest {

    private static final String SHA256 = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";

    private static List<SimpleComparison> blockable(String pattern) throws PatternException {
        return IndicatorObservables.blockable(StixPatterns.parse(pattern)).orElseThrow();
    }

    /** objectType, propertyPath, value of each comparison, for compact assertions. */
    private static List<String> summary(List<SimpleComparison> comparisons) {
        return comparisons.stream()
                .map(c -> c.objectType() + " " + c.propertyPath() + " " + c.operator().symbol() + " "
                        + c.stringValue().orElse(c.value().toPatternString()))
                .toList();
    }

    @Test
    void singleIpv4Address() throws PatternException {
        List<SimpleComparison> list = blockable("[ipv4-addr:value = '198.51.100.7']");
        assertEquals(1, list.size());
        SimpleComparison c = list.get(0);
        assertEquals("ipv4-addr", c.objectType());
        assertEquals("value", c.propertyPath());
        assertEquals(ComparisonOperator.EQUAL, c.operator());
        assertEquals(new Literal.StringLiteral("198.51.100.7"), c.value());
        assertEquals(Optional.empty(), c.hashAlgorithm());
    }

    @Test
    void fileHashWithQuotedKey() throws PatternException {
        SimpleComparison c = blockable("[file:hashes.'SHA-256' = '" + SHA256 + "']").get(0);
        assertEquals("file", c.objectType());
        assertEquals("hashes.'SHA-256'", c.propertyPath());
        assertEquals(Optional.of("SHA-256"), c.hashAlgorithm());
        assertEquals(Optional.of(SHA256), c.stringValue());
        assertEquals(Optional.of("MD5"),
                blockable("[file:hashes.md5 = '001dd76872d80801692ff942308c64e6']").get(0).hashAlgorithm());
    }

    @Test
    void orCombinationsInsideAndBetweenObservations() throws PatternException {
        assertEquals(List.of(
                        "domain-name value = example.com",
                        "ipv4-addr value = 198.51.100.1",
                        "url value = http://example.com/x",
                        "ipv6-addr value = 2001:db8::1",
                        "ipv6-addr value = 2001:db8::2",
                        "email-addr value = a@example.com"),
                summary(blockable("[domain-name:value = 'example.com' OR ipv4-addr:value = '198.51.100.1']"
                        + " OR [url:value = 'http://example.com/x'] OR ([ipv6-addr:value IN ('2001:db8::1', '2001:db8::2')]"
                        + " OR [email-addr:value = 'a@example.com'])")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[ipv4-addr:value = '198.51.100.1'] AND [ipv4-addr:value = '198.51.100.2']",
            "[domain-name:value = 'example.com' AND domain-name:resolves_to_refs[*].value = '198.51.100.1']",
            "[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.2']",
            "[ipv4-addr:value = '198.51.100.1'] REPEATS 5 TIMES",
            "[ipv4-addr:value = '198.51.100.1'] WITHIN 5 SECONDS",
            "[ipv4-addr:value != '198.51.100.1']",
            "[ipv4-addr:value NOT = '198.51.100.1']",
            "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
            "[url:value MATCHES '^http://evil']",
            "[file:name = 'evil.exe']",
            "[ipv4-addr:value = '198.51.100.1' OR file:name = 'evil.exe']",
            "[network-traffic:dst_ref.value = '198.51.100.1']",
            "[file:hashes.'x-custom' = 'abc']",
            "[artifact:hashes.MD5 = '001dd76872d80801692ff942308c64e6']",
            "[EXISTS url:value]",
            "[ipv4-addr:value IN ()]"})
    void notBlockable(String pattern) throws PatternException {
        assertEquals(Optional.empty(), IndicatorObservables.blockable(StixPatterns.parse(pattern)));
    }

    @Test
    void simpleComparisonsListsEveryComparisonInOrder() throws PatternException {
        Pattern p = StixPatterns.parse("([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY"
                + " [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar' AND EXISTS windows-registry-key:values])"
                + " WITHIN 300 SECONDS OR [file:size NOT IN (1, 2)]");
        assertEquals(List.of(
                        "file hashes.MD5 = 79054025255fb1a26e4bc422aef54eb4",
                        "windows-registry-key key = HKEY_LOCAL_MACHINE\\foo\\bar",
                        "file size IN (1, 2)"),
                summary(IndicatorObservables.of(p)));
        assertTrue(p.simpleComparisons().get(2).negated());
        assertEquals(Optional.empty(), IndicatorObservables.blockable(p));
    }
}

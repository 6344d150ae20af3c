package nl.camiso.stix.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid and invalid patterns (STIX 2.1 §9; checklist §3.3/§3.4 plus our own), each with its reason. */
class StixPatternsTest {

    private static final String SHA256 = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";

    static Stream<Arguments> validPatterns() {
        return Stream.of(
                // checklist §3.3 1-11: spec §9.8 examples
                argumentSet("§9.8 file SHA-256, quoted hash key", "[file:hashes.'SHA-256' = '" + SHA256 + "']"),
                argumentSet("§9.8 MATCHES with \\\\ escapes and [*]",
                        "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']"),
                argumentSet("§9.8 FOLLOWEDBY group WITHIN",
                        "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS"),
                argumentSet("§9.8 quoted extension name, list [*], float",
                        "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]"),
                argumentSet("§9.8 hex constant", "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']"),
                argumentSet("§9.8 REPEATS and WITHIN on one expression",
                        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS"),
                argumentSet("§9.8 refs list dereference",
                        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']"),
                argumentSet("§9.8 OR of urls", "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']"),
                argumentSet("§9.8 ISSUBSET", "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']"),
                argumentSet("§9.8 AND group OR observation",
                        "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']"),
                argumentSet("§9.8 custom SCO type", "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']"),
                // checklist §3.3 12-15: pattern-validator PASS cases
                argumentSet("binary constant", "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']"),
                argumentSet("IN set of integers", "[file:size IN (1024, 2048, 4096)]"),
                argumentSet("parenthesised comparisons, IN without space",
                        "( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])"),
                argumentSet("NOT ISSUBSET on an unknown type", "[ipv4addr:value NOT ISSUBSET '192.168.0.1/24']"),
                // other spec §9 examples
                argumentSet("§9.1 START/STOP",
                        "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'"),
                argumentSet("§9.8 parenthesised OR AND timestamp",
                        "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']"),
                argumentSet("§9.8 three observations joined by AND",
                        "[user-account:account_type = 'unix' AND user-account:user_id = '1007'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008'] AND [user-account:user_id = '1009']"),
                argumentSet("§9.8 MATCHES on binary",
                        "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']"),
                argumentSet("§9.8 MATCHES directly followed by a string",
                        "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c$'] WITHIN 300 SECONDS"),
                argumentSet("§9.5 different types joined by OR, same type by AND",
                        "[(ipv4-addr:value = '198.51.100.1' AND ipv4-addr:x_tag = 'a') OR (domain-name:value = 'example.com' AND domain-name:x_tag = 'b')]"),
                argumentSet("§9.8 x509 serial number",
                        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']"),
                argumentSet("§9.6.1 EXISTS", "[EXISTS windows-registry-key:values]"),
                // our own
                argumentSet("NOT EXISTS", "[NOT EXISTS windows-registry-key:values]"),
                argumentSet("EXISTS joined with a same-type comparison", "[file:name = 'a.exe' AND EXISTS file:hashes.MD5]"),
                argumentSet("== and <> as the grammar allows", "[file:size == 1280 AND file:size <> 1]"),
                argumentSet("NOT IN, NOT LIKE", "[file:size NOT IN (1, 2) AND file:name NOT LIKE 'foo%']"),
                argumentSet("negative float and .5 float", "[x-sensor:temperature < -40.5 OR x-sensor:ratio >= .5]"),
                argumentSet("list index [0]", "[network-traffic:protocols[0] = 'tcp']"),
                argumentSet("WITHIN a float", "[file:name = 'a.exe'] WITHIN 0.5 SECONDS"),
                argumentSet("Unicode whitespace and line feeds", "[file:name = 'a.exe']\n\tAND\u00a0[file:name\u2003= 'b.exe']"),
                argumentSet("comments as the reference grammar skips them", "/* c */ [file:name = 'a.exe'] // trailing"),
                argumentSet("quoted first property", "[file:'name' = 'a.exe']"),
                argumentSet("SSDEEP value", "[file:hashes.SSDEEP = '96:s4Ud1Lj96tHHlZDrwciQmA:s4Ud1L96tHHlZDrwcT']"),
                argumentSet("escaped apostrophe and backslash", "[file:name = 'it\\'s a \\\\ file']"),
                argumentSet("leap second and nanoseconds",
                        "[file:created >= t'2016-12-31T23:59:60Z' AND file:modified < t'2016-06-01T00:00:00.123456789Z']"),
                argumentSet("29 February in a leap year", "[file:created = t'2024-02-29T00:00:00Z']"),
                argumentSet("qualifiers inside and on a group of an AND",
                        "([file:name = 'a.exe'] AND [file:name = 'b.exe'] WITHIN 5 SECONDS) WITHIN 60 SECONDS"),
                argumentSet("three qualifier types",
                        "[file:name = 'a.exe'] REPEATS 2 TIMES WITHIN 10 SECONDS START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'"),
                argumentSet("binary constant with a line feed", "[artifact:payload_bin = b'dGhp\ncyBp']"),
                argumentSet("IN set of strings", "[ipv4-addr:value IN ('198.51.100.1', '198.51.100.2')]"),
                argumentSet("ISSUPERSET", "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']"),
                argumentSet("deep path ending in a hash",
                        "[email-message:body_multipart[*].body_raw_ref.hashes.'SHA-256' = '" + SHA256 + "']"),
                argumentSet("booleans", "[email-message:is_multipart = true AND email-message:is_multipart != false]"),
                argumentSet("SHA3-256 hash", "[file:hashes.'SHA3-256' = '" + SHA256 + "']"),
                argumentSet("lowercase hash key from MISP", "[file:hashes.md5 = '001dd76872d80801692ff942308c64e6']"),
                argumentSet("OR between observations of different types",
                        "[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'example.com']"),
                argumentSet("the two-letter property id", "[file:id = 'file--5a27d487-c542-4c3a-9b0e-8b1b0b1b0b1b']"),
                argumentSet("empty hex constant", "[file:magic_number_hex != h'']"),
                argumentSet("whitespace inside an object path", "[ file : name = 'x.exe' ]"),
                argumentSet("greater than a string", "[file:name > 'a']"),
                argumentSet("negative integer", "[x-sensor:offset = -5]"));
    }

    @ParameterizedTest
    @MethodSource("validPatterns")
    void validPatternParsesAndRoundTrips(String pattern) throws PatternException {
        Pattern tree = StixPatterns.parse(pattern);
        String printed = tree.toPatternString();
        assertEquals(tree, StixPatterns.parse(printed), () -> "reparsing " + printed);
        assertEquals(printed, StixPatterns.parse(printed).toPatternString());
    }

    static Stream<Arguments> invalidPatterns() {
        String key = "[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar']";
        return Stream.of(
                // checklist §3.4: pattern-validator FAIL cases
                argumentSet("1 no square brackets", "file:size = 1280", "expected '[' or '('", 0),
                argumentSet("2 missing constant", "[file:size = ]", "expected a constant", 13),
                argumentSet("3 unquoted string", "[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]", "expected a constant", 19),
                argumentSet("4 '.' instead of ':'", "[file.size = 1280]", "expected ':'", 5),
                argumentSet("5 regex not a quoted string", "[file:name MATCHES /.*\\.dll/]", "unexpected character '/'", 19),
                argumentSet("6 WITHIN without number", key + " WITHIN ]", "number of seconds after WITHIN", 63),
                argumentSet("7 HOURS instead of SECONDS", key + " WITHIN 5 HOURS]", "expected SECONDS", 65),
                argumentSet("8 negative WITHIN", key + " WITHIN -5 SECONDS]", "positive number of seconds", 63),
                argumentSet("9 ISSUBSET without operand", "[network-traffic:dst_ref.value ISSUBSET ]", "quoted string after ISSUBSET", 40),
                argumentSet("10 bad operator =?", "[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']", "unexpected character '?'", 18),
                argumentSet("11 impossible timestamp (and '_' in the type)", "[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", "object type 'x_whatever'", 2),
                argumentSet("11b impossible timestamp month 73", "[x-whatever:detected == t'2457-73-22T32:81:84.1Z']", "month out of range", 31),
                argumentSet("12 base64 of only padding", "[artifact:payload_bin = b'====']", "invalid base64", 24),
                argumentSet("13 lowercase keywords", "[foo:bar=1] within 2 seconds", "keywords are UPPERCASE: 'within'", 12),
                argumentSet("14 not a SHA-256 value", "[file:hashes.'SHA-256' = 'f00']", "not a valid SHA-256 value", 25),
                argumentSet("15 duplicate WITHIN", key + " WITHIN 5 SECONDS WITHIN 6 SECONDS", "more than one WITHIN", 73),
                argumentSet("15b duplicate REPEATS", "[file:name = 'a'] REPEATS 2 TIMES REPEATS 3 TIMES", "more than one REPEATS", 34),
                argumentSet("15c duplicate START/STOP",
                        "[file:name = 'a'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z' START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
                        "more than one START/STOP", 77),
                // checklist §3.4 extra timestamps
                argumentSet("timestamp month 13", "[file:created = t'2024-13-01T12:00:00Z']", "month out of range", 23),
                argumentSet("timestamp second 61", "[file:created = t'2024-01-15T12:30:61Z']", "second out of range", 35),
                argumentSet("timestamp without Z", "[file:created = t'2024-01-15T12:30:45']", "YYYY-MM-DDTHH:mm:ss", 16),
                argumentSet("timestamp with slashes", "[file:created = t'2024/01/15T12:30:45Z']", "YYYY-MM-DDTHH:mm:ss", 22),
                // our own
                argumentSet("29 February in a common year", "[file:created = t'2023-02-29T00:00:00Z']", "day out of range", 26),
                argumentSet("timestamp hour 24", "[file:created = t'2024-01-15T24:00:00Z']", "hour out of range", 29),
                argumentSet("timestamp '.' without digits", "[file:created = t'2024-01-15T12:00:00.Z']", "digits expected", 38),
                argumentSet("unquoted name with '-'", "[file:hashes.SHA-256 = '" + SHA256 + "']", "must be quoted", 13),
                argumentSet("escape other than \\' and \\\\", "[file:name = 'a\\b']", "invalid escape '\\b'", 15),
                argumentSet("leading +", "[file:size = +5]", "leading '+'", 13),
                argumentSet("uppercase hex digits", "[file:magic_number_hex = h'FFD8']", "lowercase a-f", 27),
                argumentSet("odd-length hex", "[file:magic_number_hex = h'ffd']", "even number", 25),
                argumentSet("non-hex digit", "[file:magic_number_hex = h'fg']", "invalid hex digit 'g'", 28),
                argumentSet("mixed IN set", "[file:size IN (1, 'two')]", "of one type", 18),
                argumentSet("mixed integer/float IN set", "[file:size IN (1, 2.5)]", "of one type", 18),
                argumentSet("negative list index", "[network-traffic:protocols[-1] = 'tcp']", "must not be negative", 27),
                argumentSet("AND across object types",
                        "[ipv4-addr:value = '198.51.100.1' AND domain-name:value = 'example.com']", "must be joined by OR", 38),
                argumentSet("AND with an operand of several types",
                        "[(ipv4-addr:value = '198.51.100.1' OR domain-name:value = 'example.com') AND ipv4-addr:x_tag = 'c2']",
                        "several object types", 1),
                argumentSet("AND across types, type on the right mixed",
                        "[ipv4-addr:x_tag = 'c2' AND (ipv4-addr:value = '198.51.100.1' OR domain-name:value = 'example.com')]",
                        "several object types", 28),
                argumentSet("REPEATS 0", "[file:name = 'a'] REPEATS 0 TIMES", "positive integer", 26),
                argumentSet("REPEATS a float", "[file:name = 'a'] REPEATS 2.5 TIMES", "positive integer after REPEATS", 26),
                argumentSet("WITHIN 0", "[file:name = 'a'] WITHIN 0 SECONDS", "positive number", 25),
                argumentSet("WITHIN 5 MINUTES", "[file:name = 'a'] WITHIN 5 MINUTES", "expected SECONDS", 27),
                argumentSet("lowercase observation AND", "[file:name = 'a'] and [file:name = 'b']", "'and' must be written AND", 18),
                argumentSet("lowercase comparison OR", "[file:name = 'a' or file:name = 'b']", "'or' must be written OR", 17),
                argumentSet("lowercase operator like", "[file:name like 'a%']", "'like' must be written LIKE", 11),
                argumentSet("uppercase object type", "[File:name = 'a']", "object type 'File'", 1),
                argumentSet("uppercase property name", "[file:Name = 'a']", "property name 'Name'", 6),
                argumentSet("object type too short", "[xy:name = 'a']", "3 to 250 characters", 1),
                argumentSet("property name with a space", "[file:'x y' = 'a']", "property name 'x y'", 6),
                argumentSet("dictionary key with a space", "[file:extensions.'windows pebinary' = 1]", "may only contain", 17),
                argumentSet("MD5 of 3 characters", "[file:hashes.MD5 = 'abc']", "not a valid MD5 value", 19),
                argumentSet("SHA-1 with non-hex characters",
                        "[file:hashes.'SHA-1' = 'zz46aba99aa7158e4609aaa72b50990842fd22ae']", "not a valid SHA-1", 23),
                argumentSet("SHA-512 of 64 digits in an IN set", "[file:hashes.'SHA-512' IN ('" + SHA256 + "')]", "not a valid SHA-512", 26),
                argumentSet("exponent in a number", "[file:size = 1e5]", "exponents are not allowed", 14),
                argumentSet("integer with leading zeros", "[file:size = 007]", "leading zeros", 13),
                argumentSet("integer beyond 2^53-1", "[file:size = 9007199254740992]", "STIX range", 13),
                argumentSet("uppercase boolean", "[email-message:is_multipart = TRUE]", "booleans are written lowercase", 30),
                argumentSet("boolean with >", "[email-message:is_multipart > true]", "boolean cannot be compared with >", 30),
                argumentSet("empty brackets", "[]", "empty observation expression", 1),
                argumentSet("empty pattern", "", "empty pattern", 0),
                argumentSet("blank pattern", " \n ", "empty pattern", 0),
                argumentSet("unclosed bracket", "[file:name = 'a'", "']' closing the '[' at 0", 16),
                argumentSet("unclosed parenthesis", "([file:name = 'a']", "')' closing the '(' at 0", 18),
                argumentSet("stray closing bracket", "[file:name = 'a']]", "end of the pattern", 17),
                argumentSet("unterminated string", "[file:name = 'unterminated]", "unterminated string", 13),
                argumentSet("LIKE with a number", "[file:name LIKE 5]", "quoted string after LIKE", 16),
                argumentSet("START with a plain string",
                        "[file:name = 'a'] START '2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'", "timestamp t'...' after START", 24),
                argumentSet("FOLLOWEDBY without right operand", "[file:name = 'a'] FOLLOWEDBY", "found end of pattern", 28),
                argumentSet("NOT before the path", "[NOT file:name = 'a']", "EXISTS after a leading NOT", 5),
                argumentSet("base64 padding in the middle", "[artifact:payload_bin = b'dGhpcw=x']", "only allowed at the end", 33),
                argumentSet("base64 length not a multiple of 4", "[artifact:payload_bin = b'abc']", "multiple of 4", 24),
                argumentSet("base64 invalid character", "[artifact:payload_bin = b'ab-c']", "invalid base64 character '-'", 28),
                argumentSet("duplicate WITHIN across redundant parentheses (our policy)",
                        "([file:name = 'a'] WITHIN 5 SECONDS) WITHIN 6 SECONDS", "more than one WITHIN", 37),
                argumentSet("two observations without operator", "[file:name = 'a'] [file:name = 'b']", "found '['", 18),
                argumentSet("uppercase constant prefix", "[file:magic_number_hex = H'ffd8']", "prefix must be lowercase", 25),
                argumentSet("keyword as bare property name", "[x-thing:IN = 1]", "reserved word", 9),
                argumentSet("missing operator", "[file:name 'a']", "comparison operator", 11),
                argumentSet("lone '!'", "[file:name ! 'a']", "did you mean '!='", 11),
                argumentSet("unterminated comment", "[file:name = 'a'] /* oops", "unterminated comment", 18));
    }

    @ParameterizedTest
    @MethodSource("invalidPatterns")
    void invalidPatternIsRejectedWithPositionAndReason(String pattern, String reason, int position) {
        PatternException e = assertThrows(PatternException.class, () -> StixPatterns.parse(pattern));
        assertTrue(e.reason().contains(reason), () -> "reason '" + e.reason() + "' lacks '" + reason + "'");
        assertEquals(position, e.position(), () -> "position of: " + e.reason());
    }
}

package nl.camiso.server.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The canonical form: unambiguous, and every field is covered by the hash. */
class AuditChainTest {

    static AuditEntry entry(String actor, String org, List<String> ids, String detail) {
        return new AuditEntry(7, 1_717_236_000_123_456L, "write", actor, org, "10.0.0.1", "ndn", "c",
                ids, "success", detail, AuditChain.GENESIS, null);
    }

    @Test
    void knownHashOfTheVersion1Format() {
        AuditEntry e = entry("ncsc-analyst", "ncsc", List.of("indicator--1"), null);
        assertEquals("camiso-audit/1\nseq=7\nat=1717236000123456\naction=5:write\nactor=12:ncsc-analyst\n"
                + "organisation=4:ncsc\nremote=8:10.0.0.1\napi_root=3:ndn\ncollection=1:c\nobjects=1\n"
                + "12:indicator--1\noutcome=7:success\ndetail=~\nprev=" + AuditChain.GENESIS + "\n", AuditChain.canonical(e));
        assertEquals(64, AuditChain.hash(e).length());
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // same characters, different split between fields or list items: different hashes
        assertNotEquals(AuditChain.hash(entry("ab", "c", List.of(), null)), AuditChain.hash(entry("a", "bc", List.of(), null)));
        assertNotEquals(AuditChain.hash(entry("a", null, List.of(), null)), AuditChain.hash(entry("a", "", List.of(), null)));
        assertNotEquals(AuditChain.hash(entry("a", null, List.of("x", "y"), null)),
                AuditChain.hash(entry("a", null, List.of("x\n1:y"), null)));
        assertNotEquals(AuditChain.hash(entry("a", null, List.of(), "d")), AuditChain.hash(entry("a", null, List.of(), "e")));
    }

    @Test
    void safeTextIsBoundedAndStorable() {
        assertEquals("a?b?c", AuditChain.safe("a\u0000b\nc", 100));
        assertEquals("?x", AuditChain.safe("\udc00x", 100));
        assertEquals("ab...", AuditChain.safe("abcdefgh", 5));
        assertEquals("🦊🦊", AuditChain.safe("🦊🦊", 4));
        assertEquals("a...", AuditChain.safe("a🦊🦊🦊", 5));
        assertEquals(null, AuditChain.safe(null, 5));
    }
}

package nl.camiso.server.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where audit events go. Now: the log ({@link #logging()}). The sharing-network issue plugs in
 * the append-only, hash-chained audit log behind this same interface.
 */
public interface AuditSink {

    void record(AuditEvent event);

    /** Writes each event as one line to the logger {@code camiso.audit}. */
    static AuditSink logging() {
        Logger log = LoggerFactory.getLogger("camiso.audit");
        return e -> log.warn("{} actor={} from={} {}", e.action(), clean(e.actor()),
                e.remoteAddress() == null ? "-" : e.remoteAddress(), clean(e.detail()));
    }

    static AuditSink none() {
        return e -> { };
    }

    /** Client-supplied text in a log line: printable, bounded (no forged lines). */
    static String clean(String s) {
        if (s == null) {
            return "-";
        }
        String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }
}

package nl.camiso.server.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where audit events go: the append-only, hash-chained {@link DbAuditLog} in the server, a log
 * line ({@link #logging()}) or nothing ({@link #none()}) elsewhere. Callers build events with
 * {@link AuditEvent#builder(String)}; {@code record} throws {@link AuditException} when the
 * event cannot be stored.
 */
public interface AuditSink {

    void record(AuditEvent event);

    /** Writes each event as one line to the logger {@code camiso.audit}. */
    static AuditSink logging() {
        Logger log = LoggerFactory.getLogger("camiso.audit");
        return e -> log.warn("{} {} actor={} org={} from={} collection={}/{} objects={} {}", e.action(), e.outcome(),
                clean(e.actor()), clean(e.organisation()), e.remoteAddress() == null ? "-" : e.remoteAddress(),
                clean(e.apiRoot()), clean(e.collection()), e.objectIds().size(), clean(e.detail()));
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

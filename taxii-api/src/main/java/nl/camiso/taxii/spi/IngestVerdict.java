package nl.camiso.taxii.spi;

import java.util.Set;

/**
 * The ingest policy's decision on one valid object about to be added: refuse it (the reason goes
 * into the status {@code failures}), accept it, optionally with a warning (it goes into the status
 * {@code successes[].message}), or let it wait for marking definitions that have not arrived yet
 * (it goes into the status {@code pendings}, is not stored and is judged again when they arrive).
 *
 * @param refusal  null unless refused
 * @param warning  null for none; ignored when refused
 * @param awaiting the ids of the marking definitions it waits for; empty unless it waits
 * @param waitReason why it waits (status {@code pendings[].message}); null unless it waits
 */
public record IngestVerdict(String refusal, String warning, Set<String> awaiting, String waitReason) {

    private static final IngestVerdict ACCEPT = new IngestVerdict(null, null, Set.of(), null);

    public IngestVerdict {
        awaiting = Set.copyOf(awaiting);
        if (refusal != null && !awaiting.isEmpty()) {
            throw new IllegalArgumentException("a verdict either refuses or waits");
        }
    }

    public IngestVerdict(String refusal, String warning) {
        this(refusal, warning, Set.of(), null);
    }

    public static IngestVerdict accept() {
        return ACCEPT;
    }

    public static IngestVerdict acceptWithWarning(String warning) {
        return new IngestVerdict(null, warning);
    }

    public static IngestVerdict refuse(String reason) {
        return new IngestVerdict(reason, null);
    }

    /** Not yet: the object waits until these marking definitions can be found (or a time passes). */
    public static IngestVerdict waitFor(Set<String> markingIds, String reason) {
        if (markingIds.isEmpty()) {
            throw new IllegalArgumentException("waits for nothing");
        }
        return new IngestVerdict(null, null, markingIds, reason);
    }

    public boolean refused() {
        return refusal != null;
    }

    public boolean waits() {
        return !awaiting.isEmpty();
    }

    /** The same decision with a warning added (a waiting object keeps waiting). */
    public IngestVerdict withWarning(String more) {
        return new IngestVerdict(refusal, warning == null ? more : warning + "; " + more, awaiting, waitReason);
    }
}

package nl.camiso.taxii.spi;

/**
 * A valid object that waits for marking definitions not found yet ({@link IngestVerdict#waitFor}):
 * kept out of the collection, listed in the status {@code pendings}, judged again when they arrive.
 *
 * @param object   the object as it would be stored
 * @param verdict  the waiting verdict (what it waits for, and why)
 */
public record WaitingObject(IncomingObject object, IngestVerdict verdict) {

    public WaitingObject {
        if (!verdict.waits()) {
            throw new IllegalArgumentException("not a waiting verdict");
        }
    }

    /** Its status {@code pendings} entry. */
    public StatusDetail detail() {
        String version = object.object().versionText();
        return new StatusDetail(object.object().id(), version == null ? "" : version, verdict.waitReason());
    }
}

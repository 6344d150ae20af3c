package nl.camiso.taxii.spi;

/**
 * The access policy's decision on one valid object about to be added: refuse it (the reason goes
 * into the status {@code failures}), or accept it, optionally with a warning (it goes into the
 * status {@code successes[].message}).
 *
 * @param refusal null to accept
 * @param warning null for none; ignored when refused
 */
public record IngestVerdict(String refusal, String warning) {

    private static final IngestVerdict ACCEPT = new IngestVerdict(null, null);

    public static IngestVerdict accept() {
        return ACCEPT;
    }

    public static IngestVerdict acceptWithWarning(String warning) {
        return new IngestVerdict(null, warning);
    }

    public static IngestVerdict refuse(String reason) {
        return new IngestVerdict(reason, null);
    }

    public boolean refused() {
        return refusal != null;
    }
}

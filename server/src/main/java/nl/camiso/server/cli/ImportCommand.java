package nl.camiso.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.cli.ImportTarget.EnvelopeRefused;
import nl.camiso.server.cli.ImportTarget.ImportException;
import nl.camiso.server.accounts.AccountException;
import nl.camiso.server.config.ConfigException;
import nl.camiso.server.storage.DatabaseInUseException;
import nl.camiso.server.storage.UnsupportedDatabaseException;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code camiso import FILE... --collection C}: loads STIX bundles of any size into a collection
 * through the same rules as a client's POST, either over TAXII ({@code --url}) or on the data
 * directory as a named account ({@code --as}).
 *
 * <p>Each file is read three times, never as a whole tree: a scan (well-formed JSON, a bundle,
 * counts), then its marking definitions (wherever the bundle lists them) so that the objects
 * marked with them can be checked, then everything else. Memory stays at one envelope (at most
 * the API root's {@code max_content_length}) plus one object, whatever the file's size.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import STIX 2.1 bundles into a collection, through the same rules as a TAXII POST.",
                "Over TAXII with --url (credentials: --user with --password-file or CAMISO_PASSWORD, or a bearer"
                        + " token from --token-file or CAMISO_TOKEN), or on the data directory with --as ACCOUNT"
                        + " (the server must not be running on it).",
                "Exit code 0 = every object stored or already present, 1 = some refused or still pending,"
                        + " 2 = usage, file or connection errors."})
final class ImportCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int SOME_REFUSED = 1;
    static final int FAILED = 2;

    /** What the store says of an object version it already had. */
    static final String ALREADY_PRESENT = "already present";
    private static final byte[] ENVELOPE_START = "{\"objects\":[".getBytes(StandardCharsets.UTF_8);
    private static final int ENVELOPE_END_LENGTH = 2; // "]}"
    private static final Pattern STIX_ID = Pattern.compile("[a-z0-9][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}");
    private static final int REASONS_SHOWN = 15;

    /** The argument that stands for standard input, and the name messages give it. */
    static final String STDIN = "-";
    static final String STDIN_LABEL = "stdin";

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "STIX bundle files (JSON); - reads standard input")
    List<Path> files;

    @Option(names = "--collection", required = true, paramLabel = "ID|ALIAS", description = "The collection to add to")
    String collection;

    @Option(names = "--api-root", paramLabel = "NAME",
            description = "The collection's API root (default: the one API root that has it)")
    String apiRoot;

    @Option(names = "--url", paramLabel = "URL",
            description = "A running server, e.g. http://127.0.0.1:8080 (without it: the data directory)")
    URI url;

    @Option(names = "--user", paramLabel = "NAME", description = "With --url: the account (HTTP Basic)")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "With --user: a file whose first line is the password (default: $CAMISO_PASSWORD)")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "With --url: a file holding a bearer token (default: $CAMISO_TOKEN)")
    Path tokenFile;

    @Option(names = "--as", paramLabel = "ACCOUNT",
            description = "Without --url: the account whose rights and organisation apply")
    String account;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Most objects per envelope (default: ${DEFAULT-VALUE}); envelopes also stay under the"
                    + " API root's max_content_length")
    int batch;

    @Option(names = "--pending-timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long to follow a pending status before giving up on it (default: ${DEFAULT-VALUE})")
    int pendingTimeout;

    @Mixin
    StoreOptions store;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        if (batch < 1) {
            return usage("--batch must be at least 1");
        }
        if (files.stream().filter(ImportCommand::isStdin).count() > 1) {
            return usage("- (standard input) can be given only once");
        }
        ImportTarget target;
        try {
            target = openTarget();
        } catch (ImportException | DatabaseInUseException | UnsupportedDatabaseException | ConfigException
                 | AccountException e) {
            return usage(e.getMessage());
        }
        if (target == null) {
            return FAILED;
        }
        ImportSummary total = new ImportSummary();
        boolean failed = false;
        try (target) {
            for (Path file : files) {
                String label = isStdin(file) ? STDIN_LABEL : file.toString();
                ImportSummary summary = new ImportSummary();
                try {
                    if (isStdin(file)) {
                        importStdin(target, summary);
                    } else {
                        importFile(file, file.getFileName().toString(), target, summary);
                    }
                } catch (NoSuchFileException e) {
                    err.println("camiso import: " + label + ": cannot read: no such file");
                    failed = true;
                } catch (BundleStream.BadBundle e) {
                    err.println("camiso import: " + label + ": " + e.getMessage() + "; nothing imported from it");
                    failed = true;
                } catch (IOException e) {
                    err.println("camiso import: " + label + ": cannot read: " + e.getMessage());
                    failed = true;
                } catch (ImportException e) {
                    err.println("camiso import: " + label + ": " + e.getMessage() + "; import stopped");
                    summary.print(out, label + " (incomplete)", REASONS_SHOWN);
                    return FAILED;
                }
                if (summary.objects() > 0 || files.size() == 1) {
                    summary.print(out, label, REASONS_SHOWN);
                }
                total.add(summary);
            }
            if (files.size() > 1) {
                total.print(out, "all files", REASONS_SHOWN);
            }
        }
        out.flush();
        return failed ? FAILED : total.refused() > 0 || total.pending() > 0 ? SOME_REFUSED : OK;
    }

    private int usage(String message) {
        err.println("camiso import: " + message);
        return FAILED;
    }

    private ImportTarget openTarget() {
        if (url == null) {
            if (account == null) {
                throw new ImportException("say which account imports: --as ACCOUNT (on the data directory),"
                        + " or --url with credentials (a running server)");
            }
            if (user != null || passwordFile != null || tokenFile != null) {
                throw new ImportException("--user, --password-file and --token-file need --url");
            }
            return new OfflineTarget(store, account, apiRoot, collection);
        }
        if (account != null) {
            throw new ImportException("--as is for the data directory; over --url the credentials say who imports");
        }
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new ImportException("--url must be an http:// or https:// address, e.g. http://127.0.0.1:8080");
        }
        return new HttpTarget(url, authorization(), apiRoot, collection);
    }

    private String authorization() {
        String token = tokenFile != null ? firstLine(tokenFile, "--token-file") : null;
        if (token == null && user == null) {
            token = System.getenv("CAMISO_TOKEN");
        }
        if (token != null && !token.isBlank()) {
            if (user != null) {
                throw new ImportException("give either --user or a bearer token, not both");
            }
            return "Bearer " + token.trim();
        }
        if (user == null) {
            return null; // anonymous: only public collections, which nobody may write; the server says so
        }
        String password = passwordFile != null ? firstLine(passwordFile, "--password-file") : System.getenv("CAMISO_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new ImportException("--user needs a password: --password-file FILE or the CAMISO_PASSWORD variable");
        }
        return HttpTarget.basic(user, password);
    }

    private static String firstLine(Path file, String option) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException e) {
            throw new ImportException("cannot read the " + option + " " + file);
        }
    }

    // --- one file ---------------------------------------------------------------------------------

    private static boolean isStdin(Path file) {
        return STDIN.equals(file.toString());
    }

    /**
     * Standard input can be read only once and a bundle is read three times, so it is copied to a
     * private temporary file first: memory stays as small as for a file, and the same checks and
     * messages apply. The copy is removed whatever happens.
     */
    private void importStdin(ImportTarget target, ImportSummary summary) throws IOException {
        Path copy = Files.createTempFile("camiso-import-stdin-", ".json");
        try {
            // not closed: stdin belongs to the process
            Files.copy(System.in, copy, StandardCopyOption.REPLACE_EXISTING);
            importFile(copy, STDIN_LABEL, target, summary);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** {@code name}: what the progress line calls the input. */
    private void importFile(Path file, String name, ImportTarget target, ImportSummary summary) throws IOException {
        BundleStream.Scan scan = BundleStream.scan(file);
        Progress progress = new Progress(name, scan.objects(), summary);
        Envelopes envelopes = new Envelopes(target, summary, progress);
        if (scan.markingDefinitions() > 0) {
            sendItems(file, envelopes, BundleStream::isMarkingDefinition);
            envelopes.flush(); // stored before anything that may be marked with them
        }
        sendItems(file, envelopes, item -> !BundleStream.isMarkingDefinition(item));
        envelopes.flush();
        progress.done();
    }

    private static void sendItems(Path file, Envelopes envelopes, Predicate<JsonNode> which) throws IOException {
        BundleStream.forEach(file, (index, item) -> {
            if (which.test(item)) {
                envelopes.add(index, item);
            }
        });
    }

    /** Fills envelopes up to the batch size and the API root's max_content_length, and sends them. */
    private final class Envelopes {
        private final ImportTarget target;
        private final ImportSummary summary;
        private final Progress progress;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final long max;
        private int count;

        Envelopes(ImportTarget target, ImportSummary summary, Progress progress) {
            this.target = target;
            this.summary = summary;
            this.progress = progress;
            this.max = target.maxContentLength();
        }

        void add(int index, JsonNode item) throws IOException {
            if (!item.isObject()) {
                summary.refused(null, "objects[" + index + "] is not a JSON object; every item must be a STIX object");
                progress.update(1);
                return;
            }
            byte[] json = StixJson.writeBytes(item);
            if (ENVELOPE_START.length + json.length + ENVELOPE_END_LENGTH > max) {
                summary.refused(item.path("id").asText(null), "the object alone is " + json.length
                        + " octets, too large for an envelope under the API root's max_content_length of "
                        + max + " octets");
                progress.update(1);
                return;
            }
            if (count > 0 && (count >= batch || buffer.size() + 1 + json.length + ENVELOPE_END_LENGTH > max)) {
                flush();
            }
            if (count == 0) {
                buffer.reset();
                buffer.write(ENVELOPE_START);
            } else {
                buffer.write(',');
            }
            buffer.write(json);
            count++;
        }

        void flush() throws IOException {
            if (count == 0) {
                return;
            }
            buffer.write(']');
            buffer.write('}');
            int sent = count;
            count = 0;
            byte[] envelope = buffer.toByteArray();
            buffer.reset();
            StatusRecord status;
            try {
                status = finished(target.post(envelope));
            } catch (EnvelopeRefused e) {
                summary.envelopeRefused(sent, e.getMessage());
                progress.update(sent);
                return;
            }
            summary.add(status);
            progress.update(sent);
        }

        /** Follows a pending status until it is complete or --pending-timeout has passed. */
        private StatusRecord finished(StatusRecord status) throws IOException {
            long deadline = System.nanoTime() + pendingTimeout * 1_000_000_000L;
            long wait = 200;
            while ("pending".equals(status.status()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while following status " + status.id());
                }
                wait = Math.min(wait * 2, 5000);
                Optional<StatusRecord> again = target.status(status.id());
                if (again.isEmpty()) {
                    break;
                }
                status = again.get();
            }
            return status;
        }
    }

    /** One progress line on standard error, rewritten in place on a terminal, else one line per step. */
    private final class Progress {
        private final String name;
        private final int total;
        private final ImportSummary summary;
        private final boolean terminal = System.console() != null;
        private int done;

        Progress(String name, int total, ImportSummary summary) {
            this.name = name;
            this.total = total;
            this.summary = summary;
        }

        void update(int objects) {
            done += objects;
            String line = "import " + name + ": " + done + "/" + total + " objects ("
                    + (total == 0 ? 100 : done * 100L / total) + "%), " + summary.stored() + " stored, "
                    + summary.duplicates() + " already present, " + summary.refused() + " refused";
            if (terminal) {
                err.print("\r" + line);
            } else {
                err.println(line);
            }
            err.flush();
        }

        void done() {
            if (terminal && done > 0) {
                err.println();
            }
        }
    }

    // --- summary --------------------------------------------------------------------------------------

    /** Counts per outcome, and the refusal reasons grouped (object ids taken out) with a count and an example. */
    static final class ImportSummary {
        private int stored;
        private int warned;
        private int duplicates;
        private int refused;
        private int pending;
        private final Map<String, int[]> reasons = new LinkedHashMap<>();
        private final Map<String, String> examples = new LinkedHashMap<>();

        void add(StatusRecord status) {
            for (StatusDetail s : status.successes()) {
                if (ALREADY_PRESENT.equals(s.message())) {
                    duplicates++;
                } else {
                    stored++;
                    if (s.message() != null) {
                        warned++;
                    }
                }
            }
            status.failures().forEach(f -> refused(f.id(), f.message()));
            pending += status.pendings().size();
        }

        void refused(String id, String reason) {
            refused++;
            String why = reason == null || reason.isBlank() ? "refused (no reason given)" : reason;
            String group = STIX_ID.matcher(why).replaceAll("<id>");
            reasons.computeIfAbsent(group, k -> new int[1])[0]++;
            if (id != null && !id.isEmpty()) {
                examples.putIfAbsent(group, id);
            }
        }

        void envelopeRefused(int objects, String reason) {
            for (int i = 0; i < objects; i++) {
                refused(null, "envelope refused: " + reason);
            }
        }

        void add(ImportSummary other) {
            stored += other.stored;
            warned += other.warned;
            duplicates += other.duplicates;
            refused += other.refused;
            pending += other.pending;
            other.reasons.forEach((k, v) -> reasons.computeIfAbsent(k, x -> new int[1])[0] += v[0]);
            other.examples.forEach(examples::putIfAbsent);
        }

        int stored() {
            return stored;
        }

        int duplicates() {
            return duplicates;
        }

        int refused() {
            return refused;
        }

        int pending() {
            return pending;
        }

        int objects() {
            return stored + duplicates + refused + pending;
        }

        void print(PrintStream out, String what, int maxReasons) {
            out.println(what + ": " + objects() + " objects: " + stored + " stored"
                    + (warned > 0 ? " (" + warned + " with a warning)" : "") + ", " + duplicates + " already present, "
                    + refused + " refused" + (pending > 0 ? ", " + pending + " still pending" : ""));
            reasons.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]))
                    .limit(maxReasons)
                    .forEach(e -> out.println("  refused " + e.getValue()[0] + "x: " + e.getKey()
                            + (examples.containsKey(e.getKey()) ? " (e.g. " + examples.get(e.getKey()) + ")" : "")));
            if (reasons.size() > maxReasons) {
                out.println("  ... and " + (reasons.size() - maxReasons) + " other reasons");
            }
        }
    }
}

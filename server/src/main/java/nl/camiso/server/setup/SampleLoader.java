package nl.camiso.server.setup;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.SeedMarks;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationIssue;
import nl.camiso.stix.validation.ValidationReport;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.VersionMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the configuration's sample bundles ({@code load:}) into their collections once: on the
 * first start, into an empty collection. A marker row makes it never happen again, so deleting
 * sample objects later sticks. Objects go through the same validator and store as a POST.
 */
public final class SampleLoader {

    /** The owner of the status resources the sample load creates. */
    public static final String OWNER = "camiso-samples";
    private static final int CHUNK = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    private final CamisoConfig config;
    private final SeedMarks seeds;
    private final ObjectStore store;
    private final StixValidator validator;

    public SampleLoader(CamisoConfig config, Database database, ObjectStore store, StixValidator validator) {
        this.config = config;
        this.seeds = new SeedMarks(database);
        this.store = store;
        this.validator = validator;
    }

    public void loadOnce() {
        for (ApiRootConfig root : config.apiRoots()) {
            for (CollectionConfig c : root.collections()) {
                if (!c.load().isEmpty()) {
                    loadOnce(root.name(), c);
                }
            }
        }
    }

    private void loadOnce(String apiRoot, CollectionConfig c) {
        String key = "samples:" + c.id();
        if (seeds.isDone(key)) {
            return;
        }
        boolean empty = store.find(c.id(), new ObjectQuery(null, null, null, 1, List.of(), List.of(),
                VersionMatch.ALL, List.of(), false)).items().isEmpty();
        int loaded = 0;
        if (empty) {
            for (String file : c.load()) {
                loaded += loadFile(apiRoot, c, file);
            }
            LOG.info("Sample data: {} objects loaded into {}/{} ({})", loaded, apiRoot,
                    c.alias() != null ? c.alias() : c.id(), String.join(", ", c.load()));
        }
        seeds.markDone(key);
    }

    private int loadFile(String apiRoot, CollectionConfig c, String file) {
        JsonNode content;
        try (InputStream in = config.source().open(file)) {
            content = StixJson.parse(in);
        } catch (IOException e) {
            throw new StartupException("cannot read sample file " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> objects = new ArrayList<>();
        if (content.isObject() && "bundle".equals(content.path("type").asText())) {
            content.path("objects").forEach(objects::add);
        } else if (content.isArray()) {
            content.forEach(objects::add);
        } else {
            objects.add(content);
        }
        int stored = 0;
        for (int from = 0; from < objects.size(); from += CHUNK) {
            List<JsonNode> chunk = objects.subList(from, Math.min(objects.size(), from + CHUNK));
            List<IncomingObject> accepted = new ArrayList<>();
            List<StatusDetail> refused = new ArrayList<>();
            for (JsonNode node : chunk) {
                ValidationReport report = node.isObject() ? validator.validateObject(node) : null;
                if (report == null || !report.isValid()) {
                    String why = report == null ? "not a JSON object"
                            : report.errors().stream().map(ValidationIssue::toString).collect(Collectors.joining("; "));
                    LOG.warn("Sample file {}: object skipped: {}", file, why);
                    refused.add(new StatusDetail(node.path("id").asText(null), node.path("modified").asText(null), why));
                    continue;
                }
                StixObject o = StixObject.of(node);
                accepted.add(new IncomingObject(o, StixJson.writeBytes(node)));
            }
            store.add(apiRoot, c.id(), OWNER, nowMicros(), chunk.size(), accepted, refused);
            stored += accepted.size();
        }
        return stored;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}

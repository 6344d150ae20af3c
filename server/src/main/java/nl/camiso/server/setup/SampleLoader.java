package nl.camiso.server.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Role;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.SeedMarks;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.resources.EnvelopeIntake;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.VersionMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads the configuration's sample bundles ({@code load:}) into their collections once: on the
 * first start, into an empty collection. A marker row makes it never happen again, so deleting
 * sample objects later sticks.
 *
 * <p>Sample data obeys the same rules as a client's: each file goes, in envelopes of at most
 * {@value #CHUNK} objects, through the one {@link EnvelopeIntake} (validation and the collection's
 * ingest policy: TLP, references, marking definitions), as the operator {@link #OPERATOR}. That
 * is an admin, so it may name any organisation as creator; everything else is judged as for anyone.
 * Collections are loaded in the order the configuration lists them, so an object may refer to
 * sample objects of a collection listed before its own. A refused object is logged and skipped.
 */
public final class SampleLoader {

    /** The owner of the status resources the sample load creates. */
    public static final String OWNER = "camiso-samples";
    /** Who loads the samples: the server's operator (admin role), never a stored account. */
    public static final Principal OPERATOR = Principal.of(
            new Account(OWNER, null, Set.of(Role.ADMIN), List.of(), null));
    private static final int CHUNK = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    private final CamisoConfig config;
    private final Database database;
    private final SeedMarks seeds;
    private final TaxiiServices services;

    /** @param services the validator and ingest policy every intake uses; objects go to the database's store */
    public SampleLoader(CamisoConfig config, Database database, TaxiiServices services) {
        this.config = config;
        this.database = database;
        this.seeds = new SeedMarks(database);
        this.services = services;
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
        ObjectStore store = database.objectStore();
        boolean empty = store.find(c.id(), new ObjectQuery(null, null, null, 1, List.of(), List.of(),
                VersionMatch.ALL, List.of(), false)).items().isEmpty();
        int loaded = 0;
        if (empty) {
            CollectionInfo collection = services.catalog().collection(apiRoot, c.id())
                    .orElseThrow(() -> new StartupException("sample collection " + c.id() + " is not in the catalog"));
            for (String file : c.load()) {
                loaded += loadFile(collection, store, file);
            }
            LOG.info("Sample data: {} objects loaded into {}/{} ({})", loaded, apiRoot,
                    c.alias() != null ? c.alias() : c.id(), String.join(", ", c.load()));
        }
        seeds.markDone(key);
    }

    private int loadFile(CollectionInfo collection, ObjectStore store, String file) {
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
            ObjectNode envelope = StixJson.mapper().createObjectNode();
            ArrayNode chunk = envelope.putArray("objects");
            for (JsonNode node : objects.subList(from, Math.min(objects.size(), from + CHUNK))) {
                if (node.isObject()) {
                    chunk.add(node);
                } else {
                    LOG.warn("Sample file {}: item skipped: not a JSON object", file);
                }
            }
            EnvelopeIntake intake = EnvelopeIntake.of(envelope, services, OPERATOR, collection);
            intake.refused().forEach(d -> LOG.warn("Sample file {}: {} refused: {}", file, d.id(), d.message()));
            stored += intake.store(store, collection.apiRoot(), collection.id(), OWNER, nowMicros()).successCount();
        }
        return stored;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}

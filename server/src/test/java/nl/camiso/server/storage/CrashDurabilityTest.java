package nl.camiso.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.audit.DbAuditLog;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Acknowledged means durable, tried the hard way: a real server process ({@code camiso serve} in a
 * child JVM), four threads posting envelopes of ten objects to the demo collection
 * {@code ndn-green}, {@code kill -9} of the process at a random moment, a restart on the same data
 * directory or database, and then every object whose status said success must be readable, every
 * such status resource must be there, and every one of them must have its audit entry. Three
 * rounds on the embedded H2 file, two on PostgreSQL (skipped when it is not reachable; its commits
 * were durable before, and each round costs two JVM starts). At the end the server is stopped
 * cleanly and the audit chain is verified.
 *
 * <p>A kill cannot lose what the operating system already has; a power cut could. That the H2 file
 * is forced to the disk before the answer is checked by {@code DurableAcknowledgementTest}.
 */
class CrashDurabilityTest {

    private static final String GREEN = "deeadbed-fb79-43d2-8a28-43cf9e91a347";
    private static final String TAXII = "application/taxii+json;version=2.1";
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("admin:camiso-demo".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("CAMISO listening on (http://[^ ]+/)taxii2/");
    private static final Pattern STATUS_IN_DETAIL = Pattern.compile("^status ([0-9a-f-]{36}):");
    private static final int H2_ROUNDS = 3;
    private static final int PG_ROUNDS = 2;
    private static final int WRITERS = 4;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void acknowledgedWritesSurviveKillMinus9OnH2() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.h2()) {
            Path dataDir = Path.of(db.settings().jdbcUrl().replaceFirst("^jdbc:h2:file:", "").replaceFirst(";.*", ""))
                    .getParent();
            crashRounds(db.settings(), List.of("--data-dir", dataDir.toString()), true);
        }
    }

    @Test
    void acknowledgedWritesSurviveKillMinus9OnPostgres() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.postgres()) {
            Path dataDir = Files.createTempDirectory("camiso-crash-pg-");
            try {
                crashRounds(db.settings(), List.of("--data-dir", dataDir.toString(), "--db-url", db.settings().jdbcUrl(),
                        "--db-user", db.settings().user()), false);
            } finally {
                TestDatabases.deleteTree(dataDir);
            }
        }
    }

    private void crashRounds(DatabaseSettings settings, List<String> storeArgs, boolean h2) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, List<String>> acknowledged = new HashMap<>(); // status id -> the object ids it reported stored
        ServerProcess server = ServerProcess.start(storeArgs);
        try {
            for (int round = 1; round <= (h2 ? H2_ROUNDS : PG_ROUNDS); round++) {
                String context = "round " + round + " (seed " + seed + ")";
                Map<String, List<String>> acked = writeUntilKilled(server, 300 + random.nextInt(1200), context);
                acknowledged.putAll(acked);
                server = ServerProcess.start(storeArgs);
                checkEverythingAcknowledgedIsThere(server, acknowledged, context);
                if (h2) {
                    assertTrue(server.log().contains("was not closed cleanly"),
                            context + ": the restart after kill -9 says the last shutdown was not clean");
                }
            }
        } finally {
            server.stop();
        }
        if (h2) {
            String base = settings.jdbcUrl().replaceFirst("^jdbc:h2:file:", "").replaceFirst(";.*", "");
            assertTrue(Files.exists(Path.of(base + ".mv.db")) && !Files.exists(Path.of(base + ".open")),
                    "a clean stop removes the marker of a running server");
        }
        // stopped cleanly: the audit chain, recovered after every kill, is still whole
        try (Database db = Database.open(settings, HibernateAccountTables.ENTITY_CLASSES)) {
            DbAuditLog.Verification v = new DbAuditLog(new JdbcAuditTrail(db)).verify();
            assertTrue(v.ok(), "audit chain after the crashes: " + v.reason());
        }
    }

    /** Four writers post until the server is killed, at {@code killAfterMillis} after the first acknowledgement. */
    private Map<String, List<String>> writeUntilKilled(ServerProcess server, int killAfterMillis, String context)
            throws Exception {
        Map<String, List<String>> acked = new ConcurrentHashMap<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch firstAck = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread t = new Thread(() -> {
                while (true) {
                    List<String> ids = new ArrayList<>();
                    HttpResponse<String> response;
                    try {
                        response = http.send(HttpRequest.newBuilder(server.uri("ndn/collections/" + GREEN + "/objects/"))
                                .header("Authorization", AUTH).header("Accept", TAXII).header("Content-Type", TAXII)
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(envelope(10, ids))).build(),
                                HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        if (!killed.get()) {
                            errors.add("before the kill: " + e);
                        }
                        return; // the server is gone: no acknowledgement for this one
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        JsonNode status = JSON.readTree(response.body());
                        if (response.statusCode() != 202 || !"complete".equals(status.path("status").asText())
                                || status.path("success_count").asInt() != ids.size()) {
                            errors.add("unexpected answer " + response.statusCode() + ": " + response.body());
                            return;
                        }
                        List<String> stored = new ArrayList<>();
                        status.path("successes").forEach(s -> stored.add(s.path("id").asText()));
                        acked.put(status.path("id").asText(), stored);
                        firstAck.countDown();
                    } catch (IOException e) {
                        errors.add("unreadable answer: " + response.body());
                        return;
                    }
                }
            }, "crash-writer-" + w);
            t.start();
            writers.add(t);
        }
        assertTrue(firstAck.await(60, TimeUnit.SECONDS), context + ": no write was acknowledged; " + errors);
        Thread.sleep(killAfterMillis);
        killed.set(true);
        server.kill();
        for (Thread t : writers) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(List.of(), errors, context);
        return acked;
    }

    private void checkEverythingAcknowledgedIsThere(ServerProcess server, Map<String, List<String>> acknowledged,
                                                    String context) throws Exception {
        Set<String> expected = new HashSet<>();
        acknowledged.values().forEach(expected::addAll);

        Set<String> stored = new HashSet<>();
        String next = null;
        do {
            JsonNode page = get(server, "ndn/collections/" + GREEN + "/objects/?limit=1000"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            page.path("objects").forEach(o -> stored.add(o.path("id").asText()));
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        Set<String> lostObjects = new HashSet<>(expected);
        lostObjects.removeAll(stored);

        List<String> lostStatuses = new ArrayList<>();
        for (String statusId : acknowledged.keySet()) {
            HttpResponse<String> r = send(server, "ndn/status/" + statusId + "/");
            if (r.statusCode() != 200) {
                lostStatuses.add(statusId);
            }
        }

        Map<String, Set<String>> audited = new HashMap<>(); // status id -> object ids of its write entry
        next = null;
        do {
            JsonNode page = get(server, "x-camiso/audit/?action=write&limit=1000" + (next == null ? "" : "&next=" + next));
            for (JsonNode e : page.path("entries")) {
                Matcher m = STATUS_IN_DETAIL.matcher(e.path("detail").asText());
                if (m.find()) {
                    Set<String> ids = audited.computeIfAbsent(m.group(1), k -> new HashSet<>());
                    e.path("object_ids").forEach(id -> ids.add(id.asText()));
                }
            }
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        List<String> unaudited = new ArrayList<>();
        acknowledged.forEach((statusId, ids) -> {
            if (!audited.getOrDefault(statusId, Set.of()).containsAll(ids)) {
                unaudited.add(statusId);
            }
        });

        String summary = context + ": of " + expected.size() + " acknowledged objects in " + acknowledged.size()
                + " statuses, " + lostObjects.size() + " objects, " + lostStatuses.size() + " status resources and "
                + unaudited.size() + " audit entries are missing after kill -9 and restart";
        System.out.println(summary);
        assertTrue(lostObjects.isEmpty() && lostStatuses.isEmpty() && unaudited.isEmpty(), summary);
    }

    private JsonNode get(ServerProcess server, String path) throws Exception {
        HttpResponse<String> r = send(server, path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(ServerProcess server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", AUTH)
                .header("Accept", path.startsWith("x-camiso/") ? "application/json" : TAXII)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Ten small indicators without creator or markings (ndn-green takes them from the admin). */
    private static String envelope(int count, List<String> ids) {
        String now = Instant.now().toString();
        StringBuilder sb = new StringBuilder("{\"objects\":[");
        for (int i = 0; i < count; i++) {
            String id = "indicator--" + UUID.randomUUID();
            ids.add(id);
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"").append(id)
                    .append("\",\"created\":\"").append(now).append("\",\"modified\":\"").append(now)
                    .append("\",\"name\":\"crash test\",\"indicator_types\":[\"malicious-activity\"],")
                    .append("\"pattern\":\"[ipv4-addr:value = '198.51.100.").append(i).append("']\",")
                    .append("\"pattern_type\":\"stix\",\"valid_from\":\"").append(now).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** {@code camiso serve} in a child JVM on the test classpath, on a free port, with the project's demo configuration. */
    private static final class ServerProcess {
        private final Process process;
        private final URI base;
        private final StringBuffer log;

        private ServerProcess(Process process, URI base, StringBuffer log) {
            this.process = process;
            this.base = base;
            this.log = log;
        }

        static ServerProcess start(List<String> storeArgs) throws Exception {
            long t0 = System.nanoTime();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    "nl.camiso.server.cli.Main", "serve", "--port", "0", "--no-samples",
                    "--config", sampleConfig().toString()));
            command.addAll(storeArgs);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuffer log = new StringBuffer();
            CountDownLatch listening = new CountDownLatch(1);
            String[] url = new String[1];
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        log.append(line).append('\n');
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            url[0] = m.group(1);
                            listening.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            }, "crash-server-log");
            reader.setDaemon(true);
            reader.start();
            if (!listening.await(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("the server did not start:\n" + log);
            }
            System.out.printf("server process started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            return new ServerProcess(p, URI.create(url[0]), log);
        }

        URI uri(String path) {
            return base.resolve(path);
        }

        String log() {
            return log.toString();
        }

        /** SIGKILL: no shutdown hook, no closing of the database. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed server process still running");
        }

        /** SIGTERM: the shutdown hook closes the database cleanly. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("the server did not stop on SIGTERM:\n" + log);
            }
        }

        private static Path sampleConfig() {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("samples/camiso.yaml");
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("samples/camiso.yaml not found above " + Path.of("").toAbsolutePath());
        }
    }
}

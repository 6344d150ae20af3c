package nl.camiso.conformance.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates envelopes of valid STIX 2.1 indicators, each linked by a {@code mitigates}
 * relationship to one of a few courses of action, as a regional initiative would publish them.
 * Every second relationship points to a course of action of the NEXT envelope, as a publisher
 * splitting a large bundle does: with several client threads its target may be stored before,
 * during or after the relationship's envelope.
 * Built as text: the benchmark must measure the server, not the client's JSON library.
 */
final class BenchData {

    private static final DateTimeFormatter STIX_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One envelope and the ids of the indicators in it. */
    record Envelope(byte[] json, int objectCount, List<String> indicatorIds) {
    }

    /** An envelope whose relationships all point within it. */
    static Envelope envelope(int indicators, int coursesOfAction) {
        return envelope(indicators, coursesOfAction, UUID.randomUUID().toString(), 0, 1);
    }

    /**
     * Envelope {@code index} of a run of {@code envelopes}: course-of-action ids are derived from
     * (run, envelope, number), so that envelope {@code index} can refer to those of envelope
     * {@code index + 1} (the last one to those of the first).
     */
    static Envelope envelope(int indicators, int coursesOfAction, String run, int index, int envelopes) {
        String now = STIX_MILLIS.format(Instant.now());
        StringBuilder sb = new StringBuilder(indicators * 900);
        String[] coas = new String[coursesOfAction];
        String[] nextCoas = new String[coursesOfAction];
        String[] indicatorIds = new String[indicators];
        sb.append("{\"objects\":[");
        for (int c = 0; c < coursesOfAction; c++) {
            nextCoas[c] = courseOfAction(run, (index + 1) % envelopes, c);
        }
        for (int c = 0; c < coursesOfAction; c++) {
            coas[c] = courseOfAction(run, index, c);
            sb.append("{\"type\":\"course-of-action\",\"spec_version\":\"2.1\",\"id\":\"").append(coas[c])
                    .append("\",\"created\":\"").append(now).append("\",\"modified\":\"").append(now)
                    .append("\",\"name\":\"Block the address on the firewall\",\"description\":\"Add the address to the"
                            + " firewall block list and check the logs of the last 14 days for connections to it.\"},");
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < indicators; i++) {
            indicatorIds[i] = "indicator--" + UUID.randomUUID();
            String ip = "198.51." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            sb.append("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"").append(indicatorIds[i])
                    .append("\",\"created\":\"").append(now).append("\",\"modified\":\"").append(now)
                    .append("\",\"name\":\"C2 server ").append(ip)
                    .append("\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '")
                    .append(ip).append("']\",\"pattern_type\":\"stix\",\"valid_from\":\"").append(now).append("\"},");
            sb.append("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--")
                    .append(UUID.randomUUID()).append("\",\"created\":\"").append(now).append("\",\"modified\":\"")
                    .append(now).append("\",\"relationship_type\":\"mitigates\",\"source_ref\":\"")
                    .append((i % 2 == 0 ? coas : nextCoas)[i % coursesOfAction]).append("\",\"target_ref\":\"").append(indicatorIds[i])
                    .append("\"},");
        }
        sb.setLength(sb.length() - 1);
        sb.append("]}");
        return new Envelope(sb.toString().getBytes(StandardCharsets.UTF_8),
                coursesOfAction + 2 * indicators, List.of(indicatorIds));
    }

    private static String courseOfAction(String run, int envelope, int number) {
        return "course-of-action--" + UUID.nameUUIDFromBytes((run + '/' + envelope + '/' + number)
                .getBytes(StandardCharsets.UTF_8));
    }

    private BenchData() {
    }

    /**
     * The configuration's network for a benchmark: one hub organisation and one account of it with
     * read (and, if asked, write) on every collection of API root {@code bench}; YAML to end a config.
     */
    static String hubWithAccount(String user, String password, boolean write) {
        return """
                organisations:
                  - name: bench
                    title: "Benchmark hub"
                    role: hub
                    identity: identity--5c3e8a4e-2f7b-4d8e-9a1c-6b0d2e4f8a13
                accounts:
                  - name: %s
                    organisation: bench
                    password: %s
                    grants:
                      - collection: "*"
                        api_root: bench
                        read: true
                        write: %s
                """.formatted(user, password, write);
    }
}

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
 * Built as text: the benchmark must measure the server, not the client's JSON library.
 */
final class BenchData {

    private static final DateTimeFormatter STIX_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One envelope and the ids of the indicators in it. */
    record Envelope(byte[] json, int objectCount, List<String> indicatorIds) {
    }

    static Envelope envelope(int indicators, int coursesOfAction) {
        String now = STIX_MILLIS.format(Instant.now());
        StringBuilder sb = new StringBuilder(indicators * 900);
        String[] coas = new String[coursesOfAction];
        String[] indicatorIds = new String[indicators];
        sb.append("{\"objects\":[");
        for (int c = 0; c < coursesOfAction; c++) {
            coas[c] = "course-of-action--" + UUID.randomUUID();
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
                    .append(coas[i % coursesOfAction]).append("\",\"target_ref\":\"").append(indicatorIds[i])
                    .append("\"},");
        }
        sb.setLength(sb.length() - 1);
        sb.append("]}");
        return new Envelope(sb.toString().getBytes(StandardCharsets.UTF_8),
                coursesOfAction + 2 * indicators, List.of(indicatorIds));
    }

    private BenchData() {
    }
}

package nl.camiso.server.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The addresses and blocks the {@code ip} feed takes from an indicator, kept by the storage as an
 * index of each indicator's latest version in a collection (table {@code feed_address}, migration
 * V18): the ip feed reads it in address order ({@link Store#read}) and merges while it writes
 * ({@link FeedStream#ip(Store, String, Instant, AllowList, FeedText.About, boolean)}), so its first
 * block goes out without a read of the whole collection. What a version gives is decided here
 * ({@link #of}), with {@link FeedValues} as every feed.
 */
public final class FeedAddresses {

    /**
     * The seed mark of the one fill of the index from the indicators stored before it existed. A
     * change to what {@link #of} gives needs a new name: the fill then rebuilds the index, whose
     * rows writers find again from the JSON of the version that gave them.
     */
    public static final String FILLED_MARK = "feed_address filled 1";

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One address or block of an indicator version.
     *
     * @param firstAddress the block's first address as sortable text: {@code 4} and 8, or {@code 6}
     *                     and 32 lower-case hex digits (text order is address order, IPv4 first)
     * @param lastAddress  its last address, the same way
     * @param validFrom    the version's {@code valid_from} in epoch microseconds, null when absent
     * @param validUntil   its {@code valid_until}, the same way
     * @param modified     {@code modified}, else {@code created}, in epoch microseconds
     */
    public record Row(String firstAddress, String lastAddress, String objectId, Long validFrom, Long validUntil,
                      Integer confidence, long modified) {

        /** Whether the indicator is valid at that instant ({@code valid_from} reached, {@code valid_until} not). */
        boolean isValidAt(long nowMicros) {
            return (validFrom == null || validFrom <= nowMicros) && (validUntil == null || validUntil > nowMicros);
        }

        boolean sameBlock(Row other) {
            return other != null && firstAddress.equals(other.firstAddress) && lastAddress.equals(other.lastAddress);
        }
    }

    /** The index as the storage keeps it. */
    public interface Store {
        /**
         * Gives the rows of the collection's latest indicator versions in order of first address,
         * last address and object id, read a page at a time (no transaction or connection is held
         * while {@code each} runs, so a slow client holds none).
         */
        void read(String collectionId, Consumer<Row> each);
    }

    private FeedAddresses() {
    }

    /**
     * The rows of an indicator version: its valid addresses and blocks, each once; none when it is
     * revoked, has no STIX pattern or one that is not exactly expressible as a list, or is not an
     * indicator. Validity is kept in the rows, as it passes without a write. The properties are
     * read as {@link CurrentIndicators} reads them.
     */
    public static List<Row> of(StixObject o) {
        String pattern = o.pattern();
        if (!"indicator".equals(o.type()) || o.id() == null || o.revoked() || !"stix".equals(o.patternType())
                || pattern == null || !FeedStream.mayHold(pattern, FeedFormat.IP)) {
            return List.of();
        }
        List<Row> rows = List.of();
        Set<String> seen = null;
        for (FeedValues.Candidate c : FeedValues.of(pattern, FeedFormat.IP)) {
            if (c.invalid() != null) {
                continue;
            }
            String first = sortable(c.address().getLower());
            String last = sortable(c.address().getUpper());
            if (rows.isEmpty()) {
                rows = new ArrayList<>(1);
                seen = new HashSet<>();
            }
            if (seen.add(first + last)) {
                rows.add(new Row(first, last, o.id(), micros(o.validFrom()), micros(o.validUntil()), confidence(o),
                        micros0(o.modified().or(o::created))));
            }
        }
        return rows;
    }

    /** As {@link #of(StixObject)} for stored JSON; none when it is not a JSON object. */
    public static List<Row> of(byte[] json) {
        try {
            return of(StixObject.of(StixJson.parse(json)));
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // stored objects are validated on the way in; as a feed, skip rather than fail
        }
    }

    private static Long micros(Optional<StixTimestamp> t) {
        return t.map(x -> CurrentIndicators.micros(x.toInstant())).orElse(null);
    }

    private static Long micros0(Optional<StixTimestamp> t) {
        return t.isPresent() ? micros(t) : 0L;
    }

    private static Integer confidence(StixObject o) {
        JsonNode c = o.json().get("confidence");
        return c != null && c.isInt() ? c.intValue() : null;
    }

    /** An address as {@link Row#firstAddress} writes it. */
    static String sortable(IPAddress address) {
        return (address.isIPv4() ? "4" : "6") + HEX.formatHex(address.getBytes());
    }
}

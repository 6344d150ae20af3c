package nl.camiso.server.feeds;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import jakarta.ws.rs.core.StreamingOutput;
import nl.camiso.server.actions.ObjectGraph;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.pattern.SimpleComparison;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The feeds that need no step over the whole set of indicators, written while the collection is
 * read page by page ({@link CurrentIndicators#read}): the first lines go out after the first page,
 * and memory holds one page, the 8-byte fingerprint of every value written (each value once) and,
 * with {@code explain}, what was left out; {@code suricata} takes its sids from the server-wide
 * {@link SuricataSids}. Values come in the order the indicators were added, but {@code ip}'s of one
 * collection in address order, from the address index ({@link FeedAddresses}), merged as they come
 * (of a feed set after one compact read); {@code max} (most confident first) keeps the best while
 * reading and is written by {@link Feed}, {@link FeedSelection} and the writers of each format
 * instead. The entry counts are known only at the end, so formats with comments carry them in a trailer.
 */
final class FeedStream {

    /** Flush after this many indicators so that a slow read still sends what it has. */
    private static final int FLUSH_EVERY = 1000;

    /** Reads the current indicators, giving each to the consumer (with its stored JSON when asked). */
    interface Source {
        void forEach(boolean withJson, Consumer<Feed.Indicator> each);
    }

    private FeedStream() {
    }

    /**
     * Chooses the values of each indicator as {@link FeedSelection#select} does over the whole set:
     * each value once (first seen wins), invalid and allow-listed ones left out.
     */
    static final class Chooser {
        private final List<FeedFormat> kinds;
        private final AllowList allow;
        private final boolean keepLeftOut;
        private final LongHashSet seen = new LongHashSet();
        final List<Feed.LeftOut> leftOut = new ArrayList<>();
        int used;

        Chooser(List<FeedFormat> kinds, AllowList allow, boolean keepLeftOut) {
            this.kinds = kinds;
            this.allow = allow;
            this.keepLeftOut = keepLeftOut;
        }

        /** The entries of one indicator, in the order of the kinds. */
        List<FeedSelection.Entry> choose(Feed.Indicator i) {
            List<SimpleComparison> comparisons = null;
            List<FeedSelection.Entry> out = List.of();
            for (FeedFormat kind : kinds) {
                if (!mayHold(i.pattern(), kind)) {
                    continue;
                }
                if (comparisons == null) {
                    comparisons = FeedValues.expressible(i.pattern()).orElse(List.of());
                }
                for (FeedValues.Candidate c : FeedValues.of(comparisons, kind)) {
                    if (c.invalid() != null) {
                        leftOut(new Feed.LeftOut(c.raw(), i.id(), c.invalid()));
                        continue;
                    }
                    if (!seen.add(fingerprint(kind.ordinal(), c.text()))) {
                        continue;
                    }
                    Optional<String> excluded = Feed.excluded(kind, c, allow);
                    if (excluded.isPresent()) {
                        leftOut(new Feed.LeftOut(c.text(), i.id(), excluded.get()));
                        continue;
                    }
                    if (out.isEmpty()) {
                        out = new ArrayList<>(2);
                        used++;
                    }
                    out.add(new FeedSelection.Entry(i, kind, c));
                }
            }
            return out;
        }

        void leftOut(Feed.LeftOut l) {
            if (keepLeftOut) {
                leftOut.add(l);
            }
        }
    }

    /**
     * Whether a pattern can hold a value of the kind at all: a string test that spares parsing the
     * patterns of the other kinds (each object type's name must appear in a comparison on it).
     */
    static boolean mayHold(String pattern, FeedFormat kind) {
        return switch (kind.source()) {
            case IP -> pattern.contains("ipv4-addr") || pattern.contains("ipv6-addr");
            case DOMAIN -> pattern.contains("domain-name");
            case URL -> pattern.contains("url");
            default -> pattern.contains("file");
        };
    }

    /**
     * A value's 64-bit fingerprint for the each-value-once check: two different values of a
     * million share one with a chance of about 1 in 10^7 (then the second is not written).
     */
    static long fingerprint(int kind, String text) {
        long h = 0xcbf29ce484222325L ^ kind;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** A UTF-8 writer over the response that flushes every {@link #FLUSH_EVERY} indicators. */
    private static final class Out {
        private final OutputStream out;
        private int sinceFlush;

        Out(OutputStream raw) {
            this.out = new BufferedOutputStream(raw, 1 << 16);
        }

        Out text(String s) {
            try {
                out.write(s.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        void bytes(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void indicatorDone() {
            if (++sinceFlush >= FLUSH_EVERY) {
                sinceFlush = 0;
                flush();
            }
        }

        void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs a writer; a client that goes away mid-feed ends it as an I/O error, not an unchecked one. */
    private static StreamingOutput streaming(Consumer<Out> writer) {
        return raw -> {
            try {
                Out out = new Out(raw);
                writer.accept(out);
                out.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }

    /** The comment header of a streamed feed: what it is; the counts follow at the end ({@link #trailer}). */
    private static void header(Out out, String prefix, FeedText.About about) {
        StringBuilder b = new StringBuilder();
        FeedText.title(b, prefix, about);
        b.append(prefix).append("generated ").append(about.generated()).append("; entry counts at the end\n");
        out.text(b.toString());
    }

    /** The counts, and with {@code explain} what was left out and why. */
    private static void trailer(Out out, String prefix, long entries, int used, List<Feed.LeftOut> leftOut, boolean explain) {
        StringBuilder b = new StringBuilder();
        b.append(prefix).append(entries).append(" entries from ").append(used).append(" indicators\n");
        if (explain) {
            for (Feed.LeftOut l : leftOut) {
                b.append(prefix).append("left out: ").append(FeedText.oneLine(l.value()));
                if (l.indicatorId() != null) {
                    b.append(" (").append(FeedText.oneLine(l.indicatorId())).append(")");
                }
                b.append(": ").append(FeedText.oneLine(l.reason())).append('\n');
            }
        }
        out.text(b.toString());
    }

    /** A plain list (not {@code ip}, which merges): one value a line, comments only with {@code explain}. */
    static StreamingOutput lines(FeedFormat format, Source source, AllowList allow, FeedText.About about, boolean explain) {
        return streaming(out -> {
            if (explain) {
                header(out, "# ", about);
            }
            Chooser chooser = new Chooser(List.of(format), allow, explain);
            long[] lines = {0};
            source.forEach(false, i -> {
                for (FeedSelection.Entry e : chooser.choose(i)) {
                    out.text(e.text()).text("\n");
                    lines[0]++;
                    if (format == FeedFormat.DOMAIN_WILDCARD) {
                        out.text("*.").text(e.text()).text("\n");
                        lines[0]++;
                    }
                }
                out.indicatorDone();
            });
            if (explain) {
                trailer(out, "# ", lines[0], chooser.used, chooser.leftOut, true);
            }
        });
    }

    /**
     * The {@code ip} list without an address index (of a feed set, or of a store that keeps none),
     * merged into the fewest CIDR blocks: all addresses must be known before the first block, so
     * they are read first, an IPv4 address or block as one {@code long} (its first and last
     * address), IPv6 ones as objects; then written as {@link Feed#merge} would.
     */
    static StreamingOutput ip(Source source, AllowList allow, FeedText.About about, boolean explain) {
        return streaming(out -> {
            Chooser chooser = new Chooser(List.of(FeedFormat.IP), allow, explain);
            long[][] v4 = {new long[1024]};
            int[] v4Count = {0};
            List<IPAddress> v6 = new ArrayList<>();
            source.forEach(false, i -> {
                for (FeedSelection.Entry e : chooser.choose(i)) {
                    IPAddress a = e.value().address();
                    if (a.isIPv4()) {
                        if (v4Count[0] == v4[0].length) {
                            v4[0] = Arrays.copyOf(v4[0], v4Count[0] * 2);
                        }
                        long first = a.getLower().toIPv4().longValue();
                        long last = a.getUpper().toIPv4().longValue();
                        // the sign bit flipped so that a signed sort orders by first address
                        v4[0][v4Count[0]++] = ((first << 32) | last) ^ Long.MIN_VALUE;
                    } else {
                        v6.add(a);
                    }
                }
            });
            List<String> lines = mergeIpv4(v4[0], v4Count[0]);
            lines.addAll(Feed.merge(v6));
            if (explain) {
                StringBuilder b = new StringBuilder();
                FeedText.header(b, "# ", about, lines.size(), chooser.used, chooser.leftOut, true);
                out.text(b.toString());
            }
            for (String line : lines) {
                out.text(line).text("\n");
            }
        });
    }

    /**
     * The {@code ip} list from the address index, merged while it is written: the index gives the
     * addresses and blocks of the collection in address order, so ranges that overlap or touch come
     * one after the other and a merged range is final (and written) as soon as one starts past its
     * end. Memory holds one page of the index, one open range, an 8-byte fingerprint of each
     * indicator used (for the count) and, with {@code explain}, what was left out; the counts follow
     * in a trailer. The lines are those of {@link Feed#build} over the current indicators.
     */
    static StreamingOutput ip(FeedAddresses.Store addresses, String collectionId, Instant now, AllowList allow,
                              FeedText.About about, boolean explain) {
        return streaming(out -> {
            if (explain) {
                header(out, "# ", about);
            }
            long nowMicros = CurrentIndicators.micros(now);
            List<Feed.LeftOut> leftOut = new ArrayList<>();
            LongHashSet used = new LongHashSet();
            long[] lines = {0};
            RangeMerger merger = new RangeMerger(line -> {
                out.text(line).text("\n");
                lines[0]++;
                out.indicatorDone();
            });
            FeedAddresses.Row[] previous = {null};
            boolean[] previousExcluded = {false};
            addresses.read(collectionId, row -> {
                if (!row.isValidAt(nowMicros)) {
                    return;
                }
                // each value once: the same block of several indicators comes together
                if (row.sameBlock(previous[0])) {
                    if (!previousExcluded[0]) {
                        used.add(fingerprint(-1, row.objectId()));
                    }
                    return;
                }
                previous[0] = row;
                IPAddress block = RangeMerger.block(row.firstAddress(), row.lastAddress());
                Optional<String> excluded = allow.excludesAddress(block);
                previousExcluded[0] = excluded.isPresent();
                if (excluded.isPresent()) {
                    if (explain) {
                        leftOut.add(new Feed.LeftOut(FeedValues.ipText(block), row.objectId(), excluded.get()));
                    }
                    return;
                }
                used.add(fingerprint(-1, row.objectId()));
                merger.add(row.firstAddress(), row.lastAddress());
            });
            merger.finish();
            if (explain) {
                trailer(out, "# ", lines[0], used.size(), leftOut, true);
            }
        });
    }

    /**
     * Joins address ranges given in order of first address (as {@link FeedAddresses.Row} writes
     * them) into the fewest CIDR blocks, as {@link #mergeIpv4} and {@link Feed#merge} do over a
     * whole set: one range is open; one that starts past its end closes it, and its blocks go out.
     */
    static final class RangeMerger {
        private static final BigInteger ONE = BigInteger.ONE;
        private final Consumer<String> line;
        private final List<String> blocks = new ArrayList<>();
        /** 0 while no range is open, else 4 or 6. */
        private int family;
        private long start4;
        private long end4;
        private BigInteger start6;
        private BigInteger end6;
        private String lastFirst = "";

        RangeMerger(Consumer<String> line) {
            this.line = line;
        }

        void add(String first, String last) {
            if (first.compareTo(lastFirst) < 0) {
                // a database collation that ordered the hex text otherwise would make a wrong list: fail instead
                throw new IllegalStateException("feed addresses out of order: " + first + " after " + lastFirst);
            }
            lastFirst = first;
            if (first.charAt(0) == '4') {
                long a = Long.parseLong(first, 1, first.length(), 16);
                long b = Long.parseLong(last, 1, last.length(), 16);
                if (family == 4 && a <= end4 + 1) {
                    end4 = Math.max(end4, b);
                    return;
                }
                finish();
                family = 4;
                start4 = a;
                end4 = b;
            } else {
                BigInteger a = new BigInteger(first.substring(1), 16);
                BigInteger b = new BigInteger(last.substring(1), 16);
                if (family == 6 && a.compareTo(end6.add(ONE)) <= 0) {
                    end6 = end6.max(b);
                    return;
                }
                finish();
                family = 6;
                start6 = a;
                end6 = b;
            }
        }

        /** Writes the open range's blocks. */
        void finish() {
            if (family == 4) {
                blocks(start4, end4, blocks);
            } else if (family == 6) {
                BigInteger start = start6;
                while (start.compareTo(end6) <= 0) {
                    int size = start.signum() == 0 ? 128 : Math.min(128, start.getLowestSetBit());
                    while (start.add(ONE.shiftLeft(size)).subtract(ONE).compareTo(end6) > 0) {
                        size--;
                    }
                    blocks.add(FeedValues.ipText(new IPv6Address(start).toPrefixBlock(128 - size)));
                    start = start.add(ONE.shiftLeft(size));
                }
            }
            family = 0;
            blocks.forEach(line);
            blocks.clear();
        }

        /** The block of a row's first and last address (a row always holds one whole CIDR block). */
        static IPAddress block(String first, String last) {
            if (first.charAt(0) == '4') {
                long a = Long.parseLong(first, 1, first.length(), 16);
                long b = Long.parseLong(last, 1, last.length(), 16);
                int hostBits = 64 - Long.numberOfLeadingZeros(b - a);
                return new IPv4Address((int) a).toPrefixBlock(32 - hostBits);
            }
            BigInteger a = new BigInteger(first.substring(1), 16);
            BigInteger b = new BigInteger(last.substring(1), 16);
            return new IPv6Address(a).toPrefixBlock(128 - b.subtract(a).bitLength());
        }
    }

    /**
     * The fewest CIDR blocks covering exactly the given IPv4 ranges ({@code first << 32 | last},
     * sign bit flipped), in address order: ranges that overlap or touch are joined, then each is
     * cut into the largest aligned blocks that fit; a single address is written without {@code /32}.
     */
    static List<String> mergeIpv4(long[] packed, int count) {
        Arrays.sort(packed, 0, count);
        List<String> out = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (int i = 0; i < count; i++) {
            long p = packed[i] ^ Long.MIN_VALUE;
            long first = p >>> 32;
            long last = p & 0xffffffffL;
            if (start >= 0 && first <= end + 1) {
                end = Math.max(end, last);
                continue;
            }
            if (start >= 0) {
                blocks(start, end, out);
            }
            start = first;
            end = last;
        }
        if (start >= 0) {
            blocks(start, end, out);
        }
        return out;
    }

    private static void blocks(long start, long end, List<String> out) {
        while (start <= end) {
            long size = start == 0 ? 1L << 32 : Long.lowestOneBit(start);
            while (start + size - 1 > end) {
                size >>= 1;
            }
            int prefix = 32 - Long.numberOfTrailingZeros(size);
            String a = (start >>> 24) + "." + ((start >>> 16) & 255) + "." + ((start >>> 8) & 255) + "." + (start & 255);
            out.add(prefix == 32 ? a : a + "/" + prefix);
            start += size;
        }
    }

    private static final List<FeedFormat> SURICATA_KINDS = List.of(FeedFormat.IP, FeedFormat.DOMAIN, FeedFormat.URL);

    /** Indicators whose Suricata rules get their sids at once after the first page: few transactions for many new sids. */
    private static final int SID_BATCH = 10 * FLUSH_EVERY;

    /**
     * The rules of {@link FeedSuricata}, written as read: the rules of the first page of indicators,
     * then of every {@link #SID_BATCH} indicators, get their sids from the registry (new ones
     * stored first, one transaction per batch), then go out.
     */
    static StreamingOutput suricata(Source source, AllowList allow, SuricataSids registry, String referenceBase,
                                    FeedText.About about, boolean explain) {
        return streaming(out -> {
            header(out, "# ", about);
            out.flush();
            Chooser chooser = new Chooser(SURICATA_KINDS, allow, explain);
            List<FeedSuricata.Rule> rules = new ArrayList<>();
            long[] written = {0};
            long[] withoutSid = {0};
            int[] indicators = {0};
            Runnable writeRules = () -> {
                int[] sids = FeedSuricata.sids(registry, rules);
                StringBuilder b = new StringBuilder();
                for (int r = 0; r < sids.length; r++) {
                    if (sids[r] < 0) {
                        withoutSid[0]++;
                    } else {
                        FeedSuricata.line(b, rules.get(r), sids[r], about.collection(), referenceBase);
                        written[0]++;
                    }
                }
                rules.clear();
                out.text(b.toString());
                out.flush();
            };
            source.forEach(false, i -> {
                List<FeedSelection.Entry> entries = chooser.choose(i);
                if (!entries.isEmpty()) {
                    FeedSuricata.rulesOf(i, entries, rules);
                }
                if (++indicators[0] == FLUSH_EVERY || indicators[0] % SID_BATCH == 0) {
                    writeRules.run();
                }
            });
            writeRules.run();
            if (withoutSid[0] > 0) {
                chooser.leftOut(new Feed.LeftOut("(" + withoutSid[0] + " rules)", null, FeedSuricata.NO_SID));
            }
            trailer(out, "# ", written[0], chooser.used, chooser.leftOut, explain);
        });
    }

    /** The RPZ zone of {@link FeedRpz}, written as read. */
    static StreamingOutput rpz(Source source, AllowList allow, long serial, FeedText.About about, boolean explain) {
        return streaming(out -> {
            header(out, "; ", about);
            out.text(FeedRpz.preamble(serial));
            Chooser chooser = new Chooser(List.of(FeedFormat.DOMAIN), allow, explain);
            long[] entries = {0};
            int[] used = {0};
            source.forEach(false, i -> {
                boolean any = false;
                for (FeedSelection.Entry e : chooser.choose(i)) {
                    String name = e.text();
                    if (!FeedRpz.fits(name)) {
                        chooser.leftOut(new Feed.LeftOut(name, i.id(), FeedRpz.TOO_LONG));
                        continue;
                    }
                    out.text(name).text(" CNAME .\n*.").text(name).text(" CNAME .\n");
                    entries[0]++;
                    any = true;
                }
                used[0] += any ? 1 : 0;
                out.indicatorDone();
            });
            trailer(out, "; ", entries[0], used[0], chooser.leftOut, explain);
        });
    }

    /** The Zeek Intel file of {@link FeedZeek}, written as read. */
    static StreamingOutput zeek(Source source, AllowList allow, String actionsBase, FeedText.About about, boolean explain) {
        return streaming(out -> {
            out.text(FeedZeek.FIELDS + "\n");
            header(out, "# ", about);
            Chooser chooser = new Chooser(FeedFormat.BASIC, allow, explain);
            String sourceField = FeedZeek.source(about);
            long[] entries = {0};
            source.forEach(false, i -> {
                for (FeedSelection.Entry e : chooser.choose(i)) {
                    String line = FeedZeek.line(e, sourceField, actionsBase);
                    if (line != null) {
                        out.text(line);
                        entries[0]++;
                    }
                }
                out.indicatorDone();
            });
            trailer(out, "# ", entries[0], chooser.used, chooser.leftOut, explain);
        });
    }

    /** The CSV of {@link FeedCsv}, written as read, the courses of action looked up a page of indicators at a time. */
    static StreamingOutput csv(Source source, AllowList allow, CourseOfActionTitles titles) {
        return streaming(out -> {
            StringBuilder b = new StringBuilder();
            FeedCsv.row(b, FeedCsv.COLUMNS);
            out.text(b.toString());
            Chooser chooser = new Chooser(FeedFormat.BASIC, allow, false);
            List<List<FeedSelection.Entry>> page = new ArrayList<>();
            Runnable write = () -> {
                titles.prefetch(page.stream().map(entries -> entries.get(0).indicator().id()).toList());
                StringBuilder rows = new StringBuilder();
                for (List<FeedSelection.Entry> entries : page) {
                    FeedCsv.Titles t = titles.of(entries.get(0).indicator().id());
                    for (FeedSelection.Entry e : entries) {
                        FeedCsv.row(rows, e, t);
                    }
                }
                out.text(rows.toString());
                out.flush();
                page.clear();
            };
            source.forEach(false, i -> {
                List<FeedSelection.Entry> entries = chooser.choose(i);
                if (!entries.isEmpty()) {
                    page.add(entries);
                    if (page.size() == FeedCsv.PAGE) {
                        write.run();
                    }
                }
            });
            if (!page.isEmpty()) {
                write.run();
            }
        });
    }

    /**
     * The STIX bundle of {@link FeedStix}, written as read: each indicator with no allow-listed value,
     * then what mitigates it (relationship, course of action, its translations) the first time it
     * is met; the objects they all reference follow at the end.
     */
    static StreamingOutput stix(Source source, AllowList allow, ObjectGraph graph, List<String> readable) {
        return streaming(out -> {
            out.text("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[");
            LongHashSet written = new LongHashSet();
            Set<String> referenced = new LinkedHashSet<>();
            Set<String> coursesOfAction = new java.util.HashSet<>();
            boolean[] first = {true};
            boolean[] collecting = {true}; // one level of references, as FeedStix
            Consumer<ObjectGraph.Found> write = f -> {
                if (written.add(fingerprint(-1, f.object().id()))) {
                    if (!first[0]) {
                        out.text(",");
                    }
                    first[0] = false;
                    out.bytes(f.json());
                    if (collecting[0]) {
                        referenced.addAll(FeedStix.references(f.object()));
                    }
                }
            };
            // the relationships to a page of indicators are found with one query
            List<Feed.Indicator> page = new ArrayList<>();
            Runnable writePage = () -> {
                var relationships = graph.referrersOfEach(readable, page.stream().map(Feed.Indicator::id).toList(),
                        Set.of("relationship"));
                for (Feed.Indicator i : page) {
                    write.accept(new ObjectGraph.Found(null, parse(i.json()), i.json()));
                    FeedStix.mitigations(graph, readable, i.id(), relationships.getOrDefault(i.id(), List.of()),
                            coursesOfAction, write);
                }
                out.flush();
                page.clear();
            };
            source.forEach(true, i -> {
                if (FeedStix.usable(i, allow)) {
                    page.add(i);
                    if (page.size() == FeedCsv.PAGE) {
                        writePage.run();
                    }
                }
            });
            if (!page.isEmpty()) {
                writePage.run();
            }
            collecting[0] = false;
            for (String ref : referenced) {
                if (!written.contains(fingerprint(-1, ref))) {
                    graph.findLatest(readable, ref).ifPresent(write);
                }
            }
            out.text("]}");
        });
    }

    private static StixObject parse(byte[] json) {
        try {
            return StixObject.of(StixJson.parse(json));
        } catch (IOException e) {
            throw new IllegalStateException("stored object is not JSON", e);
        }
    }

    /** An open-addressing set of longs (0 is kept aside): 8 to 16 bytes a value, no object per value. */
    static final class LongHashSet {
        private long[] slots = new long[1024];
        private int size;
        private boolean hasZero;

        boolean add(long v) {
            if (v == 0) {
                boolean added = !hasZero;
                hasZero = true;
                return added;
            }
            if (size * 2 >= slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            for (int i = (int) (v ^ (v >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == v) {
                    return false;
                }
                if (slots[i] == 0) {
                    slots[i] = v;
                    size++;
                    return true;
                }
            }
        }

        boolean contains(long v) {
            if (v == 0) {
                return hasZero;
            }
            int mask = slots.length - 1;
            for (int i = (int) (v ^ (v >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == v) {
                    return true;
                }
                if (slots[i] == 0) {
                    return false;
                }
            }
        }

        /** How many values, 0 included. */
        int size() {
            return size + (hasZero ? 1 : 0);
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long v : old) {
                if (v != 0) {
                    add(v);
                }
            }
        }
    }
}

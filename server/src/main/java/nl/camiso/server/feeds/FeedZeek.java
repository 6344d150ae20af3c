package nl.camiso.server.feeds;

/**
 * A Zeek Intel framework file ({@code Intel::read_files}): the {@code #fields} header, then one
 * tab-separated line per value with its type ({@code Intel::ADDR}, {@code SUBNET}, {@code DOMAIN},
 * {@code URL}, {@code FILE_HASH}), the source (API root and collection), the indicator's name and
 * id as description, and the link to its courses of action when the server's address is known.
 * URLs lose their scheme, as Zeek's {@code Intel::URL} expects.
 *
 * <p>Zeek splits on tabs and lines and reads {@code -} as unset: descriptive text has every
 * control character (tab, CR, LF, ...) replaced by a space and is never left empty; the values
 * themselves passed the strict checks of {@link FeedValues} and hold none.
 */
final class FeedZeek {

    static final String FIELDS = "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url";

    private FeedZeek() {
    }

    /** @param actionsBase the server's API root URL without trailing slash, or null (then meta.url is unset) */
    static String write(FeedSelection selection, String actionsBase, FeedText.About about, boolean explain) {
        StringBuilder out = new StringBuilder(FIELDS).append('\n');
        // comment lines after #fields: Zeek's reader takes its header from the first lines
        FeedText.header(out, "# ", about, selection.entries().size(), selection.used(), selection.leftOut(), explain);
        String source = source(about);
        for (FeedSelection.Entry e : selection.entries()) {
            String line = line(e, source, actionsBase);
            if (line != null) {
                out.append(line);
            }
        }
        return out.toString();
    }

    /** The meta.source field: API root and collection. */
    static String source(FeedText.About about) {
        return field("CAMISO " + about.apiRoot() + "/" + about.collection());
    }

    /** One entry's line with its line end, or null for a URL with user info (Zeek never sees one in a Host + URI). */
    static String line(FeedSelection.Entry e, String source, String actionsBase) {
        Feed.Indicator i = e.indicator();
        String value = e.kind() == FeedFormat.URL
                ? FeedValues.withoutScheme(e.value(), FeedFormat.URL).text()
                : e.text();
        if (value == null) {
            return null;
        }
        String desc = field((i.name() == null ? "" : i.name() + " ") + "(" + i.id() + ")");
        String url = actionsBase == null ? "-" : field(actionsBase + "/x-camiso/objects/" + i.id() + "/actions/");
        return value + '\t' + type(e) + '\t' + source + '\t' + desc + '\t' + url + '\n';
    }

    private static String type(FeedSelection.Entry e) {
        return switch (e.kind()) {
            case IP -> e.value().address().isMultiple() ? "Intel::SUBNET" : "Intel::ADDR";
            case DOMAIN -> "Intel::DOMAIN";
            case URL -> "Intel::URL";
            default -> "Intel::FILE_HASH";
        };
    }

    /** One field: no control characters, at most 300 characters, never empty or "-". */
    static String field(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp)
                || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
        String v = b.toString().trim();
        return v.isEmpty() || v.equals("-") || v.equals("(empty)") ? "_" : v;
    }
}

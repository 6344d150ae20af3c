package nl.camiso.taxii.resources;

import jakarta.ws.rs.core.Response;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import nl.camiso.taxii.query.QueryParser;
import nl.camiso.taxii.query.TaxiiTimestamps;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.StoredVersion;

import java.util.List;

/** Small helpers shared by the resources. */
final class Resources {

    static final String DATE_ADDED_FIRST = "X-TAXII-Date-Added-First";
    static final String DATE_ADDED_LAST = "X-TAXII-Date-Added-Last";

    private Resources() {
    }

    /** An API root's URL as discovery lists it: relative, e.g. {@code /ndn/}. */
    static String url(String apiRoot) {
        return "/" + apiRoot + "/";
    }

    /** The {@code next} token for a page, null when there is nothing more. */
    static String next(Page<StoredVersion> page, QueryParser.Parsed parsed) {
        if (!page.more()) {
            return null;
        }
        List<StoredVersion> items = page.items();
        long position = items.isEmpty() ? parsed.lowerBoundMicros() : items.get(items.size() - 1).dateAddedMicros();
        return parsed.next(position);
    }

    /**
     * 200 with the X-TAXII-Date-Added headers (§3.2): the first and last item's {@code date_added};
     * on an empty page both carry the page's lower bound ({@code next} position, else
     * {@code added_after}, else the epoch), so a client that continues with
     * {@code added_after=<Last>} neither skips nor repeats anything.
     */
    static Response page(Object entity, Page<StoredVersion> page, QueryParser.Parsed parsed) {
        List<StoredVersion> items = page.items();
        long first = items.isEmpty() ? parsed.lowerBoundMicros() : items.get(0).dateAddedMicros();
        long last = items.isEmpty() ? parsed.lowerBoundMicros() : items.get(items.size() - 1).dateAddedMicros();
        return Response.ok(entity, TaxiiMediaTypes.TAXII_21_TYPE)
                .header(DATE_ADDED_FIRST, TaxiiTimestamps.format(first))
                .header(DATE_ADDED_LAST, TaxiiTimestamps.format(last))
                .build();
    }
}

package nl.camiso.taxii.spi;

import java.util.List;

/**
 * One page of results in ascending {@code date_added} order.
 *
 * @param more whether more rows match after the last one of this page
 */
public record Page<T>(List<T> items, boolean more) {

    public Page {
        items = List.copyOf(items);
    }
}

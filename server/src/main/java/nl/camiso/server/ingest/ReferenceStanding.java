package nl.camiso.server.ingest;

import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.ObjectStore;

import java.util.List;

/**
 * Where a referenced object stands for one poster and one target collection, judged ONLY from the
 * collections the poster may read (see INGEST.md, "References"):
 * <ul>
 *   <li>{@link #VISIBLE}: held by a collection the poster reads whose readers include every reader of
 *       the target collection; nothing to say;</li>
 *   <li>{@link #HIDDEN_FROM_SOME_READERS}: held only by collections the poster reads that some reader of
 *       the target collection may not read: copying that link into the target is the leak the rule
 *       exists for;</li>
 *   <li>{@link #UNKNOWN_TO_POSTER}: in no collection the poster reads. Whether it was never stored or
 *       is stored somewhere the poster may not read must make no difference to the answer, or posting
 *       a reference would be an existence oracle; and a relationship that only carries an id its
 *       poster chose shows nobody anything behind it, so it is accepted with a warning.</li>
 * </ul>
 */
enum ReferenceStanding {
    VISIBLE, HIDDEN_FROM_SOME_READERS, UNKNOWN_TO_POSTER;

    /**
     * @param readable the collections the poster may read (never any other: see above)
     * @param covering those of them whose readers include every reader of the target collection
     */
    static ReferenceStanding of(ObjectStore store, String ref, List<CollectionInfo> readable,
                                List<CollectionInfo> covering) {
        if (readable.isEmpty()) {
            return UNKNOWN_TO_POSTER;
        }
        List<String> holders = store.holders(readable.stream().map(CollectionInfo::id).toList(), ref);
        if (holders.isEmpty()) {
            return UNKNOWN_TO_POSTER;
        }
        for (CollectionInfo c : covering) {
            if (holders.contains(c.id())) {
                return VISIBLE;
            }
        }
        return HIDDEN_FROM_SOME_READERS;
    }
}

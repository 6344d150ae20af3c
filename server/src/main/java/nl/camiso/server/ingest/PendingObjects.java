package nl.camiso.server.ingest;

import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.StatusRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects that wait for marking definitions (see INGEST.md, "Marking definitions that have not
 * arrived yet"): kept out of every collection, durably, with the status that lists them in
 * {@code pendings}. Implemented by the storage package.
 */
public interface PendingObjects {

    /** One waiting object, by its place ({@code seq}) in its status. */
    record Waiting(int seq, String objectId, String version, long sinceMicros, Set<String> awaiting, String reason,
                   byte[] json) {
    }

    /** The waiting objects of one status, with who posted them and where to. */
    record Group(String statusId, String apiRoot, String collectionId, String owner, List<Waiting> objects) {
    }

    /** The statuses that have waiting objects, oldest first, each with when its first object began waiting. */
    Map<String, Long> statusesWaiting();

    /** The waiting objects of a status; empty when none wait (any more). */
    Optional<Group> group(String statusId);

    /**
     * In one transaction: stores {@code store} in the group's collection, fails {@code fail} (by
     * {@code seq}, with the reason), leaves the other objects waiting, and rewrites the status
     * ({@code complete} once none wait). An object another process settled meanwhile is skipped.
     *
     * @return the status afterwards
     */
    StatusRecord settle(Group group, Map<Integer, IncomingObject> store, Map<Integer, String> fail);

    /**
     * Which of these ids have a version stored in any collection. Only a cheap first test of whether
     * judging a group again can change anything: whether its poster may read it is the policy's question.
     */
    Set<String> storedAnywhere(Set<String> ids);

    /** Called after a commit that stored a marking definition (which may let objects go). */
    void onMarkingDefinitionStored(Runnable listener);
}

package nl.camiso.taxii.access;

import java.util.Locale;

/**
 * Every operation a requester can ask for, TAXII 2.1's and CAMISO's extensions', each with the kind
 * of target it acts on. An {@link Authorizer} decides each one; nothing else grants or refuses.
 * For operations on a collection, {@link #needsRead()} and {@link #needsWrite()} say which of the
 * collection's rights ({@code can_read}, {@code can_write}) it takes (neither: seeing the
 * collection is enough).
 */
public enum Operation {

    // --- TAXII 2.1 ---
    /** Server discovery (§4.1). */
    READ_DISCOVERY(Scope.SERVER, false, false, null),
    /** API root information (§4.2) and its list of collections (§5.1). */
    READ_API_ROOT(Scope.API_ROOT, false, false, null),
    /** A collection's information (§5.2): whoever may read or write it. */
    READ_COLLECTION(Scope.COLLECTION, false, false, null),
    /** Get Objects and Get an Object (§5.4, §5.6). */
    READ_OBJECTS(Scope.COLLECTION, true, false, "You may not read this collection."),
    /** Get Object Manifests (§5.3). */
    READ_MANIFEST(Scope.COLLECTION, true, false, "You may not read this collection."),
    /** Get Object Versions (§5.8). */
    READ_VERSIONS(Scope.COLLECTION, true, false, "You may not read this collection."),
    /** Add Objects (§5.5). */
    ADD_OBJECTS(Scope.COLLECTION, false, true, "You may not add objects to this collection."),
    /** Delete an Object (§5.7): needs both rights. */
    DELETE_OBJECTS(Scope.COLLECTION, true, true,
            "Deleting objects needs both read and write access to this collection."),
    /** Get Status (§4.3): the status resource of someone's POST. */
    READ_STATUS(Scope.STATUS, false, false, null),

    // --- CAMISO extensions ---
    /** The courses of action, notes and opinions on an object, from the readable collections of an API root. */
    READ_ACTIONS(Scope.API_ROOT, false, false, null),
    /** A block-list feed of a collection. */
    READ_FEED(Scope.COLLECTION, true, false, "You may not read this collection."),
    /** Release sanitised copies out of a collection. */
    RELEASE_FROM(Scope.COLLECTION, true, false, "You may not read the source collection."),
    /** Release sanitised copies into a collection. */
    RELEASE_TO(Scope.COLLECTION, false, true, "You may not write to the target collection."),
    /** Give or withdraw an organisation's consent to releases by an intermediary. */
    GIVE_CONSENT(Scope.COLLECTION, false, true,
            "Only an organisation that publishes in this collection may give or withdraw consent for it."),
    /** Forward the sightings of a reporting collection. */
    FORWARD_FROM(Scope.COLLECTION, true, false, "You may not read the source collection."),
    /** Receive forwarded sightings. */
    FORWARD_TO(Scope.COLLECTION, false, true, "You may not add objects to the target collection."),
    /** Read the audit trail. */
    READ_AUDIT(Scope.SERVER, false, false, null),
    /** The administration API: organisations, initiatives, accounts, RED lists. */
    ADMINISTER(Scope.SERVER, false, false, null),
    /** Exchange a password for a bearer token of one's own account. */
    ISSUE_TOKEN(Scope.SERVER, false, false, null);

    /** What an operation acts on. */
    public enum Scope { SERVER, API_ROOT, COLLECTION, STATUS }

    private final Scope scope;
    private final boolean needsRead;
    private final boolean needsWrite;
    private final String lacksRight;

    Operation(Scope scope, boolean needsRead, boolean needsWrite, String lacksRight) {
        this.scope = scope;
        this.needsRead = needsRead;
        this.needsWrite = needsWrite;
        this.lacksRight = lacksRight;
    }

    public Scope scope() {
        return scope;
    }

    /** For a collection operation: whether it takes {@code can_read}. */
    public boolean needsRead() {
        return needsRead;
    }

    /** For a collection operation: whether it takes {@code can_write}. */
    public boolean needsWrite() {
        return needsWrite;
    }

    /** The 403 message when the requester sees the collection but lacks a right this operation takes. */
    public String lacksRightMessage() {
        return lacksRight;
    }

    /** e.g. {@code read-objects}: in audit entries and the documentation. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

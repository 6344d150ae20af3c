package nl.camiso.server.feeds;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The allow-list for each organisation's accounts: the common one plus the organisation's own
 * networks and domains, read from the live network at every request (the admin API and the CLI
 * change them), so a feed sees a change at its next poll. A list is rebuilt only when the entries
 * changed, and dated so that the feed's validator and {@code Last-Modified} move with it.
 */
public final class OrganisationAllowLists {

    /**
     * An organisation's own entries as the network holds them now.
     *
     * @param readAt when the network state holding them was read: they were committed before
     */
    public record Own(List<String> entries, Instant readAt) {
    }

    private final AllowList common;
    private final Function<String, Own> own;
    private final ConcurrentHashMap<String, AllowList> built = new ConcurrentHashMap<>();

    OrganisationAllowLists(AllowList common, Function<String, Own> own) {
        this.common = common;
        this.own = own;
    }

    /** The allow-list for an account of this organisation (null: an account of none, or anonymous). */
    AllowList of(String organisation) {
        if (organisation == null) {
            return common;
        }
        Own now = own.apply(organisation);
        AllowList known = built.get(organisation);
        if (known != null && known.ownEntries().equals(now.entries())) {
            return known;
        }
        if (known == null && now.entries().isEmpty()) {
            return common;
        }
        // first seen: dated by the network read that holds the entries (no earlier than their
        // change, and not "now", so a settled feed keeps its Last-Modified); changed since: now
        // (also when the last entry went: the empty list then replaces a longer one)
        long since = CurrentIndicators.micros(known == null ? now.readAt() : Instant.now());
        AllowList fresh = common.withOrganisation(organisation, now.entries(), since);
        built.put(organisation, fresh);
        return fresh;
    }
}

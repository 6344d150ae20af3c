package nl.camiso.server.feeds;

import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Decision;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static nl.camiso.taxii.TaxiiException.notFound;

/**
 * What one feed request reads: a collection (by id or alias), or of a named feed set the member
 * collections the requester may read ({@link Operation#READ_FEED}). The others are left out
 * without a word; a set with none readable answers as one unreadable collection would: 403 when
 * the requester may write a member (so it knows of it), otherwise the 404 of a missing collection.
 *
 * @param name        how the feed names itself (alias, id, or the set's name)
 * @param key         what the validator is keyed by: the collection id, or {@code set:} and the name
 * @param collections the collections read, each once, in configuration order
 */
record FeedTarget(String name, String key, List<CollectionInfo> collections) {

    /** The feed sets of every API root ({@code feed_sets}), by root and name. */
    record Sets(Map<String, Map<String, ApiRootConfig.FeedSetConfig>> byRoot) {
        static final Sets NONE = new Sets(Map.of());

        static Sets of(CamisoConfig config) {
            Map<String, Map<String, ApiRootConfig.FeedSetConfig>> byRoot = new LinkedHashMap<>();
            config.apiRoots().forEach(r -> byRoot.put(r.name(), r.feedSets()));
            return new Sets(Map.copyOf(byRoot));
        }

        Map<String, ApiRootConfig.FeedSetConfig> of(String root) {
            return byRoot.getOrDefault(root, Map.of());
        }
    }

    boolean isSet() {
        return key.startsWith("set:");
    }

    /** For a feed set, the aliases (or ids) of the collections read; null for a single collection. */
    List<String> members() {
        return isSet() ? collections.stream().map(c -> c.alias() != null ? c.alias() : c.id()).toList() : null;
    }

    static FeedTarget resolve(CollectionAccess access, ApiRootInfo root, String name, Sets sets) {
        var catalog = access.services().catalog();
        ApiRootConfig.FeedSetConfig set = sets.of(root.name()).get(name);
        if (set == null || catalog.collection(root.name(), name).isPresent()) {
            CollectionInfo c = access.collection(root, name, Operation.READ_FEED, "collection");
            return new FeedTarget(c.alias() != null ? c.alias() : c.id(), c.id(), List.of(c));
        }
        List<CollectionInfo> readable = new ArrayList<>();
        Decision refusal = null;
        for (String ref : set.collections()) {
            Optional<CollectionInfo> c = catalog.collection(root.name(), ref);
            if (c.isEmpty() || readable.contains(c.get())) {
                continue;
            }
            Decision d = access.decide(Operation.READ_FEED, Target.collection(c.get()));
            if (d.isAllowed()) {
                readable.add(c.get());
            } else if (refusal == null && d.outcome() != Decision.Outcome.HIDDEN) {
                refusal = d;
            }
        }
        if (readable.isEmpty()) {
            throw refusal != null ? refusal.refusal("collection") : notFound("collection");
        }
        return new FeedTarget(name, "set:" + name, List.copyOf(readable));
    }

}

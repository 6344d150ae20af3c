package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One entry of {@code api_roots:}. */
public record ApiRootConfig(
        @JsonProperty("name") String name,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("max_content_length") Long maxContentLength,
        @JsonProperty("collections") List<CollectionConfig> collections,
        @JsonProperty("reference_policy") ReferencePolicy referencePolicy,
        @JsonProperty("feed_sets") Map<String, FeedSetConfig> feedSets) {

    /**
     * A named feed set ({@code feed_sets: {name: {title, collections: [id or alias, ...]}}}): one
     * feed ({@code /{root}/x-camiso/feeds/{name}/{format}}) from the indicators of several
     * collections of this API root, each requester getting those of the collections it may read.
     */
    public record FeedSetConfig(@JsonProperty("title") String title,
                                @JsonProperty("collections") List<String> collections) {
        public FeedSetConfig {
            collections = collections == null ? List.of() : List.copyOf(collections);
        }
    }

    /**
     * What happens to a relationship or sighting posted into a collection of this API root when it
     * refers to an object the collection's readers cannot see: refused (default) or accepted with a
     * warning in the status resource.
     */
    public enum ReferencePolicy { REFUSE, WARN }

    public static final long DEFAULT_MAX_CONTENT_LENGTH = 10L * 1024 * 1024;

    public ApiRootConfig {
        maxContentLength = maxContentLength == null ? DEFAULT_MAX_CONTENT_LENGTH : maxContentLength;
        collections = collections == null ? List.of() : List.copyOf(collections);
        referencePolicy = referencePolicy == null ? ReferencePolicy.REFUSE : referencePolicy;
        // in file order, which the feed listing keeps
        feedSets = feedSets == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(feedSets));
    }

    public ApiRootConfig(String name, String title, String description, Long maxContentLength,
                         List<CollectionConfig> collections, ReferencePolicy referencePolicy) {
        this(name, title, description, maxContentLength, collections, referencePolicy, null);
    }

    public ApiRootConfig(String name, String title, String description, Long maxContentLength,
                         List<CollectionConfig> collections) {
        this(name, title, description, maxContentLength, collections, null, null);
    }

    /** A collection by id or alias. */
    public Optional<CollectionConfig> collection(String idOrAlias) {
        return collections.stream()
                .filter(c -> c.id().equalsIgnoreCase(idOrAlias) || idOrAlias.equals(c.alias()))
                .findFirst();
    }
}

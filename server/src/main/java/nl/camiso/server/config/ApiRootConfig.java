package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/** One entry of {@code api_roots:}. */
public record ApiRootConfig(
        @JsonProperty("name") String name,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("max_content_length") Long maxContentLength,
        @JsonProperty("collections") List<CollectionConfig> collections) {

    public static final long DEFAULT_MAX_CONTENT_LENGTH = 10L * 1024 * 1024;

    public ApiRootConfig {
        maxContentLength = maxContentLength == null ? DEFAULT_MAX_CONTENT_LENGTH : maxContentLength;
        collections = collections == null ? List.of() : List.copyOf(collections);
    }

    /** A collection by id or alias. */
    public Optional<CollectionConfig> collection(String idOrAlias) {
        return collections.stream()
                .filter(c -> c.id().equalsIgnoreCase(idOrAlias) || idOrAlias.equals(c.alias()))
                .findFirst();
    }
}

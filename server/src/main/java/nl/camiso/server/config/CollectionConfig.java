package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import nl.camiso.stix.marking.Tlp;

import java.util.List;

/**
 * One collection. The sharing-network fields ({@code initiative}, {@code tlp}, {@code public},
 * {@code red_accounts}, {@code reporting}) are kept for the sharing-network rules.
 *
 * @param load sample bundles, relative to the config file, loaded once on first start
 */
public record CollectionConfig(
        @JsonProperty("id") String id,
        @JsonProperty("alias") String alias,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("initiative") String initiative,
        @JsonProperty("tlp") Tlp tlp,
        @JsonProperty("public") boolean isPublic,
        @JsonProperty("red_accounts") List<String> redAccounts,
        @JsonProperty("reporting") boolean reporting,
        @JsonProperty("load") List<String> load) {

    public CollectionConfig {
        redAccounts = redAccounts == null ? List.of() : List.copyOf(redAccounts);
        load = load == null ? List.of() : List.copyOf(load);
    }
}

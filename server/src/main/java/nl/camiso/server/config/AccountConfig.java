package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import nl.camiso.server.identity.Role;

import java.util.List;
import java.util.Set;

/**
 * An account seeded into the database on first start. Either {@code password} (demo mode only)
 * or {@code password_hash}; neither means bearer tokens only.
 */
public record AccountConfig(
        @JsonProperty("name") String name,
        @JsonProperty("organisation") String organisation,
        @JsonProperty("password") String password,
        @JsonProperty("password_hash") String passwordHash,
        @JsonProperty("roles") Set<Role> roles,
        @JsonProperty("grants") List<GrantConfig> grants) {

    /** The password of the demo accounts; refused on a non-loopback bind. */
    public static final String DEMO_PASSWORD = "camiso-demo";

    public AccountConfig {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** Never print the password. */
    @Override
    public String toString() {
        return "AccountConfig[" + name + "]";
    }

    /** @param collection a collection id or alias, or {@code *} for every collection of the API root */
    public record GrantConfig(@JsonProperty("collection") String collection,
                              @JsonProperty("api_root") String apiRoot,
                              @JsonProperty("read") boolean read,
                              @JsonProperty("write") boolean write) {
    }
}

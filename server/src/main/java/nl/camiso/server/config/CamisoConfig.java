package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file (README, "Configuration"), immutable and validated by
 * {@link ConfigLoader}. Lists are never null.
 *
 * @param source where the file came from; relative {@code load:} paths resolve against it
 */
public record CamisoConfig(
        @JsonProperty("server") ServerConfig server,
        @JsonProperty("api_roots") List<ApiRootConfig> apiRoots,
        @JsonProperty("organisations") List<OrganisationConfig> organisations,
        @JsonProperty("initiatives") List<InitiativeConfig> initiatives,
        @JsonProperty("accounts") List<AccountConfig> accounts,
        ConfigSource source) {

    public CamisoConfig {
        apiRoots = apiRoots == null ? List.of() : List.copyOf(apiRoots);
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
        initiatives = initiatives == null ? List.of() : List.copyOf(initiatives);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    CamisoConfig withSource(ConfigSource newSource) {
        return new CamisoConfig(server, apiRoots, organisations, initiatives, accounts, newSource);
    }

    public Optional<ApiRootConfig> apiRoot(String name) {
        return apiRoots.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<AccountConfig> account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** True when demo mode is on or any configured account has the demo password. */
    public boolean usesDemoPassword() {
        return server.demo() || accounts.stream().anyMatch(a -> AccountConfig.DEMO_PASSWORD.equals(a.password()));
    }
}

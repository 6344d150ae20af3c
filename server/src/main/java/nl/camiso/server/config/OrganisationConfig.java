package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One organisation of the sharing network (enforced by the sharing-network rules). */
public record OrganisationConfig(
        @JsonProperty("name") String name,
        @JsonProperty("title") String title,
        @JsonProperty("role") Role role,
        @JsonProperty("identity") String identity) {

    /** The role an organisation plays in the network (see domain.md). */
    public enum Role {
        HUB, SOURCE, INTERMEDIARY, INITIATIVE, MEMBER, SUPERVISOR
    }
}

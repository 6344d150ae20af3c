package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import nl.camiso.stix.marking.Tlp;

import java.util.List;

/** One initiative: run by an organisation, with member organisations and their TLP clearance. */
public record InitiativeConfig(
        @JsonProperty("name") String name,
        @JsonProperty("title") String title,
        @JsonProperty("organisation") String organisation,
        @JsonProperty("members") List<Member> members) {

    public InitiativeConfig {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** @param clearance GREEN, AMBER or AMBER+STRICT */
    public record Member(@JsonProperty("organisation") String organisation,
                         @JsonProperty("clearance") Tlp clearance) {
    }
}

package nl.camiso.server.network;

import nl.camiso.server.config.OrganisationConfig;

/**
 * One organisation of the sharing network (a STIX {@code identity}).
 *
 * @param identity its STIX identity id, or null when not given
 */
public record Organisation(String name, String title, OrganisationConfig.Role role, String identity) {
}

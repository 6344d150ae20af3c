package nl.camiso.taxii.spi;

/**
 * One API root as configured.
 *
 * @param name             the URL path segment, e.g. {@code ndn} for {@code /ndn/}
 * @param maxContentLength largest POST body accepted, in octets (> 0)
 */
public record ApiRootInfo(String name, String title, String description, long maxContentLength) {
}

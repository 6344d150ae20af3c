package nl.camiso.stix;

import java.util.Set;

/** The STIX 2.1 type names by category (spec §4, §5, §6, §7). */
public final class StixTypes {

    public static final Set<String> SDO = Set.of(
            "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident",
            "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis",
            "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability");

    public static final Set<String> SRO = Set.of("relationship", "sighting");

    public static final Set<String> SCO = Set.of(
            "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message",
            "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process",
            "software", "url", "user-account", "windows-registry-key", "x509-certificate");

    /** Meta objects: marking definitions, language content, extension definitions. */
    public static final Set<String> META = Set.of("marking-definition", "language-content", "extension-definition");

    private StixTypes() {
    }

    public static boolean isSdoType(String type) {
        return SDO.contains(type);
    }

    public static boolean isSroType(String type) {
        return SRO.contains(type);
    }

    /** Whether the type is one of the spec's cyber-observable types (custom SCO types are not known by name). */
    public static boolean isScoType(String type) {
        return SCO.contains(type);
    }

    public static boolean isStandardType(String type) {
        return SDO.contains(type) || SRO.contains(type) || SCO.contains(type) || META.contains(type);
    }

    /** The type prefix of an identifier ({@code indicator--...} gives {@code indicator}), or null. */
    public static String typeOfId(String id) {
        if (id == null) {
            return null;
        }
        int i = id.indexOf("--");
        return i > 0 ? id.substring(0, i) : null;
    }
}

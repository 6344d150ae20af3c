package nl.camiso.stix;

import nl.camiso.stix.validation.TypeSpec.Category;
import nl.camiso.stix.validation.TypeTable;

import java.util.Set;

/**
 * The STIX 2.1 type names by category (spec §4, §5, §6, §7), read from the {@link TypeTable}
 * (add a type there, not here).
 */
public final class StixTypes {

    public static final Set<String> SDO = TypeTable.typesOf(Category.SDO);

    public static final Set<String> SRO = TypeTable.typesOf(Category.SRO);

    public static final Set<String> SCO = TypeTable.typesOf(Category.SCO);

    /** Meta objects: marking definitions, language content, extension definitions. */
    public static final Set<String> META = TypeTable.typesOf(Category.META);

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

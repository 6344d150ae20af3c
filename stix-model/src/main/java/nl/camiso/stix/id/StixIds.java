package nl.camiso.stix.id;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STIX identifiers, {@code type--UUID} (spec §2.9): shape checks, UUID version, new ids.
 *
 * <p>The UUID part must be an RFC 4122 UUID: 8-4-4-4-12 hex digits, version 1 to 5 and the RFC
 * variant ({@code 8}, {@code 9}, {@code a} or {@code b} as the first digit of the fourth group),
 * which is what the OASIS identifier schema accepts. SDOs, SROs and meta objects should use
 * version 4 ({@link #isUuidV4}); SCOs version 5 from {@link ScoIds}.
 */
public final class StixIds {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    private static final int UUID_LENGTH = 36;

    private StixIds() {
    }

    /** Whether {@code id} is {@code type--uuid} with a lowercase type and an RFC 4122 UUID of version 1–5. */
    public static boolean isValid(String id) {
        return typeOf(id) != null && UUID_TEXT.matcher(uuidText(id)).matches();
    }

    /** Whether {@code id} is valid and its prefix is exactly {@code type}. */
    public static boolean isValidFor(String id, String type) {
        return isValid(id) && type != null && type.equals(typeOf(id));
    }

    /** The type part of a {@code type--uuid} identifier, or null when the id has no such shape. */
    public static String typeOf(String id) {
        if (id == null || id.length() < UUID_LENGTH + 3) {
            return null;
        }
        int sep = id.length() - UUID_LENGTH - 2;
        if (!id.startsWith("--", sep)) {
            return null;
        }
        String type = id.substring(0, sep);
        return TYPE.matcher(type).matches() ? type : null;
    }

    /** The UUID version (1–5) of a valid id, empty when the id is not valid. */
    public static OptionalInt uuidVersion(String id) {
        if (!isValid(id)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Character.digit(uuidText(id).charAt(14), 16));
    }

    /** Whether the id is valid and its UUID is version 4 (random), as SDO and SRO ids should be. */
    public static boolean isUuidV4(String id) {
        return uuidVersion(id).orElse(0) == 4;
    }

    /** Whether the id is valid and its UUID is version 5 (name-based), as deterministic SCO ids are. */
    public static boolean isUuidV5(String id) {
        return uuidVersion(id).orElse(0) == 5;
    }

    /** The UUID of a valid id. */
    public static UUID uuidOf(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not a STIX identifier (type--uuid): '" + id + "'");
        }
        return UUID.fromString(uuidText(id));
    }

    /** A new identifier with a random (version 4) UUID. */
    public static String newRandomId(String type) {
        checkType(type);
        return type + "--" + UUID.randomUUID();
    }

    static void checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("not a STIX type name: '" + type + "'");
        }
    }

    static String format(String type, UUID uuid) {
        return type + "--" + uuid.toString().toLowerCase(Locale.ROOT);
    }

    private static String uuidText(String id) {
        return id.substring(id.length() - UUID_LENGTH);
    }
}

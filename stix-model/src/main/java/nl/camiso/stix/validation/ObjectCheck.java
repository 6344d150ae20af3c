package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixTypes;
import nl.camiso.stix.id.ScoIds;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one STIX object: the generic rules every value obeys (no nulls, no empty lists or
 * dictionaries, {@code _ref}/{@code _bin}/{@code _hex} suffix rules, 54-bit integers), each
 * property by the kind its {@link TypeTable} entry gives it, the rules common to all types, then
 * the entry's own rules, which report through the package-private methods here. Nothing in this
 * class names a particular type. One instance per object; not thread-safe.
 */
final class ObjectCheck {

    private static final Set<String> RESERVED = Set.of("severity", "action", "username", "phone_number", "phone_numbers");
    /** Each spec type's kind as bit flags, so that checking a reference costs one lookup. */
    private static final int SDO = 1;
    private static final int SCO = 2;
    private static final int STANDARD = 4;
    private static final Map<String, Integer> TYPE_KIND = typeKinds();
    private static final List<String> CUSTOM_REQUIRED = List.of("spec_version", "created", "modified");
    private static final List<String> KILL_CHAIN_PHASE_FIELDS = List.of("kill_chain_name", "phase_name");
    private static final List<String> EXTERNAL_REFERENCE_TEXTS = List.of("description", "url", "external_id");

    private final List<ValidationIssue> out;
    private final String objectId;
    private final JsonNode root;
    /**
     * The last references the walk found to be well-formed identifiers, a ring of 8 compared by
     * identity: {@link #refValue} runs right after the walk of the same property and would
     * otherwise scan every reference's UUID a second time.
     */
    private final String[] wellFormedRefs = new String[8];
    /** The last timestamps parsed, by identity of their text: created and modified are checked twice. */
    private final String[] parsedTexts = new String[4];
    private final Ts[] parsedTimestamps = new Ts[4];
    private int parsedNext;
    private int wellFormedNext;
    /** Whether {@link #objectId} is a well-formed identifier; set by {@link #checkId}, which runs first. */
    private boolean idWellFormed;

    private ObjectCheck(JsonNode root, String objectId, List<ValidationIssue> out) {
        this.root = root;
        this.objectId = objectId;
        this.out = out;
    }

    /** Validates {@code node} as one STIX object, appending findings to {@code out}. */
    static void run(JsonNode node, String pathPrefix, List<ValidationIssue> out) {
        if (node == null || !node.isObject()) {
            out.add(new ValidationIssue(Severity.ERROR, null, pathPrefix,
                    "a STIX object must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType())));
            return;
        }
        runOnObject(node, out);
    }

    /** {@link #run} for a node known to be a JSON object (it needs no path prefix then). */
    static void runOnObject(JsonNode node, List<ValidationIssue> out) {
        JsonNode idNode = node.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
        new ObjectCheck(node, id, out).check();
    }

    // --- what type rules see and report through ------------------------------------------------

    void error(String path, String message) {
        out.add(new ValidationIssue(Severity.ERROR, objectId, path, message));
    }

    void warn(String path, String message) {
        out.add(new ValidationIssue(Severity.WARNING, objectId, path, message));
    }

    void error(Loc path, String message) {
        error(path.toString(), message);
    }

    void warn(Loc path, String message) {
        warn(path.toString(), message);
    }

    /** The object's id when it is a string, else null. */
    String objectId() {
        return objectId;
    }

    JsonNode root() {
        return root;
    }

    boolean has(String property) {
        return root.has(property);
    }

    /** A top-level property, or null. */
    JsonNode get(String property) {
        return root.get(property);
    }

    /** A top-level string property, or null when absent or not a string. */
    String text(String property) {
        JsonNode v = root.get(property);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private Ts timestamp(String property) {
        String t = text(property);
        return t == null ? null : parseTimestamp(t);
    }

    // --- the object ----------------------------------------------------------------------------

    private void check() {
        JsonNode typeNode = root.get("type");
        String type = null;
        if (typeNode == null) {
            error("type", "required property 'type' is missing");
        } else if (!typeNode.isTextual()) {
            error("type", "must be a string");
        } else {
            type = typeNode.textValue();
            String problem = Formats.typeNameProblem(type);
            if (problem != null) {
                error("type", "'" + type + "' is not a valid object type: " + problem);
            }
            if ("bundle".equals(type)) {
                error("type", "a bundle cannot be nested as an object");
                return;
            }
        }
        checkId(type);

        TypeSpec spec = type == null ? null : TypeTable.get(type);
        TypeSpec.Category category = spec != null ? spec.category() : customCategory();
        if (spec != null) {
            for (String r : spec.required()) {
                if (!root.has(r)) {
                    error(r, "required property '" + r + "' is missing");
                }
            }
        } else if (category == TypeSpec.Category.SDO || category == TypeSpec.Category.SRO) {
            for (String r : CUSTOM_REQUIRED) {
                if (!root.has(r)) {
                    error(r, "required property '" + r + "' is missing (custom " + category + " types have the common properties)");
                }
            }
        }

        Map<String, Prop> props = spec != null ? spec.props() : TypeTable.CUSTOM_TYPE_PROPS;
        boolean toplevelExtension = hasToplevelPropertyExtension();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            Prop p = props.get(name);
            Loc loc = Loc.of(name);
            walk(value, loc, name, p != null ? 0 : 1);
            if (RESERVED.contains(name)) {
                error(name, "'" + name + "' is a reserved property name and must not be used (§3.8)");
                continue;
            }
            if (p != null) {
                checkProp(p, value, loc);
            } else if ("defanged".equals(name)) {
                error(name, "'defanged' must not be used on objects that are not cyber-observables");
            } else if (TypeTable.COMMON_NAMES.contains(name)) {
                warn(name, "'" + name + "' is not a property of " + type + " objects (§3.2)");
            } else if (!Formats.isValidPropertyName(name)) {
                error(name, "custom property name '" + name + "' must be 3-250 characters of a-z, 0-9 and '_'");
            } else if (spec != null && !toplevelExtension && !name.startsWith("x_")) {
                warn(name, "custom property '" + name + "' should start with 'x_' or be defined by a toplevel-property-extension");
            }
        }

        checkCommonRules(type, category);
        if (spec == null) {
            return;
        }
        for (TypeSpec.TypeRule rule : spec.rules()) {
            rule.check(this);
        }
    }

    /** Custom object types are SDO/SRO/SCO-like as their new-sdo/new-sro/new-sco extension says; null when unknown. */
    private TypeSpec.Category customCategory() {
        JsonNode ext = root.get("extensions");
        if (ext == null || !ext.isObject()) {
            return null;
        }
        for (JsonNode e : ext) {
            JsonNode et = e.get("extension_type");
            if (et != null && et.isTextual()) {
                switch (et.textValue()) {
                    case "new-sdo":
                        return TypeSpec.Category.SDO;
                    case "new-sro":
                        return TypeSpec.Category.SRO;
                    case "new-sco":
                        return TypeSpec.Category.SCO;
                    default:
                        break;
                }
            }
        }
        return null;
    }

    private boolean hasToplevelPropertyExtension() {
        JsonNode ext = root.get("extensions");
        if (ext == null || !ext.isObject()) {
            return false;
        }
        for (JsonNode e : ext) {
            JsonNode et = e.get("extension_type");
            if (et != null && "toplevel-property-extension".equals(et.asText())) {
                return true;
            }
        }
        return false;
    }

    private void checkId(String type) {
        JsonNode idNode = root.get("id");
        if (idNode == null) {
            error("id", "required property 'id' is missing");
            return;
        }
        if (!idNode.isTextual()) {
            error("id", "must be a string");
            return;
        }
        String id = idNode.textValue();
        String problem = Formats.identifierProblem(id);
        if (problem != null) {
            error("id", problem);
            return;
        }
        idWellFormed = true;
        if (type != null && !(id.length() == type.length() + 38 && id.startsWith(type))) {
            error("id", "the identifier prefix must be the object's type '" + type + "--'");
        }
    }

    // --- rules shared by all types -------------------------------------------------------------

    private void checkCommonRules(String type, TypeSpec.Category category) {
        String sv = text("spec_version");
        if (root.has("spec_version") && !"2.1".equals(sv)) {
            error("spec_version", "must be \"2.1\" for STIX 2.1 content, got " + root.get("spec_version"));
        }
        Ts created = millis("created");
        Ts modified = millis("modified");
        if (created != null && modified != null && modified.compareTo(created) < 0) {
            error("modified", "'modified' (" + text("modified") + ") must not be earlier than 'created' (" + text("created") + ")");
        }
        if (category == null || type == null || !idWellFormed) {
            return;
        }
        int version = Formats.uuidVersion(objectId);
        TypeSpec spec = TypeTable.get(type);
        if (category == TypeSpec.Category.SCO && spec != null) {
            boolean anyContributing = false;
            for (String p : spec.idContributing()) {
                if (root.has(p)) {
                    anyContributing = true;
                    break;
                }
            }
            if (!anyContributing && version != 4) {
                error("id", type + " without ID contributing properties must use a UUIDv4 identifier (§2.9)");
            } else if (anyContributing && version != 5 && !root.has("modified")) {
                warn("id", "cyber-observable identifiers should be deterministic UUIDv5 (§2.9)");
            } else if (version == 5 && root.has("modified") && ScoIds.deterministicId(root).filter(objectId::equals).isPresent()) {
                versionedDeterministicSco();
            }
        } else if (category != TypeSpec.Category.SCO && version != 4) {
            warn("id", type + " identifiers should use UUIDv4 (§2.9)");
        }
    }

    /**
     * A versioned SCO (one that carries {@code modified}, through a property extension: SCOs have
     * no versioning properties of their own) whose id is the deterministic UUIDv5 of the STIX
     * namespace over its ID contributing properties. §2.9 has every producer derive that same id
     * for the same observable, while §3.6 lets only an object's creator make new versions of it:
     * an id anyone derives has no single creator, so versions under it from different producers
     * would overwrite each other. A versioned SCO needs an id of its own (UUIDv4), as the
     * Attack Flow corpus's versioned SCOs have.
     */
    private void versionedDeterministicSco() {
        error("id", "this cyber-observable is versioned ('modified') but its id is the deterministic one that every"
                + " producer derives from its ID contributing properties (§2.9); only an object's creator may version"
                + " it (§3.6), so a versioned SCO needs an id of its own (UUIDv4)");
    }

    /** A created/modified timestamp: at least millisecond precision (§3.2). */
    private Ts millis(String property) {
        Ts t = timestamp(property);
        if (t != null && t.fractionDigits < 3) {
            error(property, "'" + property + "' must have at least millisecond precision (3 fraction digits), got '" + text(property) + "'");
        }
        return t;
    }

    /** {@code later} must be after (strict) or not before {@code earlier}. */
    void order(String earlier, String later, boolean strict) {
        Ts a = timestamp(earlier);
        Ts b = timestamp(later);
        if (a == null || b == null) {
            return;
        }
        int c = b.compareTo(a);
        if (strict ? c <= 0 : c < 0) {
            error(later, "'" + later + "' (" + text(later) + ") must be " + (strict ? "later than" : "later than or equal to")
                    + " '" + earlier + "' (" + text(earlier) + ")");
        }
    }

    // --- the generic walk ----------------------------------------------------------------------

    /**
     * Rules for every value anywhere in the object (§2, §3.1). {@code customDepth} is 0 inside spec
     * properties, 1 for a custom top-level property, more inside one: custom content is checked
     * for nulls and empty lists at its top level (errors, as the OASIS validator does), while
     * empties nested deeper in custom structures are only warned about, and custom {@code _ref}
     * values are not required to be identifiers (the spec defines no content for custom names).
     */
    private void walk(JsonNode v, Loc loc, String name, int customDepth) {
        int childDepth = customDepth == 0 ? 0 : customDepth + 1;
        switch (v.getNodeType()) {
            case NULL -> {
                if (customDepth <= 1) {
                    error(loc.toString(), "must not be null; omit the property instead");
                } else {
                    warn(loc.toString(), "null value inside custom content; omit the property instead");
                }
            }
            case ARRAY -> {
                if (v.isEmpty()) {
                    if (customDepth <= 1) {
                        error(loc.toString(), "must not be an empty list; omit the property instead (§2.12)");
                    } else {
                        warn(loc.toString(), "empty list inside custom content (§2.12 prohibits empty lists)");
                    }
                    return;
                }
                boolean refs = customDepth == 0 && name != null && name.endsWith("_refs");
                for (int i = 0; i < v.size(); i++) {
                    JsonNode item = v.get(i);
                    Loc p = loc.at(i);
                    if (refs && item.isTextual()) {
                        identifierValue(p, item.textValue());
                    } else {
                        walk(item, p, null, childDepth);
                    }
                }
            }
            case OBJECT -> {
                if (v.isEmpty()) {
                    if (customDepth <= 1) {
                        error(loc.toString(), "must not be an empty dictionary or object (§2.3)");
                    } else {
                        warn(loc.toString(), "empty object inside custom content (§2.3 prohibits empty dictionaries)");
                    }
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    walk(e.getValue(), loc.key(e.getKey()), e.getKey(), childDepth);
                }
            }
            case STRING -> {
                // only names ending in _ref, _bin or _hex constrain a string: skip the rest with one look
                if (name == null || name.length() < 4 || name.charAt(name.length() - 4) != '_') {
                    return;
                }
                String s = v.textValue();
                if (name.endsWith("_ref")) {
                    if (customDepth == 0) {
                        identifierValue(loc, s);
                    }
                } else if (name.endsWith("_bin")) {
                    if (!Formats.isBase64(s)) {
                        error(loc.toString(), "'" + name + "' must be base64 encoded binary data (RFC 4648), got '" + abbreviate(s) + "'");
                    }
                } else if (name.endsWith("_hex")) {
                    hexValue(loc, name, s);
                }
            }
            case NUMBER -> {
                if (v.isIntegralNumber() || (v.isBigDecimal() && v.decimalValue().scale() <= 0)) {
                    java.math.BigInteger b = smallInteger(v);
                    if (b == null || b.bitLength() > 53) {
                        error(loc.toString(), "integer " + v + " is outside the STIX integer range -(2^53)+1 .. 2^53-1 (§2.10)");
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * §2.8 says hex uses lowercase a-f, but the OASIS JSON schema (hex.json) and validator accept
     * uppercase too, and real producers write it: uppercase is a warning, anything else an error.
     */
    private void hexValue(Loc path, String name, String s) {
        if (Formats.isStixHex(s)) {
            return;
        }
        if (Formats.isStixHex(s.toLowerCase(java.util.Locale.ROOT))) {
            warn(path, "'" + name + "' should use lowercase hexadecimal digits (§2.8), got '" + abbreviate(s) + "'");
        } else {
            error(path, "'" + name + "' must be an even number of hexadecimal digits, got '" + abbreviate(s) + "'");
        }
    }

    private void identifierValue(Loc path, String s) {
        String problem = Formats.identifierProblem(s);
        if (problem != null) {
            error(path, "references must be identifiers: " + problem);
        } else {
            wellFormedRefs[wellFormedNext++ & (wellFormedRefs.length - 1)] = s;
        }
    }

    private Ts parseTimestamp(String text) {
        for (int i = 0; i < parsedTexts.length; i++) {
            if (parsedTexts[i] == text) {
                return parsedTimestamps[i];
            }
        }
        Ts t = Ts.parse(text);
        int slot = parsedNext++ & (parsedTexts.length - 1);
        parsedTexts[slot] = text;
        parsedTimestamps[slot] = t;
        return t;
    }

    /** Whether the walk just found this very string (same instance) to be a well-formed identifier. */
    private boolean seenWellFormed(String id) {
        for (String s : wellFormedRefs) {
            if (s == id) {
                return true;
            }
        }
        return false;
    }

    /** A value quoted in a message: shortened, with control characters escaped so a finding stays on one line. */
    static String abbreviate(String s) {
        String cut = s.length() <= 60 ? s : s.substring(0, 57) + "...";
        StringBuilder sb = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(cut.length() + 8).append(cut, 0, i);
                }
                sb.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    case '\r' -> "\\r";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? cut : sb.toString();
    }

    // --- one property by its kind --------------------------------------------------------------

    private static boolean skip(JsonNode v) {
        // nulls and empty containers are already reported by the walk
        return v.isNull() || (v.isContainerNode() && v.isEmpty());
    }

    private void checkProp(Prop p, JsonNode v, Loc path) {
        if (skip(v)) {
            return;
        }
        switch (p.kind()) {
            case STRING, BINARY, HEX -> expectString(v, path);
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    error(path, "must be a boolean (true or false), got " + describe(v));
                }
            }
            case INTEGER -> integer(p, v, path);
            case FLOAT -> {
                if (!v.isNumber()) {
                    error(path, "must be a number, got " + describe(v));
                }
            }
            case TIMESTAMP -> timestampValue(v, path);
            case LANGUAGE -> {
                if (expectString(v, path) && !Formats.isLanguageTag(v.textValue())) {
                    error(path, "'" + v.textValue() + "' is not an RFC 5646 language tag");
                }
            }
            case STRING_LIST -> {
                if (expectList(v, path)) {
                    for (int i = 0; i < v.size(); i++) {
                        expectString(v.get(i), path.at(i));
                    }
                }
            }
            case REF -> refValue(p, v, path);
            case REF_LIST -> {
                if (expectList(v, path)) {
                    for (int i = 0; i < v.size(); i++) {
                        refValue(p, v.get(i), path.at(i));
                    }
                }
            }
            case OPEN_VOCAB, ENUM -> vocabValue(p, v, path);
            case OPEN_VOCAB_LIST, ENUM_LIST -> {
                if (expectList(v, path)) {
                    for (int i = 0; i < v.size(); i++) {
                        vocabValue(p, v.get(i), path.at(i));
                    }
                }
            }
            case HASHES -> hashes(v, path);
            case DICTIONARY -> {
                if (expectObject(v, path)) {
                    dictionaryKeys(v, path);
                }
            }
            case OBJECT -> expectObject(v, path);
            case OBJECT_LIST -> {
                if (expectList(v, path)) {
                    for (int i = 0; i < v.size(); i++) {
                        expectObject(v.get(i), path.at(i));
                    }
                }
            }
            case KILL_CHAIN_PHASES -> killChainPhases(v, path);
            case EXTERNAL_REFERENCES -> externalReferences(v, path);
            case GRANULAR_MARKINGS -> granularMarkings(v, path);
            case EXTENSIONS -> extensions(v, path);
        }
    }

    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(v.textValue()) + "\"";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(v.toString());
        };
    }

    private boolean expectString(JsonNode v, Loc path) {
        if (v.isTextual()) {
            return true;
        }
        if (!skip(v)) {
            error(path, "must be a string, got " + describe(v));
        }
        return false;
    }

    private boolean expectList(JsonNode v, Loc path) {
        if (v.isArray()) {
            return !v.isEmpty();
        }
        if (!skip(v)) {
            error(path, "must be a list, got " + describe(v));
        }
        return false;
    }

    boolean expectObject(JsonNode v, Loc path) {
        if (v.isObject()) {
            return !v.isEmpty();
        }
        if (!skip(v)) {
            error(path, "must be an object, got " + describe(v));
        }
        return false;
    }

    private void integer(Prop p, JsonNode v, Loc path) {
        boolean integral = v.isIntegralNumber() || (v.isBigDecimal() && v.decimalValue().stripTrailingZeros().scale() <= 0
                && v.decimalValue().scale() <= 0);
        if (!integral) {
            error(path, "must be an integer, got " + describe(v));
            return;
        }
        java.math.BigInteger b = smallInteger(v);
        if (b == null || b.bitLength() > 53) {
            return; // reported by the walk
        }
        long x = b.longValue();
        if (x < p.min() || x > p.max()) {
            error(path, "must be between " + p.min() + " and " + p.max() + ", got " + x);
        }
    }

    /**
     * An integral number's value, or null when it has more than 20 digits before the point: far
     * outside the STIX range, and {@code 1e999999999} must not be expanded (Jackson refuses to).
     */
    private static java.math.BigInteger smallInteger(JsonNode v) {
        java.math.BigDecimal d = v.decimalValue();
        return d.precision() - d.scale() > 20 ? null : d.toBigInteger();
    }

    private void timestampValue(JsonNode v, Loc path) {
        if (expectString(v, path) && parseTimestamp(v.textValue()) == null) {
            error(path, "'" + abbreviate(v.textValue()) + "' is not a valid timestamp: RFC 3339 UTC 'YYYY-MM-DDTHH:mm:ss[.s+]Z' with a real calendar date");
        }
    }

    void refValue(Prop p, JsonNode v, Loc path) {
        if (!expectString(v, path)) {
            return;
        }
        String id = v.textValue();
        if (!seenWellFormed(id) && Formats.identifierProblem(id) != null) {
            return; // reported by the walk
        }
        String t = id.substring(0, id.indexOf("--"));
        int kind = TYPE_KIND.getOrDefault(t, 0);
        if (!p.targets().allows(t, (kind & SDO) != 0, (kind & SCO) != 0, (kind & STANDARD) != 0)) {
            error(path, "'" + p.name() + "' must refer to " + p.targets().description() + ", not to a " + t);
        }
    }

    private void vocabValue(Prop p, JsonNode v, Loc path) {
        if (!expectString(v, path)) {
            return;
        }
        String s = v.textValue();
        if (p.vocab().contains(s)) {
            return;
        }
        if (p.kind() == Prop.Kind.ENUM || p.kind() == Prop.Kind.ENUM_LIST) {
            error(path, "'" + abbreviate(s) + "' is not an allowed value of '" + p.name() + "' (" + String.join(", ", new java.util.TreeSet<>(p.vocab())) + ")");
        } else {
            warn(path, "'" + abbreviate(s) + "' is not in the " + p.name() + " open vocabulary");
        }
    }

    private void dictionaryKeys(JsonNode v, Loc path) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Formats.isValidDictionaryKey(k)) {
                error(path.key(k), "dictionary key '" + k + "' must be at most 250 characters of a-z, A-Z, 0-9, '_' and '-' (§2.3)");
            }
        }
    }

    private void hashes(JsonNode v, Loc path) {
        if (!expectObject(v, path)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            Loc p = path.key(k);
            if (k.length() < 3 || !Formats.isValidDictionaryKey(k)) {
                error(p, "hash algorithm name '" + k + "' must be 3-250 characters of a-z, A-Z, 0-9, '_' and '-' (§2.7)");
            } else if (!Vocab.HASH_ALGORITHM.contains(k)) {
                warn(p, "'" + k + "' is not in the hash-algorithm-ov vocabulary (e.g. 'SHA-256')");
            }
            if (expectString(e.getValue(), p)) {
                String problem = Formats.hashValueProblem(k, e.getValue().textValue());
                if (problem != null) {
                    error(p, "'" + abbreviate(e.getValue().textValue()) + "' " + problem);
                }
            }
        }
    }

    private void killChainPhases(JsonNode v, Loc path) {
        if (!expectList(v, path)) {
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode k = v.get(i);
            Loc p = path.at(i);
            if (!expectObject(k, p)) {
                continue;
            }
            for (String f : KILL_CHAIN_PHASE_FIELDS) {
                JsonNode x = k.get(f);
                if (x == null) {
                    error(p.key(f), "required property '" + f + "' is missing");
                } else {
                    expectString(x, p.key(f));
                }
            }
        }
    }

    private void externalReferences(JsonNode v, Loc path) {
        if (!expectList(v, path)) {
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode r = v.get(i);
            Loc p = path.at(i);
            if (!expectObject(r, p)) {
                continue;
            }
            JsonNode source = r.get("source_name");
            if (source == null) {
                error(p.key("source_name"), "required property 'source_name' is missing");
            } else {
                expectString(source, p.key("source_name"));
            }
            boolean any = false;
            for (String f : EXTERNAL_REFERENCE_TEXTS) {
                JsonNode x = r.get(f);
                if (x != null) {
                    expectString(x, p.key(f));
                    any |= x.isTextual();
                }
            }
            if (!any && r.get("description") == null && r.get("url") == null && r.get("external_id") == null) {
                error(p, "an external reference must have at least one of 'description', 'url' or 'external_id' (§2.5)");
            }
            JsonNode url = r.get("url");
            if (url != null && url.isTextual() && !Formats.isUri(url.textValue())) {
                error(p.key("url"), "'" + abbreviate(url.textValue()) + "' is not a valid URL (RFC 3986)");
            }
            JsonNode hashes = r.get("hashes");
            if (hashes != null && !skip(hashes)) {
                hashes(hashes, p.key("hashes"));
            }
            String src = source != null && source.isTextual() ? source.textValue() : null;
            JsonNode ext = r.get("external_id");
            String extId = ext != null && ext.isTextual() ? ext.textValue() : null;
            if ("cve".equals(src)) {
                if (extId == null || !isCve(extId)) {
                    error(p.key("external_id"), "a 'cve' external reference must have a CVE id (CVE-YYYY-NNNN...) as external_id, got "
                            + (extId == null ? "none" : "'" + extId + "'"));
                }
            } else if ("capec".equals(src)) {
                if (extId == null || !isCapec(extId)) {
                    error(p.key("external_id"), "a 'capec' external reference must have a CAPEC id (CAPEC-<number>) as external_id, got "
                            + (extId == null ? "none" : "'" + extId + "'"));
                }
            }
        }
    }

    /** {@code CVE-\d{4}-(0\d{3}|[1-9]\d{3,})}. */
    static boolean isCve(String s) {
        if (s.length() < 13 || !s.startsWith("CVE-") || s.charAt(8) != '-') {
            return false;
        }
        for (int i = 4; i < s.length(); i++) {
            if (i != 8 && !Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return s.charAt(9) != '0' || s.length() == 13;
    }

    /** {@code CAPEC-\d+}. */
    static boolean isCapec(String s) {
        if (s.length() < 7 || !s.startsWith("CAPEC-")) {
            return false;
        }
        for (int i = 6; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private void granularMarkings(JsonNode v, Loc path) {
        if (!expectList(v, path)) {
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode g = v.get(i);
            Loc p = path.at(i);
            if (!expectObject(g, p)) {
                continue;
            }
            JsonNode ref = g.get("marking_ref");
            JsonNode lang = g.get("lang");
            if ((ref == null) == (lang == null)) {
                error(p, "a granular marking must have exactly one of 'marking_ref' or 'lang' (§7.2.3)");
            }
            if (ref != null && expectString(ref, p.key("marking_ref"))) {
                String r = ref.textValue();
                if (Formats.identifierProblem(r) == null && !r.startsWith("marking-definition--")) {
                    error(p.key("marking_ref"), "must refer to a marking-definition, not to '" + r + "'");
                }
                if (r.equals(objectId) && "marking-definition".equals(text("type"))) {
                    error(p.key("marking_ref"), "a marking definition must not mark itself");
                }
            }
            if (lang != null && expectString(lang, p.key("lang")) && !Formats.isLanguageTag(lang.textValue())) {
                error(p.key("lang"), "'" + lang.textValue() + "' is not an RFC 5646 language tag");
            }
            JsonNode selectors = g.get("selectors");
            if (selectors == null) {
                error(p.key("selectors"), "required property 'selectors' is missing");
            } else if (expectList(selectors, p.key("selectors"))) {
                for (int j = 0; j < selectors.size(); j++) {
                    JsonNode s = selectors.get(j);
                    Loc sp = p.key("selectors").at(j);
                    if (expectString(s, sp)) {
                        String problem = selectorProblem(s.textValue());
                        if (problem != null) {
                            error(sp, "selector '" + s.textValue() + "' " + problem);
                        }
                    }
                }
            }
        }
    }

    /** Why a granular marking selector does not point at content present in this object (§7.2.3.1), or null. */
    private String selectorProblem(String selector) {
        if (selector.isEmpty()) {
            return "is empty";
        }
        JsonNode cur = root;
        int start = 0;
        while (start <= selector.length()) {
            int dot = selector.indexOf('.', start);
            String step = selector.substring(start, dot < 0 ? selector.length() : dot);
            if (step.isEmpty()) {
                return "has an empty step";
            }
            if (step.charAt(0) == '[') {
                if (step.length() < 3 || step.charAt(step.length() - 1) != ']') {
                    return "has a malformed list index '" + step + "'";
                }
                int index = -1;
                String digits = step.substring(1, step.length() - 1);
                if (digits.length() <= 9 && digits.chars().allMatch(Character::isDigit)) {
                    index = Integer.parseInt(digits);
                }
                if (index < 0) {
                    return "has a malformed list index '" + step + "'";
                }
                if (!cur.isArray()) {
                    return "indexes '" + step + "' into something that is not a list";
                }
                if (index >= cur.size()) {
                    return "points at list index " + index + " that is not present";
                }
                cur = cur.get(index);
            } else {
                if (!cur.isObject()) {
                    return "selects '" + step + "' inside something that is not an object";
                }
                JsonNode next = cur.get(step);
                if (next == null) {
                    return "points at '" + step + "' that is not present";
                }
                cur = next;
            }
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return null;
    }

    private void extensions(JsonNode v, Loc path) {
        if (!expectObject(v, path)) {
            return;
        }
        boolean sco = StixTypes.isScoType(text("type"));
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            Loc p = path.key(k);
            JsonNode ext = e.getValue();
            if (k.startsWith("extension-definition--")) {
                if (Formats.identifierProblem(k) != null) {
                    error(p, "extension key '" + k + "' is not a valid extension-definition identifier");
                }
                if (!expectObject(ext, p)) {
                    continue;
                }
                JsonNode et = ext.get("extension_type");
                if (et == null) {
                    error(p.key("extension_type"), "required property 'extension_type' is missing for an extension-definition extension (§7.3)");
                } else if (expectString(et, p.key("extension_type")) && !Vocab.EXTENSION_TYPE.contains(et.textValue())) {
                    error(p.key("extension_type"), "'" + et.textValue() + "' is not an extension type ("
                            + String.join(", ", new java.util.TreeSet<>(Vocab.EXTENSION_TYPE)) + ")");
                }
            } else {
                expectObject(ext, p);
                if (!k.endsWith("-ext")) {
                    if (sco) {
                        error(p, "custom cyber-observable extension names must end with '-ext'");
                    } else {
                        warn(p, "extension keys should be an extension-definition identifier or a predefined extension name");
                    }
                }
            }
        }
    }

    private static Map<String, Integer> typeKinds() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (TypeSpec t : TypeTable.all()) {
            m.put(t.type(), (t.category() == TypeSpec.Category.SDO ? SDO : 0)
                    | (t.category() == TypeSpec.Category.SCO ? SCO : 0) | STANDARD);
        }
        return Map.copyOf(m);
    }
}

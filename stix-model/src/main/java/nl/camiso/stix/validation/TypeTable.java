package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixTypes;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.stix.pattern.ComparisonOperator;
import nl.camiso.stix.pattern.PathStep;
import nl.camiso.stix.pattern.Pattern;
import nl.camiso.stix.pattern.PatternException;
import nl.camiso.stix.pattern.SimpleComparison;
import nl.camiso.stix.pattern.StixPatterns;
import nl.camiso.stix.validation.TypeSpec.Category;
import nl.camiso.stix.validation.TypeSpec.TypeRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static nl.camiso.stix.validation.Prop.Kind;
import static nl.camiso.stix.validation.Prop.Targets;
import static nl.camiso.stix.validation.Prop.bool;
import static nl.camiso.stix.validation.Prop.enumList;
import static nl.camiso.stix.validation.Prop.enumeration;
import static nl.camiso.stix.validation.Prop.integer;
import static nl.camiso.stix.validation.Prop.of;
import static nl.camiso.stix.validation.Prop.ov;
import static nl.camiso.stix.validation.Prop.ovList;
import static nl.camiso.stix.validation.Prop.ref;
import static nl.camiso.stix.validation.Prop.refs;
import static nl.camiso.stix.validation.Prop.str;
import static nl.camiso.stix.validation.Prop.strings;
import static nl.camiso.stix.validation.Prop.ts;

/**
 * Every STIX 2.1 type the project knows, one entry per type: category, properties and their
 * kinds, required properties, ID contributing properties (SCOs), subject references, and the
 * rules that tie the type's properties together, kept beside the type.
 *
 * <p><b>Adding a type is one entry here.</b> {@link StixTypes}, the SCO identifiers
 * ({@code id.ScoIds}), the validator, the server's reference index and its ingest rules all read
 * this table. Rules longer than a few lines are the static methods at the end, named after their type.
 */
public final class TypeTable {

    private static final Map<String, TypeSpec> SPECS = new LinkedHashMap<>();

    private TypeTable() {
    }

    /** The entry of a spec type, or null for custom and unknown types. */
    public static TypeSpec get(String type) {
        return SPECS.get(type);
    }

    /** All entries, in the spec's order (SDOs, SROs, SCOs, meta objects). */
    public static Collection<TypeSpec> all() {
        return Collections.unmodifiableCollection(SPECS.values());
    }

    /** The names of the spec types of one category. */
    public static Set<String> typesOf(Category category) {
        Set<String> out = new HashSet<>();
        for (TypeSpec s : SPECS.values()) {
            if (s.category() == category) {
                out.add(s.type());
            }
        }
        return Set.copyOf(out);
    }

    // --- common properties (§3.2) ---------------------------------------------------------------

    private static final Prop TYPE = str("type");
    private static final Prop ID = str("id");
    private static final Prop SPEC_VERSION = str("spec_version");
    private static final Prop CREATED_BY_REF = ref("created_by_ref", Targets.types("identity"));
    private static final Prop CREATED = ts("created");
    private static final Prop MODIFIED = ts("modified");
    private static final Prop REVOKED = bool("revoked");
    private static final Prop LABELS = strings("labels");
    private static final Prop CONFIDENCE = integer("confidence", 0, 100);
    private static final Prop LANG = of("lang", Kind.LANGUAGE);
    private static final Prop EXTERNAL_REFERENCES = of("external_references", Kind.EXTERNAL_REFERENCES);
    private static final Prop OBJECT_MARKING_REFS = refs("object_marking_refs", Targets.types("marking-definition"));
    private static final Prop GRANULAR_MARKINGS = of("granular_markings", Kind.GRANULAR_MARKINGS);
    private static final Prop EXTENSIONS = of("extensions", Kind.EXTENSIONS);
    private static final Prop DEFANGED = bool("defanged");

    private static final List<Prop> SDO_COMMON = List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, MODIFIED,
            REVOKED, LABELS, CONFIDENCE, LANG, EXTERNAL_REFERENCES, OBJECT_MARKING_REFS, GRANULAR_MARKINGS, EXTENSIONS);
    private static final List<Prop> SCO_COMMON = List.of(TYPE, SPEC_VERSION, ID, OBJECT_MARKING_REFS, GRANULAR_MARKINGS,
            DEFANGED, EXTENSIONS);
    private static final Set<String> SDO_REQUIRED = Set.of("type", "spec_version", "id", "created", "modified");
    private static final Set<String> SCO_REQUIRED = Set.of("type", "id");
    private static final Set<String> SCO_COMMON_NAMES = names(SCO_COMMON);

    /** Common properties some categories define and others do not (§3.2). */
    static final Set<String> COMMON_NAMES = Set.of("spec_version", "created_by_ref", "created", "modified",
            "revoked", "labels", "confidence", "lang", "external_references", "object_marking_refs",
            "granular_markings", "defanged", "extensions");

    /** What custom object types are checked against: every common property. */
    static final Map<String, Prop> CUSTOM_TYPE_PROPS;

    static {
        Map<String, Prop> custom = new LinkedHashMap<>();
        for (Prop p : SDO_COMMON) {
            custom.put(p.name(), p);
        }
        custom.put(DEFANGED.name(), DEFANGED);
        CUSTOM_TYPE_PROPS = Collections.unmodifiableMap(custom);
    }

    // --- the table ------------------------------------------------------------------------------

    /** The entries while the table is built (emptied at the end of it). */
    private static final List<Entry> ENTRIES = new ArrayList<>();

    static {
        Targets anyObject = Targets.ANY;
        Targets software = Targets.types("software");

        // --- SDOs (§4) ---
        sdo("attack-pattern").required("name").props(name(), description(), aliases(), killChain());
        sdo("campaign").required("name").props(name(), description(), aliases(), ts("first_seen"), ts("last_seen"),
                str("objective")).rules(seenOrder());
        sdo("course-of-action").required("name").props(name(), description());
        sdo("grouping").required("context", "object_refs").props(name(), description(),
                ov("context", Vocab.GROUPING_CONTEXT), refs("object_refs", anyObject));
        sdo("identity").required("name").props(name(), description(), strings("roles"),
                ov("identity_class", Vocab.IDENTITY_CLASS), ovList("sectors", Vocab.INDUSTRY_SECTOR),
                str("contact_information"));
        sdo("incident").required("name").props(name(), description(), killChain());
        sdo("indicator").required("pattern", "pattern_type", "valid_from").props(name(), description(),
                ovList("indicator_types", Vocab.INDICATOR_TYPE), str("pattern"), ov("pattern_type", Vocab.PATTERN_TYPE),
                str("pattern_version"), ts("valid_from"), ts("valid_until"), killChain())
                .rules(order("valid_from", "valid_until", true), TypeTable::indicatorPattern, o -> {
                    if (!o.has("name") && !o.has("description")) {
                        o.warn("name", "an indicator should have a name or a description");
                    }
                });
        sdo("infrastructure").required("name").props(name(), description(),
                ovList("infrastructure_types", Vocab.INFRASTRUCTURE_TYPE), aliases(), killChain(), ts("first_seen"),
                ts("last_seen")).rules(seenOrder());
        sdo("intrusion-set").required("name").props(name(), description(), aliases(), ts("first_seen"),
                ts("last_seen"), strings("goals"), ov("resource_level", Vocab.ATTACK_RESOURCE_LEVEL),
                ov("primary_motivation", Vocab.ATTACK_MOTIVATION),
                ovList("secondary_motivations", Vocab.ATTACK_MOTIVATION)).rules(seenOrder());
        sdo("location").props(name(), description(), of("latitude", Kind.FLOAT), of("longitude", Kind.FLOAT),
                of("precision", Kind.FLOAT), ov("region", Vocab.REGION), str("country"), str("administrative_area"),
                str("city"), str("street_address"), str("postal_code")).rules(TypeTable::location);
        sdo("malware").required("is_family").props(name(), description(), ovList("malware_types", Vocab.MALWARE_TYPE),
                bool("is_family"), aliases(), killChain(), ts("first_seen"), ts("last_seen"),
                refs("operating_system_refs", software),
                ovList("architecture_execution_envs", Vocab.PROCESSOR_ARCHITECTURE),
                ovList("implementation_languages", Vocab.IMPLEMENTATION_LANGUAGE),
                ovList("capabilities", Vocab.MALWARE_CAPABILITIES), refs("sample_refs", Targets.types("file", "artifact")))
                .rules(seenOrder(), o -> {
                    JsonNode family = o.get("is_family");
                    if (family != null && family.isBoolean() && family.booleanValue() && !o.has("name")) {
                        o.error("name", "'name' is required when 'is_family' is true (§4.11)");
                    }
                });
        sdo("malware-analysis").required("product").props(str("product"), str("version"), ref("host_vm_ref", software),
                ref("operating_system_ref", software), refs("installed_software_refs", software),
                str("configuration_version"), strings("modules"), str("analysis_engine_version"),
                str("analysis_definition_version"), ts("submitted"), ts("analysis_started"), ts("analysis_ended"),
                str("result_name"), ov("result", Vocab.MALWARE_RESULT), refs("analysis_sco_refs", Targets.SCO),
                ref("sample_ref", Targets.types("file", "network-traffic", "artifact")))
                .rules(o -> {
                    if (!o.has("result") && !o.has("analysis_sco_refs")) {
                        o.error("result", "one of 'result' or 'analysis_sco_refs' must be present");
                    }
                });
        sdo("note").required("content", "object_refs").props(str("abstract"), str("content"), strings("authors"),
                refs("object_refs", anyObject)).subjects("object_refs");
        sdo("observed-data").required("first_observed", "last_observed", "number_observed").props(ts("first_observed"),
                ts("last_observed"), integer("number_observed", 1, 999_999_999), of("objects", Kind.DICTIONARY),
                refs("object_refs", new Targets(Set.of("relationship", "sighting"), false, true, "an SCO or SRO")))
                .rules(order("first_observed", "last_observed", false), TypeTable::observedData);
        sdo("opinion").required("opinion", "object_refs").props(str("explanation"), strings("authors"),
                enumeration("opinion", Vocab.OPINION), refs("object_refs", anyObject)).subjects("object_refs");
        sdo("report").required("name", "published", "object_refs").props(name(), description(),
                ovList("report_types", Vocab.REPORT_TYPE), ts("published"), refs("object_refs", anyObject))
                .subjects("object_refs");
        sdo("threat-actor").required("name").props(name(), description(),
                ovList("threat_actor_types", Vocab.THREAT_ACTOR_TYPE), aliases(), ts("first_seen"), ts("last_seen"),
                ovList("roles", Vocab.THREAT_ACTOR_ROLE), strings("goals"),
                ov("sophistication", Vocab.THREAT_ACTOR_SOPHISTICATION), ov("resource_level", Vocab.ATTACK_RESOURCE_LEVEL),
                ov("primary_motivation", Vocab.ATTACK_MOTIVATION), ovList("secondary_motivations", Vocab.ATTACK_MOTIVATION),
                ovList("personal_motivations", Vocab.ATTACK_MOTIVATION)).rules(seenOrder());
        sdo("tool").required("name").props(name(), description(), ovList("tool_types", Vocab.TOOL_TYPE), aliases(),
                killChain(), str("tool_version"));
        sdo("vulnerability").required("name").props(name(), description());

        // --- SROs (§5) ---
        Targets relationshipEnd = Targets.SDO_OR_SCO;
        sro("relationship").required("relationship_type", "source_ref", "target_ref").props(str("relationship_type"),
                description(), ref("source_ref", relationshipEnd), ref("target_ref", relationshipEnd),
                ts("start_time"), ts("stop_time")).subjects("source_ref", "target_ref")
                .rules(TypeTable::relationshipType, order("start_time", "stop_time", true));
        sro("sighting").required("sighting_of_ref").props(description(), ts("first_seen"), ts("last_seen"),
                integer("count", 0, 999_999_999), ref("sighting_of_ref", Targets.SDO),
                refs("observed_data_refs", Targets.types("observed-data")),
                refs("where_sighted_refs", Targets.types("identity", "location")), bool("summary"))
                .subjects("sighting_of_ref").rules(seenOrder());

        // --- SCOs (§6) ---
        Targets ip = Targets.types("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name");
        Targets emailAddr = Targets.types("email-addr");
        Targets userAccount = Targets.types("user-account");
        Targets artifact = Targets.types("artifact");
        long maxCount = (1L << 53) - 1;
        sco("artifact").idFrom("hashes", "payload_bin").props(str("mime_type"), of("payload_bin", Kind.BINARY),
                str("url"), hashes(), enumeration("encryption_algorithm", Vocab.ENCRYPTION_ALGORITHM),
                str("decryption_key")).rules(TypeTable::artifact);
        sco("autonomous-system").required("number").idFrom("number").props(integer("number"), name(), str("rir"));
        sco("directory").required("path").idFrom("path").props(str("path"), str("path_enc"), ts("ctime"),
                ts("mtime"), ts("atime"), refs("contains_refs", Targets.types("file", "directory")));
        sco("domain-name").required("value").idFrom("value").props(str("value"),
                refs("resolves_to_refs", Targets.types("ipv4-addr", "ipv6-addr", "domain-name")));
        sco("email-addr").required("value").idFrom("value").props(str("value"), str("display_name"),
                ref("belongs_to_ref", userAccount)).rules(o -> {
                    String v = o.text("value");
                    if (v != null && (v.indexOf('<') >= 0 || v.indexOf('@') < 0)) {
                        o.error("value", "'" + v + "' is not a bare addr-spec (RFC 5322); the display name goes in 'display_name'");
                    }
                });
        sco("email-message").required("is_multipart").idFrom("from_ref", "subject", "body").props(bool("is_multipart"),
                ts("date"), str("content_type"), ref("from_ref", emailAddr), ref("sender_ref", emailAddr),
                refs("to_refs", emailAddr), refs("cc_refs", emailAddr), refs("bcc_refs", emailAddr), str("message_id"),
                str("subject"), strings("received_lines"), of("additional_header_fields", Kind.DICTIONARY), str("body"),
                of("body_multipart", Kind.OBJECT_LIST), ref("raw_email_ref", artifact)).rules(TypeTable::emailMessage);
        sco("file").idFrom("hashes", "name", "extensions", "parent_directory_ref").props(hashes(),
                integer("size", 0, maxCount), name(), str("name_enc"), of("magic_number_hex", Kind.HEX),
                str("mime_type"), ts("ctime"), ts("mtime"), ts("atime"),
                ref("parent_directory_ref", Targets.types("directory")), refs("contains_refs", Targets.SCO),
                ref("content_ref", artifact)).rules(o -> {
                    if (!o.has("hashes") && !o.has("name")) {
                        o.error("", "a file must have at least one of 'hashes' or 'name'");
                    }
                });
        sco("ipv4-addr").required("value").idFrom("value").props(str("value"),
                refs("resolves_to_refs", Targets.types("mac-addr")),
                refs("belongs_to_refs", Targets.types("autonomous-system")))
                .rules(valueFormat(Formats::isIpv4OrCidr, "an IPv4 address or CIDR block"));
        sco("ipv6-addr").required("value").idFrom("value").props(str("value"),
                refs("resolves_to_refs", Targets.types("mac-addr")),
                refs("belongs_to_refs", Targets.types("autonomous-system")))
                .rules(valueFormat(Formats::isIpv6OrCidr, "an IPv6 address or CIDR block"));
        sco("mac-addr").required("value").idFrom("value").props(str("value"))
                .rules(valueFormat(Formats::isMac, "a colon-delimited lowercase MAC-48 address with leading zeros"));
        sco("mutex").required("name").idFrom("name").props(name());
        sco("network-traffic").required("protocols")
                .idFrom("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions")
                .props(ts("start"), ts("end"), bool("is_active"), ref("src_ref", ip), ref("dst_ref", ip),
                        integer("src_port", 0, 65535), integer("dst_port", 0, 65535), strings("protocols"),
                        integer("src_byte_count", 0, maxCount), integer("dst_byte_count", 0, maxCount),
                        integer("src_packets", 0, maxCount), integer("dst_packets", 0, maxCount),
                        of("ipfix", Kind.DICTIONARY), ref("src_payload_ref", artifact), ref("dst_payload_ref", artifact),
                        refs("encapsulates_refs", Targets.types("network-traffic")),
                        ref("encapsulated_by_ref", Targets.types("network-traffic")))
                .rules(TypeTable::networkTraffic);
        sco("process").props(bool("is_hidden"), integer("pid"), ts("created_time"), str("cwd"),
                str("command_line"), of("environment_variables", Kind.DICTIONARY),
                refs("opened_connection_refs", Targets.types("network-traffic")), ref("creator_user_ref", userAccount),
                ref("image_ref", Targets.types("file")), ref("parent_ref", Targets.types("process")),
                refs("child_refs", Targets.types("process")));
        sco("software").required("name").idFrom("name", "cpe", "swid", "vendor", "version").props(name(), str("cpe"),
                str("swid"), strings("languages"), str("vendor"), str("version"));
        sco("url").required("value").idFrom("value").props(str("value")).rules(o -> {
            String v = o.text("value");
            if (v != null && !Formats.isUri(v)) {
                o.error("value", "'" + ObjectCheck.abbreviate(v) + "' is not a valid URL (RFC 3986); defanged values are not allowed");
            }
        });
        sco("user-account").idFrom("account_type", "user_id", "account_login").props(str("user_id"),
                str("credential"), str("account_login"), ov("account_type", Vocab.ACCOUNT_TYPE), str("display_name"),
                bool("is_service_account"), bool("is_privileged"), bool("can_escalate_privs"), bool("is_disabled"),
                ts("account_created"), ts("account_expires"), ts("credential_last_changed"), ts("account_first_login"),
                ts("account_last_login"));
        sco("windows-registry-key").idFrom("key", "values").props(str("key"), of("values", Kind.OBJECT_LIST),
                ts("modified_time"), ref("creator_user_ref", userAccount), integer("number_of_subkeys"))
                .rules(TypeTable::registryValues);
        sco("x509-certificate").idFrom("hashes", "serial_number").props(bool("is_self_signed"), hashes(),
                str("version"), str("serial_number"), str("signature_algorithm"), str("issuer"),
                ts("validity_not_before"), ts("validity_not_after"), str("subject"), str("subject_public_key_algorithm"),
                str("subject_public_key_modulus"), integer("subject_public_key_exponent"),
                of("x509_v3_extensions", Kind.OBJECT)).rules(TypeTable::x509HasOwnProperty);

        // --- meta objects (§7) ---
        meta("marking-definition", List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, EXTERNAL_REFERENCES,
                OBJECT_MARKING_REFS, GRANULAR_MARKINGS, EXTENSIONS))
                .required("type", "spec_version", "id", "created")
                .props(name(), str("definition_type"), of("definition", Kind.OBJECT)).rules(TypeTable::markingDefinition);
        meta("language-content", List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, MODIFIED, REVOKED, LABELS,
                CONFIDENCE, EXTERNAL_REFERENCES, OBJECT_MARKING_REFS, GRANULAR_MARKINGS, EXTENSIONS))
                .required("type", "spec_version", "id", "created", "modified", "object_ref", "contents")
                .props(ref("object_ref", Targets.ANY), ts("object_modified"), of("contents", Kind.DICTIONARY))
                .subjects("object_ref").rules(TypeTable::languageContent);
        meta("extension-definition", List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, MODIFIED, REVOKED, LABELS,
                EXTERNAL_REFERENCES, OBJECT_MARKING_REFS, GRANULAR_MARKINGS))
                .required("type", "spec_version", "id", "created", "modified", "created_by_ref", "name", "schema",
                        "version", "extension_types")
                .props(name(), description(), str("schema"), str("version"),
                        enumList("extension_types", Vocab.EXTENSION_TYPE), strings("extension_properties"))
                .rules(TypeTable::extensionDefinition);

        for (Entry e : ENTRIES) {
            SPECS.put(e.type, e.build());
        }
        ENTRIES.clear();
    }

    // --- building entries -----------------------------------------------------------------------

    /** One type while the table is built. */
    private static final class Entry {
        final String type;
        final Category category;
        final List<Prop> common;
        final Set<String> required = new HashSet<>();
        final List<Prop> own = new ArrayList<>();
        List<String> idContributing = List.of();
        List<String> subjects = List.of();
        final List<TypeRule> rules = new ArrayList<>();

        Entry(String type, Category category, List<Prop> common, Set<String> required) {
            this.type = type;
            this.category = category;
            this.common = common;
            this.required.addAll(required);
            ENTRIES.add(this);
        }

        Entry required(String... names) {
            required.addAll(List.of(names));
            return this;
        }

        Entry props(Prop... props) {
            own.addAll(List.of(props));
            return this;
        }

        /** The ID contributing properties, in the spec's order. */
        Entry idFrom(String... names) {
            idContributing = List.of(names);
            return this;
        }

        Entry subjects(String... refProperties) {
            subjects = List.of(refProperties);
            return this;
        }

        Entry rules(TypeRule... typeRules) {
            rules.addAll(List.of(typeRules));
            return this;
        }

        TypeSpec build() {
            Map<String, Prop> all = new LinkedHashMap<>();
            for (Prop p : common) {
                all.put(p.name(), p);
            }
            for (Prop p : own) {
                all.put(p.name(), p);
            }
            for (String s : subjects) {
                Prop p = all.get(s);
                if (p == null || (p.kind() != Kind.REF && p.kind() != Kind.REF_LIST)) {
                    throw new IllegalStateException(type + ": subject " + s + " is not a reference property");
                }
            }
            return new TypeSpec(type, category, Collections.unmodifiableMap(all), Set.copyOf(required),
                    idContributing, subjects, List.copyOf(rules));
        }
    }

    private static Entry sdo(String type) {
        return new Entry(type, Category.SDO, SDO_COMMON, SDO_REQUIRED);
    }

    private static Entry sro(String type) {
        return new Entry(type, Category.SRO, SDO_COMMON, SDO_REQUIRED);
    }

    private static Entry sco(String type) {
        return new Entry(type, Category.SCO, SCO_COMMON, SCO_REQUIRED);
    }

    private static Entry meta(String type, List<Prop> common) {
        return new Entry(type, Category.META, common, Set.of());
    }

    private static Set<String> names(List<Prop> props) {
        Set<String> out = new HashSet<>();
        for (Prop p : props) {
            out.add(p.name());
        }
        return Set.copyOf(out);
    }

    private static Prop name() {
        return str("name");
    }

    private static Prop description() {
        return str("description");
    }

    private static Prop aliases() {
        return strings("aliases");
    }

    private static Prop killChain() {
        return of("kill_chain_phases", Kind.KILL_CHAIN_PHASES);
    }

    private static Prop hashes() {
        return of("hashes", Kind.HASHES);
    }

    // --- rules shared by several types ------------------------------------------------------------

    /** {@code later} must be after (strict) or not before {@code earlier}. */
    private static TypeRule order(String earlier, String later, boolean strict) {
        return o -> o.order(earlier, later, strict);
    }

    private static TypeRule seenOrder() {
        return order("first_seen", "last_seen", false);
    }

    /** The {@code value} of an address-like SCO must have the given form. */
    private static TypeRule valueFormat(Predicate<String> ok, String expected) {
        return o -> {
            String v = o.text("value");
            if (v != null && !ok.test(v)) {
                o.error("value", "'" + v + "' is not " + expected);
            }
        };
    }

    // --- rules of one type ------------------------------------------------------------------------

    private static void indicatorPattern(ObjectCheck o) {
        String pattern = o.text("pattern");
        if (pattern == null || !"stix".equals(o.text("pattern_type"))) {
            return;
        }
        Pattern parsed;
        try {
            parsed = StixPatterns.parse(pattern);
        } catch (PatternException e) {
            o.error("pattern", "invalid STIX pattern at position " + e.position() + ": " + e.reason());
            return;
        }
        for (SimpleComparison c : parsed.simpleComparisons()) {
            if (c.operator() == ComparisonOperator.ISSUBSET || c.operator() == ComparisonOperator.ISSUPERSET) {
                String problem = addressSetProblem(c);
                if (problem != null) {
                    o.error("pattern", c.operator().symbol() + " " + problem + " (§9.6.1)");
                }
            }
        }
    }

    /**
     * Why an ISSUBSET/ISSUPERSET comparison is not one of an address value with an address or CIDR
     * block, or null. The value is {@code ipv4-addr:value} or {@code ipv6-addr:value}, or a
     * {@code value} reached through a reference ({@code network-traffic:dst_ref.value}, the
     * spec's own example), whose target type the pattern cannot know.
     */
    private static String addressSetProblem(SimpleComparison c) {
        List<PathStep> steps = c.path().steps();
        boolean endsInValue = steps.get(steps.size() - 1) instanceof PathStep.Property p && p.name().equals("value");
        boolean ipv4 = c.path().is("ipv4-addr", "value");
        boolean ipv6 = c.path().is("ipv6-addr", "value");
        boolean throughReference = endsInValue && steps.size() >= 2 && isReferenceStep(steps, steps.size() - 2);
        if (!ipv4 && !ipv6 && !throughReference) {
            return "compares IP address values only (ipv4-addr:value, ipv6-addr:value), not " + c.path().toPatternString();
        }
        String operand = c.stringValue().orElse(null);
        boolean fits = operand != null && (ipv4 ? Formats.isIpv4OrCidr(operand) : ipv6 ? Formats.isIpv6OrCidr(operand)
                : Formats.isIpv4OrCidr(operand) || Formats.isIpv6OrCidr(operand));
        if (!fits) {
            return "needs an " + (ipv4 ? "IPv4" : ipv6 ? "IPv6" : "IP") + " address or CIDR block as operand, not "
                    + ObjectCheck.abbreviate(c.value().toPatternString());
        }
        return null;
    }

    /** Whether the step at {@code i} lands on a referenced object: {@code x_ref}, or an item of {@code x_refs}. */
    private static boolean isReferenceStep(List<PathStep> steps, int i) {
        PathStep step = steps.get(i);
        if (step instanceof PathStep.Property p) {
            return p.name().endsWith("_ref");
        }
        return i > 0 && steps.get(i - 1) instanceof PathStep.Property p && p.name().endsWith("_refs");
    }

    private static void relationshipType(ObjectCheck o) {
        String rt = o.text("relationship_type");
        if (rt == null) {
            return;
        }
        boolean ok = !rt.isEmpty();
        for (int i = 0; i < rt.length() && ok; i++) {
            char c = rt.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
        if (!ok) {
            o.error("relationship_type", "'" + ObjectCheck.abbreviate(rt) + "' must contain only a-z, 0-9 and '-'");
        } else if (!Vocab.RELATIONSHIP_TYPE.contains(rt)) {
            o.warn("relationship_type", "'" + rt + "' is not a relationship type defined by the specification");
        }
    }

    private static void observedData(ObjectCheck o) {
        boolean refs = o.has("object_refs");
        boolean objects = o.has("objects");
        if (refs == objects) {
            o.error(refs ? "objects" : "object_refs", "exactly one of 'object_refs' or 'objects' must be present (§4.14)");
        } else if (objects) {
            o.warn("objects", "'objects' is deprecated; use 'object_refs'");
        }
        JsonNode or = o.get("object_refs");
        if (or != null && or.isArray() && !or.isEmpty()) {
            boolean anySco = false;
            for (JsonNode r : or) {
                String t = r.isTextual() ? StixTypes.typeOfId(r.textValue()) : null;
                anySco |= t != null && !StixTypes.isSroType(t);
            }
            if (!anySco) {
                o.error("object_refs", "'object_refs' must refer to at least one SCO (§4.14)");
            }
        }
    }

    private static void location(ObjectCheck o) {
        boolean lat = o.has("latitude");
        boolean lon = o.has("longitude");
        if (!o.has("region") && !o.has("country") && !(lat && lon)) {
            o.error("", "a location must have at least one of 'region', 'country', or 'latitude' and 'longitude' (§4.10)");
        }
        if (lat != lon) {
            o.error(lat ? "longitude" : "latitude", "'latitude' and 'longitude' must be given together");
        }
        if (o.has("precision") && !(lat && lon)) {
            o.error("precision", "'precision' requires 'latitude' and 'longitude'");
        }
        range(o, "latitude", -90, 90);
        range(o, "longitude", -180, 180);
    }

    private static void range(ObjectCheck o, String property, double min, double max) {
        JsonNode v = o.get(property);
        if (v != null && v.isNumber() && (v.doubleValue() < min || v.doubleValue() > max)) {
            o.error(property, "must be between " + (int) min + " and " + (int) max + ", got " + v);
        }
    }

    private static void artifact(ObjectCheck o) {
        boolean payload = o.has("payload_bin");
        boolean url = o.has("url");
        if (payload && url) {
            o.error("url", "'url' must not be present together with 'payload_bin' (§6.1)");
        }
        if (url && !o.has("hashes")) {
            o.error("hashes", "'hashes' is required when 'url' is present (§6.1)");
        }
        String u = o.text("url");
        if (u != null && !Formats.isUri(u)) {
            o.error("url", "'" + ObjectCheck.abbreviate(u) + "' is not a valid URL (RFC 3986)");
        }
    }

    private static void networkTraffic(ObjectCheck o) {
        if (!o.has("src_ref") && !o.has("dst_ref")) {
            o.error("", "network-traffic must have at least one of 'src_ref' or 'dst_ref' (§6.12)");
        }
        o.order("start", "end", false);
        JsonNode active = o.get("is_active");
        if (active != null && active.isBoolean() && active.booleanValue() && o.has("end")) {
            o.error("end", "'end' must not be present when 'is_active' is true");
        }
    }

    private static final Prop BODY_RAW_REF = Prop.ref("body_raw_ref", Targets.types("artifact", "file"));

    private static void emailMessage(ObjectCheck o) {
        JsonNode multipart = o.get("is_multipart");
        if (multipart != null && multipart.isBoolean()) {
            if (multipart.booleanValue() && o.has("body")) {
                o.error("body", "'body' must not be used when 'is_multipart' is true; use 'body_multipart'");
            }
            if (!multipart.booleanValue() && o.has("body_multipart")) {
                o.error("body_multipart", "'body_multipart' must not be used when 'is_multipart' is false");
            }
        }
        JsonNode parts = o.get("body_multipart");
        if (parts != null && parts.isArray()) {
            for (int i = 0; i < parts.size(); i++) {
                JsonNode part = parts.get(i);
                JsonNode r = part.get("body_raw_ref");
                if (r != null) {
                    o.refValue(BODY_RAW_REF, r, Loc.of("body_multipart").at(i).key("body_raw_ref"));
                }
                if (part.has("body") && r != null) {
                    o.error("body_multipart[" + i + "]", "a MIME part must have only one of 'body' or 'body_raw_ref'");
                }
            }
        }
    }

    private static void registryValues(ObjectCheck o) {
        JsonNode values = o.get("values");
        if (values == null || !values.isArray()) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            JsonNode dt = values.get(i).get("data_type");
            if (dt != null && dt.isTextual() && !Vocab.WINDOWS_REGISTRY_DATATYPE.contains(dt.textValue())) {
                o.error("values[" + i + "].data_type", "'" + dt.textValue() + "' is not a windows-registry-datatype-enum value");
            }
        }
    }

    private static void x509HasOwnProperty(ObjectCheck o) {
        for (String f : get("x509-certificate").propertyNames()) {
            if (!SCO_COMMON_NAMES.contains(f) && o.has(f)) {
                return;
            }
        }
        o.error("", "an x509-certificate must have at least one of its own properties");
    }

    private static void markingDefinition(ObjectCheck o) {
        String objectId = o.objectId();
        JsonNode omr = o.get("object_marking_refs");
        if (omr != null && omr.isArray() && objectId != null) {
            for (int i = 0; i < omr.size(); i++) {
                if (objectId.equals(omr.get(i).asText())) {
                    o.error("object_marking_refs[" + i + "]", "a marking definition must not mark itself");
                }
            }
        }
        boolean extensions = o.has("extensions");
        if (!extensions) {
            for (String f : List.of("definition_type", "definition")) {
                if (!o.has(f)) {
                    o.error(f, "'" + f + "' is required when 'extensions' is absent (§7.2.1)");
                }
            }
        }
        String definitionType = o.text("definition_type");
        JsonNode definition = o.get("definition");
        boolean tlpId = objectId != null && TlpMarkings.isTlpMarking(objectId);
        JsonNode tlp2 = extensions && o.get("extensions").isObject()
                ? o.get("extensions").get(TlpMarkings.TLP2_EXTENSION_ID) : null;
        if ("tlp".equals(definitionType)) {
            if (!tlpId || !objectId.startsWith("marking-definition--") || !isTlp1(objectId)) {
                o.error("id", "a TLP 1.0 marking must use one of the four TLP identifiers of §7.2.1.4; other TLP markings must not be created");
            }
        } else if ("statement".equals(definitionType)) {
            JsonNode st = definition == null ? null : definition.get("statement");
            if (definition != null && definition.isObject() && (st == null || !st.isTextual())) {
                o.error("definition.statement", "a statement marking must have a string 'statement'");
            }
        }
        if (tlp2 != null && !(tlpId && !isTlp1(objectId))) {
            o.error("id", "a TLP 2.0 marking must use one of the five TLP 2.0 identifiers; other TLP markings must not be created");
        }
        if (tlpId) {
            JsonNode canonical = TlpMarkings.definition(objectId).orElseThrow();
            if (!canonical.equals(o.root())) {
                o.error("", "this id is a TLP marking and the object must be exactly the published one: "
                        + StixJson.write(canonical));
            }
        }
    }

    private static boolean isTlp1(String id) {
        return id.equals(TlpMarkings.TLP1_WHITE) || id.equals(TlpMarkings.TLP1_GREEN) || id.equals(TlpMarkings.TLP1_AMBER)
                || id.equals(TlpMarkings.TLP1_RED);
    }

    private static void languageContent(ObjectCheck o) {
        String ref = o.text("object_ref");
        if (ref != null && ref.startsWith("language-content--")) {
            o.error("object_ref", "'object_ref' must refer to an SDO, SRO or SCO, not to a language-content");
        }
        JsonNode contents = o.get("contents");
        if (contents == null || !contents.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = contents.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Loc p = Loc.of("contents").key(e.getKey());
            if (!Formats.isLanguageTag(e.getKey())) {
                o.error(p, "'" + e.getKey() + "' is not an RFC 5646 language tag");
            }
            if (!o.expectObject(e.getValue(), p)) {
                continue;
            }
            for (Iterator<String> names = e.getValue().fieldNames(); names.hasNext(); ) {
                String n = names.next();
                if (!Formats.isValidPropertyName(n)) {
                    o.error(p.key(n), "'" + n + "' is not a property name (3-250 characters of a-z, 0-9 and '_')");
                }
            }
        }
    }

    private static void extensionDefinition(ObjectCheck o) {
        JsonNode types = o.get("extension_types");
        boolean toplevel = false;
        if (types != null && types.isArray()) {
            for (JsonNode t : types) {
                toplevel |= "toplevel-property-extension".equals(t.asText());
            }
        }
        if (o.has("extension_properties") && !toplevel) {
            o.error("extension_properties", "'extension_properties' may only be used with a toplevel-property-extension (§7.3)");
        }
    }
}

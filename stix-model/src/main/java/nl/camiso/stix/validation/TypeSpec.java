package nl.camiso.stix.validation;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * The STIX 2.1 types as data: for each type its category, properties (common ones included, per
 * the applicability table of §3.2) and required properties. Cross-property rules live in
 * {@link ObjectCheck}.
 *
 * @param idContributing for SCOs: the ID contributing properties (§6); empty means a UUIDv4 is required
 *                       when none of them is present (or always, when the type has none)
 */
record TypeSpec(String type, Category category, Map<String, Prop> props, Set<String> required, Set<String> idContributing) {

    enum Category { SDO, SRO, SCO, MARKING_DEFINITION, LANGUAGE_CONTENT, EXTENSION_DEFINITION }

    static TypeSpec get(String type) {
        return SPECS.get(type);
    }

    // --- common property sets (§3.2) -----------------------------------------------------------

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

    private static final Map<String, TypeSpec> SPECS = new HashMap<>();

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

    private static void sdo(String type, Set<String> required, Prop... props) {
        add(type, Category.SDO, SDO_COMMON, union(SDO_REQUIRED, required), Set.of(), props);
    }

    private static void sro(String type, Set<String> required, Prop... props) {
        add(type, Category.SRO, SDO_COMMON, union(SDO_REQUIRED, required), Set.of(), props);
    }

    private static void sco(String type, Set<String> required, Set<String> idContributing, Prop... props) {
        add(type, Category.SCO, SCO_COMMON, union(Set.of("type", "id"), required), idContributing, props);
    }

    private static void add(String type, Category category, List<Prop> common, Set<String> required,
                            Set<String> idContributing, Prop... props) {
        Map<String, Prop> all = new LinkedHashMap<>();
        for (Prop p : common) {
            all.put(p.name(), p);
        }
        for (Prop p : props) {
            all.put(p.name(), p);
        }
        SPECS.put(type, new TypeSpec(type, category, Collections.unmodifiableMap(all), required, idContributing));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    private static Set<String> req(String... names) {
        return Set.of(names);
    }

    static {
        Targets anyObject = Targets.ANY;
        Targets software = Targets.types("software");

        // --- SDOs (§4) ---
        sdo("attack-pattern", req("name"), name(), description(), aliases(), killChain());
        sdo("campaign", req("name"), name(), description(), aliases(), ts("first_seen"), ts("last_seen"), str("objective"));
        sdo("course-of-action", req("name"), name(), description());
        sdo("grouping", req("context", "object_refs"), name(), description(),
                ov("context", Vocab.GROUPING_CONTEXT), refs("object_refs", anyObject));
        sdo("identity", req("name"), name(), description(), strings("roles"), ov("identity_class", Vocab.IDENTITY_CLASS),
                ovList("sectors", Vocab.INDUSTRY_SECTOR), str("contact_information"));
        sdo("incident", req("name"), name(), description(), killChain());
        sdo("indicator", req("pattern", "pattern_type", "valid_from"), name(), description(),
                ovList("indicator_types", Vocab.INDICATOR_TYPE), str("pattern"), ov("pattern_type", Vocab.PATTERN_TYPE),
                str("pattern_version"), ts("valid_from"), ts("valid_until"), killChain());
        sdo("infrastructure", req("name"), name(), description(), ovList("infrastructure_types", Vocab.INFRASTRUCTURE_TYPE),
                aliases(), killChain(), ts("first_seen"), ts("last_seen"));
        sdo("intrusion-set", req("name"), name(), description(), aliases(), ts("first_seen"), ts("last_seen"),
                strings("goals"), ov("resource_level", Vocab.ATTACK_RESOURCE_LEVEL),
                ov("primary_motivation", Vocab.ATTACK_MOTIVATION), ovList("secondary_motivations", Vocab.ATTACK_MOTIVATION));
        sdo("location", req(), name(), description(), of("latitude", Kind.FLOAT), of("longitude", Kind.FLOAT),
                of("precision", Kind.FLOAT), ov("region", Vocab.REGION), str("country"), str("administrative_area"),
                str("city"), str("street_address"), str("postal_code"));
        sdo("malware", req("is_family"), name(), description(), ovList("malware_types", Vocab.MALWARE_TYPE),
                bool("is_family"), aliases(), killChain(), ts("first_seen"), ts("last_seen"),
                refs("operating_system_refs", software),
                ovList("architecture_execution_envs", Vocab.PROCESSOR_ARCHITECTURE),
                ovList("implementation_languages", Vocab.IMPLEMENTATION_LANGUAGE),
                ovList("capabilities", Vocab.MALWARE_CAPABILITIES), refs("sample_refs", Targets.types("file", "artifact")));
        sdo("malware-analysis", req("product"), str("product"), str("version"), ref("host_vm_ref", software),
                ref("operating_system_ref", software), refs("installed_software_refs", software),
                str("configuration_version"), strings("modules"), str("analysis_engine_version"),
                str("analysis_definition_version"), ts("submitted"), ts("analysis_started"), ts("analysis_ended"),
                str("result_name"), ov("result", Vocab.MALWARE_RESULT), refs("analysis_sco_refs", Targets.SCO),
                ref("sample_ref", Targets.types("file", "network-traffic", "artifact")));
        sdo("note", req("content", "object_refs"), str("abstract"), str("content"), strings("authors"),
                refs("object_refs", anyObject));
        sdo("observed-data", req("first_observed", "last_observed", "number_observed"), ts("first_observed"),
                ts("last_observed"), integer("number_observed", 1, 999_999_999), of("objects", Kind.DICTIONARY),
                refs("object_refs", new Targets(Set.of("relationship", "sighting"), false, true, "an SCO or SRO")));
        sdo("opinion", req("opinion", "object_refs"), str("explanation"), strings("authors"),
                enumeration("opinion", Vocab.OPINION), refs("object_refs", anyObject));
        sdo("report", req("name", "published", "object_refs"), name(), description(),
                ovList("report_types", Vocab.REPORT_TYPE), ts("published"), refs("object_refs", anyObject));
        sdo("threat-actor", req("name"), name(), description(), ovList("threat_actor_types", Vocab.THREAT_ACTOR_TYPE),
                aliases(), ts("first_seen"), ts("last_seen"), ovList("roles", Vocab.THREAT_ACTOR_ROLE), strings("goals"),
                ov("sophistication", Vocab.THREAT_ACTOR_SOPHISTICATION), ov("resource_level", Vocab.ATTACK_RESOURCE_LEVEL),
                ov("primary_motivation", Vocab.ATTACK_MOTIVATION), ovList("secondary_motivations", Vocab.ATTACK_MOTIVATION),
                ovList("personal_motivations", Vocab.ATTACK_MOTIVATION));
        sdo("tool", req("name"), name(), description(), ovList("tool_types", Vocab.TOOL_TYPE), aliases(), killChain(),
                str("tool_version"));
        sdo("vulnerability", req("name"), name(), description());

        // --- SROs (§5) ---
        Targets relationshipEnd = Targets.SDO_OR_SCO;
        sro("relationship", req("relationship_type", "source_ref", "target_ref"), str("relationship_type"),
                description(), ref("source_ref", relationshipEnd), ref("target_ref", relationshipEnd),
                ts("start_time"), ts("stop_time"));
        sro("sighting", req("sighting_of_ref"), description(), ts("first_seen"), ts("last_seen"),
                integer("count", 0, 999_999_999), ref("sighting_of_ref", Targets.SDO),
                refs("observed_data_refs", Targets.types("observed-data")),
                refs("where_sighted_refs", Targets.types("identity", "location")), bool("summary"));

        // --- SCOs (§6) ---
        Targets ip = Targets.types("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name");
        Targets emailAddr = Targets.types("email-addr");
        Targets userAccount = Targets.types("user-account");
        Targets artifact = Targets.types("artifact");
        sco("artifact", req(), req("hashes", "payload_bin"), str("mime_type"), of("payload_bin", Kind.BINARY), str("url"),
                hashes(), enumeration("encryption_algorithm", Vocab.ENCRYPTION_ALGORITHM), str("decryption_key"));
        sco("autonomous-system", req("number"), req("number"), integer("number"), name(), str("rir"));
        sco("directory", req("path"), req("path"), str("path"), str("path_enc"), ts("ctime"), ts("mtime"), ts("atime"),
                refs("contains_refs", Targets.types("file", "directory")));
        sco("domain-name", req("value"), req("value"), str("value"),
                refs("resolves_to_refs", Targets.types("ipv4-addr", "ipv6-addr", "domain-name")));
        sco("email-addr", req("value"), req("value"), str("value"), str("display_name"), ref("belongs_to_ref", userAccount));
        sco("email-message", req("is_multipart"), req("from_ref", "subject", "body"), bool("is_multipart"), ts("date"),
                str("content_type"), ref("from_ref", emailAddr), ref("sender_ref", emailAddr), refs("to_refs", emailAddr),
                refs("cc_refs", emailAddr), refs("bcc_refs", emailAddr), str("message_id"), str("subject"),
                strings("received_lines"), of("additional_header_fields", Kind.DICTIONARY), str("body"),
                of("body_multipart", Kind.OBJECT_LIST), ref("raw_email_ref", artifact));
        sco("file", req(), req("hashes", "name", "extensions", "parent_directory_ref"), hashes(),
                integer("size", 0, (1L << 53) - 1), name(), str("name_enc"), of("magic_number_hex", Kind.HEX),
                str("mime_type"), ts("ctime"), ts("mtime"), ts("atime"), ref("parent_directory_ref", Targets.types("directory")),
                refs("contains_refs", Targets.SCO), ref("content_ref", artifact));
        sco("ipv4-addr", req("value"), req("value"), str("value"), refs("resolves_to_refs", Targets.types("mac-addr")),
                refs("belongs_to_refs", Targets.types("autonomous-system")));
        sco("ipv6-addr", req("value"), req("value"), str("value"), refs("resolves_to_refs", Targets.types("mac-addr")),
                refs("belongs_to_refs", Targets.types("autonomous-system")));
        sco("mac-addr", req("value"), req("value"), str("value"));
        sco("mutex", req("name"), req("name"), name());
        sco("network-traffic", req("protocols"),
                req("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"),
                ts("start"), ts("end"), bool("is_active"), ref("src_ref", ip), ref("dst_ref", ip),
                integer("src_port", 0, 65535), integer("dst_port", 0, 65535), strings("protocols"),
                integer("src_byte_count", 0, (1L << 53) - 1), integer("dst_byte_count", 0, (1L << 53) - 1),
                integer("src_packets", 0, (1L << 53) - 1), integer("dst_packets", 0, (1L << 53) - 1),
                of("ipfix", Kind.DICTIONARY), ref("src_payload_ref", artifact), ref("dst_payload_ref", artifact),
                refs("encapsulates_refs", Targets.types("network-traffic")),
                ref("encapsulated_by_ref", Targets.types("network-traffic")));
        sco("process", req(), req(), bool("is_hidden"), integer("pid"), ts("created_time"), str("cwd"),
                str("command_line"), of("environment_variables", Kind.DICTIONARY),
                refs("opened_connection_refs", Targets.types("network-traffic")), ref("creator_user_ref", userAccount),
                ref("image_ref", Targets.types("file")), ref("parent_ref", Targets.types("process")),
                refs("child_refs", Targets.types("process")));
        sco("software", req("name"), req("name", "cpe", "swid", "vendor", "version"), name(), str("cpe"), str("swid"),
                strings("languages"), str("vendor"), str("version"));
        sco("url", req("value"), req("value"), str("value"));
        sco("user-account", req(), req("account_type", "user_id", "account_login"), str("user_id"), str("credential"),
                str("account_login"), ov("account_type", Vocab.ACCOUNT_TYPE), str("display_name"),
                bool("is_service_account"), bool("is_privileged"), bool("can_escalate_privs"), bool("is_disabled"),
                ts("account_created"), ts("account_expires"), ts("credential_last_changed"), ts("account_first_login"),
                ts("account_last_login"));
        sco("windows-registry-key", req(), req("key", "values"), str("key"), of("values", Kind.OBJECT_LIST),
                ts("modified_time"), ref("creator_user_ref", userAccount), integer("number_of_subkeys"));
        sco("x509-certificate", req(), req("hashes", "serial_number"), bool("is_self_signed"), hashes(), str("version"),
                str("serial_number"), str("signature_algorithm"), str("issuer"), ts("validity_not_before"),
                ts("validity_not_after"), str("subject"), str("subject_public_key_algorithm"),
                str("subject_public_key_modulus"), integer("subject_public_key_exponent"),
                of("x509_v3_extensions", Kind.OBJECT));

        // --- meta objects (§7) ---
        add("marking-definition", Category.MARKING_DEFINITION,
                List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, EXTERNAL_REFERENCES, OBJECT_MARKING_REFS,
                        GRANULAR_MARKINGS, EXTENSIONS),
                req("type", "spec_version", "id", "created"), Set.of(),
                name(), str("definition_type"), of("definition", Kind.OBJECT));
        add("language-content", Category.LANGUAGE_CONTENT,
                List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, MODIFIED, REVOKED, LABELS, CONFIDENCE,
                        EXTERNAL_REFERENCES, OBJECT_MARKING_REFS, GRANULAR_MARKINGS, EXTENSIONS),
                req("type", "spec_version", "id", "created", "modified", "object_ref", "contents"), Set.of(),
                ref("object_ref", Targets.ANY), ts("object_modified"), of("contents", Kind.DICTIONARY));
        add("extension-definition", Category.EXTENSION_DEFINITION,
                List.of(TYPE, SPEC_VERSION, ID, CREATED_BY_REF, CREATED, MODIFIED, REVOKED, LABELS,
                        EXTERNAL_REFERENCES, OBJECT_MARKING_REFS, GRANULAR_MARKINGS),
                req("type", "spec_version", "id", "created", "modified", "created_by_ref", "name", "schema", "version",
                        "extension_types"), Set.of(),
                name(), description(), str("schema"), str("version"), enumList("extension_types", Vocab.EXTENSION_TYPE),
                strings("extension_properties"));
    }
}

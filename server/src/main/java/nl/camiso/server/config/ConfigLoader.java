package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.config.AccountConfig.GrantConfig;
import nl.camiso.server.config.OrganisationConfig.Role;
import nl.camiso.stix.marking.Tlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the YAML configuration. Every problem is reported at once, with its
 * path in the file ({@code api_roots[0].collections[1].tlp: ...}). Unknown keys are errors: a
 * typo in a security setting must not pass silently.
 */
public final class ConfigLoader {

    /** The sample configuration, relative to the project root, and its copy on the classpath. */
    public static final String SAMPLE_CONFIG = "samples/camiso.yaml";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,99}");
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern IDENTITY_ID = Pattern.compile("identity--" + UUID_V4.pattern());

    private static final ObjectMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule("camiso-config").addDeserializer(Tlp.class, new TlpDeserializer()))
            .build();

    private ConfigLoader() {
    }

    /** The top level of the file (the source is added after reading). */
    private record ConfigFile(
            @JsonProperty("server") ServerConfig server,
            @JsonProperty("api_roots") List<ApiRootConfig> apiRoots,
            @JsonProperty("organisations") List<OrganisationConfig> organisations,
            @JsonProperty("initiatives") List<InitiativeConfig> initiatives,
            @JsonProperty("accounts") List<AccountConfig> accounts) {
    }

    public static CamisoConfig load(Path file) {
        ConfigSource source = new ConfigSource.FileSource(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found: " + file.toAbsolutePath()));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /**
     * The configuration to use when none is given: {@code samples/camiso.yaml} in the working
     * directory or the nearest parent that has one (the project root), else the copy in the jar.
     */
    public static CamisoConfig loadDefault() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SAMPLE_CONFIG);
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        ConfigSource source = new ConfigSource.ClasspathSource(SAMPLE_CONFIG);
        try (InputStream in = source.open("camiso.yaml")) {
            return read(in, source);
        } catch (IOException e) {
            throw new ConfigException(source.describe(), List.of("no configuration given and no "
                    + SAMPLE_CONFIG + " found; use --config FILE"));
        }
    }

    /** Loads {@code file}, or the default configuration when it is null. */
    public static CamisoConfig loadOrDefault(Path file) {
        return file == null ? loadDefault() : load(file);
    }

    /** Parses and validates; {@code source} resolves relative {@code load:} paths. */
    public static CamisoConfig read(InputStream yaml, ConfigSource source) throws IOException {
        ConfigFile raw;
        try {
            raw = YAML.readValue(yaml, ConfigFile.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(source.describe(), List.of(describe(e)));
        } catch (JsonParseException e) {
            throw new ConfigException(source.describe(), List.of("YAML syntax: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (raw == null) {
            throw new ConfigException(source.describe(), List.of("the file is empty"));
        }
        CamisoConfig config = new CamisoConfig(raw.server(), raw.apiRoots(), raw.organisations(),
                raw.initiatives(), raw.accounts(), source);
        List<String> problems = validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(source.describe(), problems);
        }
        return config;
    }

    // --- binding errors --------------------------------------------------------------------------

    private static String describe(JsonMappingException e) {
        String path = path(e);
        String where = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + u.getPropertyName() + "'" + (path.contains(".") || path.contains("[")
                    ? " in " + path.substring(0, path.length() - u.getPropertyName().length()).replaceAll("\\.$", "")
                    : "") + (known.isEmpty() ? "" : " (allowed: " + known + ")");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            return where + "'" + f.getValue() + "' is not one of: " + allowed;
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae) {
            return where + iae.getMessage();
        }
        return where + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** TLP labels as TLP 2.0 writes them (CLEAR, GREEN, AMBER, AMBER+STRICT, RED; WHITE = CLEAR). */
    private static final class TlpDeserializer extends StdScalarDeserializer<Tlp> {
        TlpDeserializer() {
            super(Tlp.class);
        }

        @Override
        public Tlp deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Tlp.fromLabel(text == null ? "" : text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, "unknown TLP level '" + text
                        + "' (allowed: CLEAR, GREEN, AMBER, AMBER+STRICT, RED)");
            }
        }
    }

    // --- validation --------------------------------------------------------------------------------

    static List<String> validate(CamisoConfig c) {
        List<String> problems = new ArrayList<>();
        ServerConfig s = c.server();
        if (s == null) {
            problems.add("server: the section is required (at least server.title)");
            return problems;
        }
        if (blank(s.title())) {
            problems.add("server.title: required (the discovery title)");
        }
        if (s.port() < 0 || s.port() > 65535) {
            problems.add("server.port: " + s.port() + " is not a port number (0-65535)");
        }
        if (s.maxPageSize() < 1) {
            problems.add("server.max_page_size: must be at least 1");
        }
        try {
            if (s.ingest().pendingMarkingTimeout().isNegative() || s.ingest().pendingMarkingTimeout().isZero()) {
                problems.add("server.ingest.pending_marking_timeout: must be longer than zero");
            }
        } catch (IllegalArgumentException e) {
            problems.add("server.ingest.pending_marking_timeout: " + e.getMessage());
        }
        try {
            if (s.statuses().retention().compareTo(ServerConfig.StatusesConfig.MINIMUM_RETENTION) < 0) {
                problems.add("server.statuses.retention: " + s.statuses().retentionText().trim() + " is too short: at least"
                        + " PT24H, as TAXII clients poll a status for a while and the spec expects it kept at least 24 hours");
            }
        } catch (IllegalArgumentException e) {
            problems.add("server.statuses.retention: " + e.getMessage());
        }
        if (blank(s.bind())) {
            problems.add("server.bind: must not be empty");
        }
        for (String entry : s.feeds().allowList()) {
            if (!AddressOrDomain.isValid(entry)) {
                problems.add("server.feeds.allow_list: '" + entry + "' is not an IP address, CIDR or domain name");
            }
        }
        java.util.Set<String> organisationNames = new java.util.HashSet<>();
        c.organisations().forEach(o -> organisationNames.add(o.name()));
        s.feeds().organisationAllowLists().forEach((organisation, entries) -> {
            if (!organisationNames.contains(organisation)) {
                problems.add("server.feeds.organisation_allow_lists: '" + organisation + "' is not an organisation");
            }
            for (String entry : entries == null ? List.<String>of() : entries) {
                if (!AddressOrDomain.isValid(entry)) {
                    problems.add("server.feeds.organisation_allow_lists." + organisation + ": '" + entry
                            + "' is not an IP address, CIDR or domain name");
                }
            }
        });
        if (s.database() != null && (blank(s.database().url()) || !s.database().url().startsWith("jdbc:"))) {
            problems.add("server.database.url: required, a JDBC URL (jdbc:postgresql://host:5432/db)");
        }
        if (s.tls() != null) {
            if (blank(s.tls().keystore())) {
                problems.add("server.tls.keystore: required (a PKCS12 file)");
            }
            if (s.tls().keystorePassword() == null) {
                problems.add("server.tls.keystore_password: required");
            }
        }
        if (s.jwt() != null) {
            validateJwt(s.jwt(), problems);
        }
        if (s.defaultApiRoot() != null && c.apiRoot(s.defaultApiRoot()).isEmpty()) {
            problems.add("server.default_api_root: '" + s.defaultApiRoot() + "' is not one of the api_roots");
        }

        Set<String> organisations = new HashSet<>();
        Set<String> hubs = new HashSet<>();
        for (int i = 0; i < c.organisations().size(); i++) {
            OrganisationConfig o = c.organisations().get(i);
            String at = "organisations[" + i + "]";
            if (!checkName(o.name(), at + ".name", NAME, problems)) {
                continue;
            }
            if (!organisations.add(o.name())) {
                problems.add(at + ".name: duplicate organisation '" + o.name() + "'");
            }
            if (o.role() == null) {
                problems.add(at + ".role: required (hub, source, intermediary, initiative, member, supervisor)");
            } else if (o.role() == Role.HUB) {
                hubs.add(o.name());
            }
            if (o.identity() != null && !IDENTITY_ID.matcher(o.identity()).matches()) {
                problems.add(at + ".identity: '" + o.identity() + "' is not a STIX identity id (identity--<UUID v4>)");
            }
        }

        Set<String> initiatives = new HashSet<>();
        for (int i = 0; i < c.initiatives().size(); i++) {
            InitiativeConfig in = c.initiatives().get(i);
            String at = "initiatives[" + i + "]";
            if (checkName(in.name(), at + ".name", NAME, problems) && !initiatives.add(in.name())) {
                problems.add(at + ".name: duplicate initiative '" + in.name() + "'");
            }
            if (blank(in.organisation())) {
                problems.add(at + ".organisation: required (the organisation that runs it)");
            } else if (!organisations.contains(in.organisation())) {
                problems.add(at + ".organisation: unknown organisation '" + in.organisation() + "'");
            }
            Set<String> members = new HashSet<>();
            for (int m = 0; m < in.members().size(); m++) {
                InitiativeConfig.Member member = in.members().get(m);
                String mat = at + ".members[" + m + "]";
                if (blank(member.organisation()) || !organisations.contains(member.organisation())) {
                    problems.add(mat + ".organisation: unknown organisation '" + member.organisation() + "'");
                } else if (!members.add(member.organisation())) {
                    problems.add(mat + ".organisation: '" + member.organisation() + "' is listed twice");
                }
                if (member.clearance() == null || member.clearance() == Tlp.CLEAR || member.clearance() == Tlp.RED) {
                    problems.add(mat + ".clearance: must be GREEN, AMBER or AMBER+STRICT"
                            + " (RED goes to named accounts on the collection)");
                }
            }
        }

        if (c.apiRoots().isEmpty()) {
            problems.add("api_roots: at least one API root is required");
        }
        Set<String> rootNames = new HashSet<>();
        Set<String> collectionIds = new HashSet<>();
        for (int r = 0; r < c.apiRoots().size(); r++) {
            ApiRootConfig root = c.apiRoots().get(r);
            String at = "api_roots[" + r + "]";
            if (checkName(root.name(), at + ".name", NAME, problems)) {
                if (root.name().equals("taxii2")) {
                    problems.add(at + ".name: 'taxii2' is the discovery path and cannot be an API root");
                } else if (!rootNames.add(root.name())) {
                    problems.add(at + ".name: duplicate API root '" + root.name() + "'");
                }
            }
            if (blank(root.title())) {
                problems.add(at + ".title: required");
            }
            if (root.maxContentLength() < 1) {
                problems.add(at + ".max_content_length: must be a positive number of octets");
            }
            Set<String> aliases = new HashSet<>();
            for (int i = 0; i < root.collections().size(); i++) {
                validateCollection(root.collections().get(i), at + ".collections[" + i + "]", c,
                        collectionIds, aliases, initiatives, hubs, problems);
            }
            validateFeedSets(root, at, problems);
        }

        Set<String> accounts = new HashSet<>();
        for (int i = 0; i < c.accounts().size(); i++) {
            validateAccount(c.accounts().get(i), "accounts[" + i + "]", c, accounts, organisations, problems);
        }
        return problems;
    }

    private static void validateJwt(JwtConfig jwt, List<String> problems) {
        if (blank(jwt.issuer())) {
            problems.add("server.jwt.issuer: required");
        }
        if (blank(jwt.audience())) {
            problems.add("server.jwt.audience: required");
        }
        if (jwt.allowedAlgorithms().isEmpty()) {
            problems.add("server.jwt.allowed_algorithms: at least one algorithm is required");
        }
        for (String alg : jwt.allowedAlgorithms()) {
            if (!JwtConfig.HMAC_ALGORITHMS.contains(alg) && !JwtConfig.PUBLIC_KEY_ALGORITHMS.contains(alg)) {
                problems.add("server.jwt.allowed_algorithms: '" + alg + "' is not allowed"
                        + ("none".equalsIgnoreCase(alg) ? " (unsigned tokens are never accepted)" : "")
                        + "; use HS256/384/512, RS256/384/512, PS256/384/512 or ES256/384/512");
            }
        }
        if (jwt.maxLifetimeSeconds() < JwtConfig.MIN_MAX_LIFETIME_SECONDS
                || jwt.maxLifetimeSeconds() > JwtConfig.MAX_MAX_LIFETIME_SECONDS) {
            problems.add("server.jwt.max_lifetime_seconds: must be between " + JwtConfig.MIN_MAX_LIFETIME_SECONDS
                    + " and " + JwtConfig.MAX_MAX_LIFETIME_SECONDS + " (366 days)");
        }
        if (jwt.jwksFile() != null && jwt.jwksUrl() != null) {
            problems.add("server.jwt: give jwks_file or jwks_url, not both");
        }
        if (jwt.allowsPublicKeys() && jwt.jwksFile() == null && jwt.jwksUrl() == null) {
            problems.add("server.jwt: RS/PS/ES algorithms are allowed but no jwks_file or jwks_url gives the keys");
        }
        if (jwt.jwksUrl() != null && !jwt.jwksUrl().startsWith("https://")
                && !jwt.jwksUrl().matches("http://(127\\.0\\.0\\.1|localhost|\\[::1])[:/].*")) {
            problems.add("server.jwt.jwks_url: must be https:// (plain http only on loopback)");
        }
    }

    /** A feed set's name takes the place of a collection in the feed URL, so it must not be one. */
    private static void validateFeedSets(ApiRootConfig root, String at, List<String> problems) {
        root.feedSets().forEach((name, set) -> {
            String where = at + ".feed_sets." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ": '" + name + "' may only contain letters, digits, '.', '_', '~', '-'");
            } else if (root.collection(name).isPresent() || UUID_V4.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                problems.add(where + ": a feed set's name must not be a collection id or alias (both name a feed)");
            }
            if (set == null) {
                problems.add(where + ": needs collections");
                return;
            }
            if (set.collections().isEmpty()) {
                problems.add(where + ".collections: at least one collection (id or alias) of this API root");
            }
            for (String ref : set.collections()) {
                if (ref == null || root.collection(ref).isEmpty()) {
                    problems.add(where + ".collections: '" + ref + "' is no collection of API root " + root.name());
                }
            }
        });
    }

    private static void validateCollection(CollectionConfig col, String at, CamisoConfig c, Set<String> ids,
                                           Set<String> aliases, Set<String> initiatives, Set<String> hubs,
                                           List<String> problems) {
        if (col.id() == null || !UUID_V4.matcher(col.id()).matches()) {
            problems.add(at + ".id: '" + col.id() + "' is not a lower-case RFC 4122 UUID version 4");
        } else if (!ids.add(col.id())) {
            problems.add(at + ".id: duplicate collection id " + col.id() + " (ids are unique across all API roots)");
        }
        if (col.alias() != null) {
            if (!NAME.matcher(col.alias()).matches()) {
                problems.add(at + ".alias: '" + col.alias() + "' may only contain letters, digits, '.', '_', '~', '-'");
            } else if (UUID_V4.matcher(col.alias().toLowerCase(Locale.ROOT)).matches()) {
                problems.add(at + ".alias: an alias must not look like a collection id");
            } else if (!aliases.add(col.alias())) {
                problems.add(at + ".alias: duplicate alias '" + col.alias() + "' in this API root");
            }
        }
        if (blank(col.title())) {
            problems.add(at + ".title: required");
        }
        if (col.tlp() == null) {
            problems.add(at + ".tlp: required (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)");
        }
        if (col.isPublic() && col.tlp() != Tlp.CLEAR) {
            problems.add(at + ".public: only a TLP:CLEAR collection can be public");
        }
        if (!col.redAccounts().isEmpty() && col.tlp() != Tlp.RED) {
            problems.add(at + ".red_accounts: only a TLP:RED collection names accounts");
        }
        if (col.initiative() != null && !initiatives.contains(col.initiative()) && !hubs.contains(col.initiative())) {
            problems.add(at + ".initiative: '" + col.initiative()
                    + "' is neither an initiative nor the hub organisation");
        }
        for (String file : col.load()) {
            if (!c.source().exists(file)) {
                problems.add(at + ".load: file not found: " + file + " (relative to the configuration file)");
            }
        }
    }

    private static void validateAccount(AccountConfig a, String at, CamisoConfig c, Set<String> names,
                                        Set<String> organisations, List<String> problems) {
        if (checkName(a.name(), at + ".name", ACCOUNT_NAME, problems) && !names.add(a.name())) {
            problems.add(at + ".name: duplicate account '" + a.name() + "'");
        }
        if (a.organisation() != null && !organisations.contains(a.organisation())) {
            problems.add(at + ".organisation: unknown organisation '" + a.organisation() + "'");
        }
        if (a.password() != null && a.passwordHash() != null) {
            problems.add(at + ": give password or password_hash, not both");
        }
        if (a.password() != null && !c.server().demo()) {
            problems.add(at + ".password: a plain password is only allowed with server.demo: true;"
                    + " use password_hash (see ./camiso user passwd) instead");
        }
        if (a.password() != null && a.password().isEmpty()) {
            problems.add(at + ".password: must not be empty");
        }
        if (a.passwordHash() != null) {
            String problem = PasswordHasher.problem(a.passwordHash());
            if (problem != null) {
                problems.add(at + ".password_hash: " + problem);
            }
        }
        for (int g = 0; g < a.grants().size(); g++) {
            GrantConfig grant = a.grants().get(g);
            String gat = at + ".grants[" + g + "]";
            if (grant.apiRoot() == null) {
                problems.add(gat + ".api_root: required");
                continue;
            }
            var root = c.apiRoot(grant.apiRoot());
            if (root.isEmpty()) {
                problems.add(gat + ".api_root: unknown API root '" + grant.apiRoot() + "'");
            } else if (grant.collection() == null) {
                problems.add(gat + ".collection: required (an id, an alias or \"*\")");
            } else if (!grant.collection().equals("*") && root.get().collection(grant.collection()).isEmpty()) {
                problems.add(gat + ".collection: no collection '" + grant.collection() + "' in API root '"
                        + grant.apiRoot() + "'");
            }
            if (!grant.read() && !grant.write()) {
                problems.add(gat + ": grants neither read nor write");
            }
        }
    }

    private static boolean checkName(String name, String at, Pattern pattern, List<String> problems) {
        if (name == null) {
            problems.add(at + ": required");
            return false;
        }
        if (!pattern.matcher(name).matches()) {
            problems.add(at + ": '" + name + "' may only contain letters, digits and " +
                    (pattern == ACCOUNT_NAME ? "'.', '_', '@', '-'" : "'.', '_', '~', '-'")
                    + ", starting with a letter or digit (at most 100)");
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

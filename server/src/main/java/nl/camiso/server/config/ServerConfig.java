package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The {@code server:} section. Relative paths ({@code data_dir}, {@code tls.keystore},
 * {@code jwt.*_file}) are relative to the working directory, like the command-line flags
 * that override them; only sample {@code load:} files are relative to the config file.
 */
public record ServerConfig(
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("contact") String contact,
        @JsonProperty("default_api_root") String defaultApiRoot,
        @JsonProperty("bind") String bind,
        @JsonProperty("port") Integer port,
        @JsonProperty("data_dir") String dataDir,
        @JsonProperty("max_page_size") Integer maxPageSize,
        @JsonProperty("demo") boolean demo,
        @JsonProperty("database") DatabaseConfig database,
        @JsonProperty("tls") TlsConfig tls,
        @JsonProperty("jwt") JwtConfig jwt,
        @JsonProperty("feeds") FeedsConfig feeds,
        @JsonProperty("ingest") IngestConfig ingest,
        @JsonProperty("statuses") StatusesConfig statuses) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final int DEFAULT_MAX_PAGE_SIZE = 1000;

    public ServerConfig {
        bind = bind == null ? DEFAULT_BIND : bind;
        port = port == null ? DEFAULT_PORT : port;
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        maxPageSize = maxPageSize == null ? DEFAULT_MAX_PAGE_SIZE : maxPageSize;
        feeds = feeds == null ? new FeedsConfig(null) : feeds;
        ingest = ingest == null ? new IngestConfig(null) : ingest;
        statuses = statuses == null ? new StatusesConfig(null) : statuses;
    }

    /**
     * {@code server.ingest}: {@code pending_marking_timeout} is how long an object whose marking
     * definition has not arrived waits (status {@code pending}) before it fails: an ISO-8601
     * duration ({@code PT10M}) or a number of seconds; default 10 minutes.
     */
    public record IngestConfig(@JsonProperty("pending_marking_timeout") String pendingMarkingTimeoutText) {

        public static final java.time.Duration DEFAULT_PENDING_MARKING_TIMEOUT = java.time.Duration.ofMinutes(10);

        /** The timeout; the default when unset. @throws IllegalArgumentException when not a duration */
        public java.time.Duration pendingMarkingTimeout() {
            String t = pendingMarkingTimeoutText == null ? "" : pendingMarkingTimeoutText.trim();
            if (t.isEmpty()) {
                return DEFAULT_PENDING_MARKING_TIMEOUT;
            }
            if (t.matches("[0-9]{1,9}")) {
                return java.time.Duration.ofSeconds(Long.parseLong(t));
            }
            try {
                return java.time.Duration.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + t + "' is neither an ISO-8601 duration (PT10M) nor a number of seconds");
            }
        }
    }

    /**
     * {@code server.statuses}: {@code retention} is how long a status resource is kept after its
     * request before it is purged (an ISO-8601 duration, {@code P7D}; default 7 days). Never less than
     * a day: clients poll a status for a while, and the spec expects it kept at least 24 hours.
     */
    public record StatusesConfig(@JsonProperty("retention") String retentionText) {

        public static final java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(7);
        public static final java.time.Duration MINIMUM_RETENTION = java.time.Duration.ofHours(24);

        /** The retention; the default when unset. @throws IllegalArgumentException when not a duration */
        public java.time.Duration retention() {
            String t = retentionText == null ? "" : retentionText.trim();
            if (t.isEmpty()) {
                return DEFAULT_RETENTION;
            }
            try {
                return java.time.Duration.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + t + "' is not an ISO-8601 duration (P7D, PT48H)");
            }
        }
    }

    /**
     * {@code server.feeds}: {@code allow_list} holds addresses, CIDRs and domain names that no feed
     * ever emits, on top of the built-in private, loopback, link-local and multicast ranges and public
     * DNS resolvers (a domain covers its subdomains); {@code organisation_allow_lists} maps an
     * organisation's name to its own networks and domains, which no feed emits to its accounts.
     */
    public record FeedsConfig(@JsonProperty("allow_list") List<String> allowList,
                              @JsonProperty("organisation_allow_lists") java.util.Map<String, List<String>> organisationAllowLists) {
        public FeedsConfig {
            allowList = allowList == null ? List.of() : List.copyOf(allowList);
            organisationAllowLists = organisationAllowLists == null ? java.util.Map.of()
                    : java.util.Map.copyOf(new java.util.TreeMap<>(organisationAllowLists));
        }

        public FeedsConfig(List<String> allowList) {
            this(allowList, null);
        }
    }

    /** {@code server.database}: a JDBC database instead of embedded H2. */
    public record DatabaseConfig(@JsonProperty("url") String url,
                                 @JsonProperty("user") String user,
                                 @JsonProperty("password") String password) {
    }

    /** {@code server.tls}: a PKCS12 keystore with the server's key and certificate chain. */
    public record TlsConfig(@JsonProperty("keystore") String keystore,
                            @JsonProperty("keystore_password") String keystorePassword) {
    }
}

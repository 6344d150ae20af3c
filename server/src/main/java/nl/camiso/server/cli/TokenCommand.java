package nl.camiso.server.cli;

import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountException;
import nl.camiso.server.auth.HmacSecret;
import nl.camiso.server.auth.TokenIssuer;
import nl.camiso.server.config.JwtConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code camiso token issue}: an HS256 bearer token for an account. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Bearer tokens (JWT).",
        subcommands = TokenCommand.Issue.class)
final class TokenCommand implements Runnable {

    static final Duration MAX_TTL = Duration.ofDays(366);

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Print a signed JWT (HS256, the secret in server.jwt.hmac_secret_file) for an existing account.")
    static final class Issue implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Option(names = "--user", required = true, paramLabel = "NAME") String user;
        @Option(names = "--ttl", defaultValue = "1h", paramLabel = "DURATION",
                description = "Lifetime: 90s, 30m, 1h, 7d or ISO-8601 (PT1H); default 1h;"
                        + " at most server.jwt.max_lifetime_seconds (default one day)") String ttl;

        @Override
        public Integer call() {
            Duration lifetime = parseTtl(ttl);
            String token = UserCommand.withAccounts(store, c -> {
                JwtConfig jwt = c.settings().config().server().jwt();
                if (jwt == null) {
                    throw new AccountException("the configuration has no server.jwt section: bearer tokens are off");
                }
                if (!jwt.allowedAlgorithms().contains("HS256")) {
                    throw new AccountException("server.jwt.allowed_algorithms does not include HS256,"
                            + " so the server would refuse tokens issued here");
                }
                if (lifetime.toSeconds() > jwt.maxLifetimeSeconds()) {
                    throw new AccountException("--ttl " + ttl + " is longer than server.jwt.max_lifetime_seconds ("
                            + jwt.maxLifetimeSeconds() + " s): the server would refuse the token");
                }
                Account account = c.accounts().find(user)
                        .orElseThrow(() -> new AccountException("no account '" + user + "'"));
                byte[] secret = HmacSecret.loadOrCreate(c.settings().jwtSecretFile());
                return new TokenIssuer(jwt, secret).issue(account, lifetime, Instant.now());
            });
            System.out.println(token);
            return 0;
        }
    }

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)([smhd])");

    static Duration parseTtl(String text) {
        Duration d;
        Matcher m = SIMPLE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new AccountException("--ttl '" + text + "': use e.g. 90s, 30m, 1h, 7d or PT1H");
            }
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TTL) > 0) {
            throw new AccountException("--ttl must be positive and at most 366 days");
        }
        return d;
    }
}

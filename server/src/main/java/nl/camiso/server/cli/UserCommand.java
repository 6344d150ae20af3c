package nl.camiso.server.cli;

import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountException;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import nl.camiso.server.setup.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code camiso user ...}: accounts and grants, in the same database {@code serve} uses. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage accounts: add, passwd, grant, revoke, list, delete.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.GrantCmd.class,
                UserCommand.Revoke.class, UserCommand.ListCmd.class, UserCommand.Delete.class})
final class UserCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** Opens the database of the given options, runs {@code work} on the account store, closes. */
    static <T> T withAccounts(StoreOptions store, Function<AccountStoreContext, T> work) {
        return OfflineDatabase.with(store, db -> work.apply(new AccountStoreContext(db.settings(), db.accounts())));
    }

    /**
     * Runs an account change and writes its audit entry in the same session ({@code entry}: the
     * detail from the result, null when nothing changed). Never a password in the detail.
     */
    static <T> T auditedAccounts(StoreOptions store, String command, Function<AccountStoreContext, T> change,
                                 Function<T, String> entry) {
        return OfflineDatabase.with(store, db -> {
            T result = change.apply(new AccountStoreContext(db.settings(), db.accounts()));
            String detail = entry.apply(result);
            if (detail != null) {
                db.audited(command, detail);
            }
            return result;
        });
    }

    record AccountStoreContext(Settings settings, AccountStore accounts) {
    }

    /** The password from --password, else the terminal (asked twice), else the first line of stdin. */
    static String readPassword(String given) {
        if (given != null) {
            return given;
        }
        Console console = System.console();
        if (console != null) {
            char[] a = console.readPassword("Password: ");
            char[] b = console.readPassword("Again: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new AccountException("the passwords differ");
            }
            return new String(a);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new AccountException("no password on stdin (or use --password)");
            }
            return line;
        } catch (IOException e) {
            throw new AccountException("cannot read the password from stdin");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an account. The password comes from --password, the terminal, or stdin.")
    static final class Add implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--password", paramLabel = "PASSWORD", description = "The password (else read from the terminal or stdin)")
        String password;
        @Option(names = "--no-password", description = "A bearer-token-only account")
        boolean noPassword;
        @Option(names = "--organisation", paramLabel = "ORG", description = "The account's organisation (short name)")
        String organisation;
        @Option(names = "--role", paramLabel = "ROLE", description = "admin or supervisor (repeatable)")
        List<String> roles = List.of();

        @Override
        public Integer call() {
            Set<Role> roleSet = EnumSet.noneOf(Role.class);
            roles.forEach(r -> roleSet.add(parseRole(r)));
            String pw = noPassword ? null : readPassword(password);
            auditedAccounts(store, "user add", c -> {
                c.accounts().create(name, pw, organisation, roleSet);
                return name;
            }, created -> OfflineDatabase.adminRequest("PUT", "accounts/" + name, 201));
            System.out.println("account '" + name + "' created");
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set an account's password (from --password, the terminal, or stdin).")
    static final class Passwd implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--password", paramLabel = "PASSWORD") String password;

        @Override
        public Integer call() {
            String pw = readPassword(password);
            auditedAccounts(store, "user passwd", c -> {
                c.accounts().setPassword(name, pw);
                return name;
            }, changed -> OfflineDatabase.adminRequest("PUT", "accounts/" + name, 200));
            System.out.println("password of '" + name + "' changed");
            return 0;
        }
    }

    /** Which collection a grant is about. */
    static final class Target {
        @Option(names = "--api-root", required = true, paramLabel = "NAME", description = "API root, e.g. ndn")
        String apiRoot;
        @Option(names = "--collection", required = true, paramLabel = "ID|ALIAS|*",
                description = "Collection id or alias, or * for every collection of the API root")
        String collection;
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Give read and/or write on a collection.")
    static final class GrantCmd implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "NAME") String name;
        @ArgGroup(exclusive = false, multiplicity = "1") Target target;
        @Option(names = "--read", description = "Read (get objects, manifest, versions)") boolean read;
        @Option(names = "--write", description = "Write (add objects)") boolean write;

        @Override
        public Integer call() {
            if (!read && !write) {
                throw new AccountException("say what to grant: --read, --write or both");
            }
            // the admin API has no grants: the entry says what changed in the CLI's own words
            String collection = auditedAccounts(store, "user grant", c -> {
                String id = AccountStore.resolveCollection(c.settings().config(), target.apiRoot, target.collection);
                c.accounts().grant(name, target.apiRoot, id, read, write);
                return id;
            }, id -> "granted " + rights(read, write) + " on " + target.apiRoot + "/" + id + " to '" + name + "'");
            System.out.println("granted " + rights(read, write) + " on " + target.apiRoot + "/" + collection + " to '" + name + "'");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Take read and/or write away (neither flag: the whole grant).")
    static final class Revoke implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "NAME") String name;
        @ArgGroup(exclusive = false, multiplicity = "1") Target target;
        @Option(names = "--read") boolean read;
        @Option(names = "--write") boolean write;

        @Override
        public Integer call() {
            boolean all = !read && !write;
            boolean found = auditedAccounts(store, "user revoke", c -> {
                String id = Grant.ALL_COLLECTIONS.equals(target.collection) ? target.collection
                        : c.settings().config().apiRoot(target.apiRoot).flatMap(r -> r.collection(target.collection))
                        .map(col -> col.id()).orElse(target.collection); // a grant on a since-removed collection
                return c.accounts().revoke(name, target.apiRoot, id, all || read, all || write);
            }, revoked -> revoked ? "revoked " + (all ? "read+write" : rights(read, write)) + " on "
                    + target.apiRoot + "/" + target.collection + " from '" + name + "'" : null);
            if (!found) {
                System.err.println("'" + name + "' has no grant on " + target.apiRoot + "/" + target.collection);
                return 1;
            }
            System.out.println("revoked " + (all ? "read+write" : rights(read, write)) + " on "
                    + target.apiRoot + "/" + target.collection + " from '" + name + "'");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts, roles and grants.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            List<Account> accounts = withAccounts(store, c -> c.accounts().list());
            print(accounts, System.out);
            return 0;
        }

        static void print(List<Account> accounts, PrintStream out) {
            for (Account a : accounts) {
                String roles = a.roles().stream().map(Role::label).sorted().collect(Collectors.joining(","));
                String grants = a.grants().stream()
                        .map(g -> g.apiRoot() + "/" + g.collection() + ":" + rights(g.read(), g.write()))
                        .collect(Collectors.joining(" "));
                out.println(a.name()
                        + "\torganisation=" + (a.organisation() == null ? "-" : a.organisation())
                        + "\troles=" + (roles.isEmpty() ? "-" : roles)
                        + "\tpassword=" + (a.passwordHash() == null ? "no" : "yes")
                        + "\tgrants=" + (grants.isEmpty() ? "-" : grants));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account and its grants.")
    static final class Delete implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            if (!auditedAccounts(store, "user delete", c -> c.accounts().delete(name),
                    deleted -> deleted ? OfflineDatabase.adminRequest("DELETE", "accounts/" + name, 204) : null)) {
                System.err.println("no account '" + name + "'");
                return 1;
            }
            System.out.println("account '" + name + "' deleted");
            return 0;
        }
    }

    static String rights(boolean read, boolean write) {
        return read && write ? "read+write" : read ? "read" : "write";
    }

    static Role parseRole(String r) {
        try {
            return Role.fromLabel(r);
        } catch (IllegalArgumentException e) {
            throw new AccountException(e.getMessage());
        }
    }
}

package nl.camiso.server.cli;

import nl.camiso.server.network.Initiative;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.NetworkStore;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.marking.Tlp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;

import static nl.camiso.server.cli.OfflineDatabase.adminRequest;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code camiso org ...}, {@code camiso initiative ...} and {@code camiso red ...}: the sharing
 * network in the same database {@code serve} uses. The configuration's network is seeded first
 * (once per entry, as {@code serve} does), so these commands also work before the first start.
 * A running server sees the change within a few seconds, without a restart.
 */
final class NetworkCommands {

    private NetworkCommands() {
    }

    /** Opens the database of the given options, seeds the network, runs {@code work}, closes. */
    static <T> T withNetwork(StoreOptions options, Function<NetworkStore, T> work) {
        return OfflineDatabase.with(options, db -> work.apply(db.network()));
    }

    /**
     * Runs a change and writes its audit entry in the same session: {@code entry} gives the entry's
     * detail from the change's result, or null when nothing changed (nothing is written then, nor
     * when the change is refused).
     */
    static <T> T audited(StoreOptions options, String command, Function<NetworkStore, T> change,
                         Function<T, String> entry) {
        return OfflineDatabase.with(options, db -> {
            T result = change.apply(db.network());
            String detail = entry.apply(result);
            if (detail != null) {
                db.audited(command, detail);
            }
            return result;
        });
    }

    /**
     * Runs a change that answers whether there was anything to change: prints {@code done} and
     * exits 0, or prints {@code missing} on stderr and exits 1. Only a change is audited, with
     * {@code auditDetail}.
     */
    static int change(StoreOptions options, String command, Predicate<NetworkStore> change, String auditDetail,
                      String done, String missing) {
        if (!audited(options, command, change::test, changed -> changed ? auditDetail : null)) {
            System.err.println(missing);
            return 1;
        }
        System.out.println(done);
        return 0;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    // --- organisations ----------------------------------------------------------------------------

    @Command(name = "org", mixinStandardHelpOptions = true,
            description = "Manage organisations: add (or update), list, delete, and their own networks and domains (allow-list).",
            subcommands = {Org.Add.class, Org.ListCmd.class, Org.Delete.class, Org.AllowList.class})
    static final class Org implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an organisation, or update one.")
        static final class Add implements Callable<Integer> {
            @Mixin StoreOptions store;
            @Parameters(paramLabel = "NAME", description = "Short name, e.g. ferm") String name;
            @Option(names = "--title", required = true, paramLabel = "TITLE") String title;
            @Option(names = "--role", required = true, paramLabel = "ROLE",
                    description = "hub, source, intermediary, initiative, member or supervisor") String role;
            @Option(names = "--identity", paramLabel = "ID", description = "Its STIX identity id (identity--<UUID v4>)")
            String identity;

            @Override
            public Integer call() {
                boolean created = audited(store, "org add", s ->
                        s.putOrganisation(new Organisation(name, title, NetworkStore.parseRole(role), identity)),
                        c -> adminRequest("PUT", "organisations/" + name, c ? 201 : 200));
                System.out.println("organisation '" + name + "' " + (created ? "created" : "updated"));
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List organisations.")
        static final class ListCmd implements Callable<Integer> {
            @Mixin StoreOptions store;

            @Override
            public Integer call() {
                NetworkSnapshot n = withNetwork(store, NetworkStore::load);
                for (Organisation o : n.organisations().values()) {
                    System.out.println(o.name() + "\trole=" + lower(o.role())
                            + "\tidentity=" + (o.identity() == null ? "-" : o.identity()) + "\ttitle=" + o.title());
                }
                return 0;
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Delete an organisation (refused while it runs an initiative, owns a collection or has accounts).")
        static final class Delete implements Callable<Integer> {
            @Mixin StoreOptions store;
            @Parameters(paramLabel = "NAME") String name;

            @Override
            public Integer call() {
                return change(store, "org delete", s -> s.deleteOrganisation(name),
                        adminRequest("DELETE", "organisations/" + name, 204), "organisation '" + name + "' deleted", "no organisation '" + name + "'");
            }
        }

        @Command(name = "allow-list", mixinStandardHelpOptions = true,
                description = "An organisation's own networks and domains, which no feed gives to its accounts: list, add, remove.",
                subcommands = {AllowList.ListCmd.class, AllowList.Add.class, AllowList.Remove.class})
        static final class AllowList implements Runnable {
            @Override
            public void run() {
                CommandLine.usage(this, System.out);
            }

            @Command(name = "list", mixinStandardHelpOptions = true, description = "The organisation's entries, one a line.")
            static final class ListCmd implements Callable<Integer> {
                @Mixin StoreOptions store;
                @Parameters(paramLabel = "ORG") String organisation;

                @Override
                public Integer call() {
                    NetworkSnapshot n = withNetwork(store, NetworkStore::load);
                    if (n.organisation(organisation).isEmpty()) {
                        System.err.println("no organisation '" + organisation + "'");
                        return 1;
                    }
                    n.ownEntries(organisation).forEach(System.out::println);
                    return 0;
                }
            }

            @Command(name = "add", mixinStandardHelpOptions = true,
                    description = "Add an address, a CIDR block (192.0.2.0/29) or a domain (covers its subdomains).")
            static final class Add implements Callable<Integer> {
                @Mixin StoreOptions store;
                @Parameters(index = "0", paramLabel = "ORG") String organisation;
                @Parameters(index = "1", paramLabel = "ENTRY") String entry;

                @Override
                public Integer call() {
                    var added = audited(store, "org allow-list add", s -> s.addOwnEntry(organisation, entry),
                            a -> adminRequest("PUT", "organisations/" + organisation + "/allow-list/" + entry,
                                    a.getValue() ? 201 : 200));
                    System.out.println("'" + added.getKey() + "' " + (added.getValue() ? "added to" : "already on")
                            + " the allow-list of '" + organisation + "'");
                    return 0;
                }
            }

            @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an entry.")
            static final class Remove implements Callable<Integer> {
                @Mixin StoreOptions store;
                @Parameters(index = "0", paramLabel = "ORG") String organisation;
                @Parameters(index = "1", paramLabel = "ENTRY") String entry;

                @Override
                public Integer call() {
                    return change(store, "org allow-list remove", s -> s.removeOwnEntry(organisation, entry),
                            adminRequest("DELETE", "organisations/" + organisation + "/allow-list/" + entry, 204),
                            "'" + entry + "' removed from the allow-list of '" + organisation + "'",
                            "'" + entry + "' is not on the allow-list of '" + organisation + "'");
                }
            }
        }
    }

    // --- initiatives --------------------------------------------------------------------------------

    @Command(name = "initiative", mixinStandardHelpOptions = true,
            description = "Manage initiatives and their members: add (or update), list, delete, member add|remove.",
            subcommands = {Init.Add.class, Init.ListCmd.class, Init.Delete.class, Init.Member.class})
    static final class Init implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an initiative, or update one (members are kept).")
        static final class Add implements Callable<Integer> {
            @Mixin StoreOptions store;
            @Parameters(paramLabel = "NAME") String name;
            @Option(names = "--title", required = true, paramLabel = "TITLE") String title;
            @Option(names = "--organisation", required = true, paramLabel = "ORG",
                    description = "The organisation that runs it") String organisation;

            @Override
            public Integer call() {
                boolean created = audited(store, "initiative add", s -> s.putInitiative(name, title, organisation, null),
                        c -> adminRequest("PUT", "initiatives/" + name, c ? 201 : 200));
                System.out.println("initiative '" + name + "' " + (created ? "created" : "updated"));
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List initiatives with their members and clearance.")
        static final class ListCmd implements Callable<Integer> {
            @Mixin StoreOptions store;

            @Override
            public Integer call() {
                NetworkSnapshot n = withNetwork(store, NetworkStore::load);
                for (Initiative i : n.initiatives().values()) {
                    String members = i.members().entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue().label()).collect(Collectors.joining(" "));
                    System.out.println(i.name() + "\torganisation=" + i.organisation()
                            + "\tmembers=" + (members.isEmpty() ? "-" : members) + "\ttitle=" + i.title());
                }
                return 0;
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Delete an initiative (refused while a collection belongs to it).")
        static final class Delete implements Callable<Integer> {
            @Mixin StoreOptions store;
            @Parameters(paramLabel = "NAME") String name;

            @Override
            public Integer call() {
                return change(store, "initiative delete", s -> s.deleteInitiative(name),
                        adminRequest("DELETE", "initiatives/" + name, 204),
                        "initiative '" + name + "' deleted", "no initiative '" + name + "'");
            }
        }

        @Command(name = "member", mixinStandardHelpOptions = true, description = "Add or remove a member organisation.",
                subcommands = {Member.AddMember.class, Member.RemoveMember.class})
        static final class Member implements Runnable {
            @Override
            public void run() {
                CommandLine.usage(this, System.out);
            }

            @Command(name = "add", mixinStandardHelpOptions = true,
                    description = "Add a member, or change its clearance.")
            static final class AddMember implements Callable<Integer> {
                @Mixin StoreOptions store;
                @Parameters(index = "0", paramLabel = "INITIATIVE") String initiative;
                @Parameters(index = "1", paramLabel = "ORG") String organisation;
                @Option(names = "--clearance", required = true, paramLabel = "TLP",
                        description = "GREEN, AMBER or AMBER+STRICT") String clearance;

                @Override
                public Integer call() {
                    Tlp tlp = NetworkStore.parseClearance(clearance);
                    boolean added = audited(store, "initiative member add", s -> s.putMember(initiative, organisation, tlp),
                            a -> adminRequest("PUT", "initiatives/" + initiative + "/members/" + organisation,
                                    a ? 201 : 200));
                    System.out.println("'" + organisation + "' " + (added ? "added to" : "updated in") + " '"
                            + initiative + "' with clearance " + tlp.label());
                    return 0;
                }
            }

            @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a member.")
            static final class RemoveMember implements Callable<Integer> {
                @Mixin StoreOptions store;
                @Parameters(index = "0", paramLabel = "INITIATIVE") String initiative;
                @Parameters(index = "1", paramLabel = "ORG") String organisation;

                @Override
                public Integer call() {
                    return change(store, "initiative member remove", s -> s.removeMember(initiative, organisation),
                            adminRequest("DELETE", "initiatives/" + initiative + "/members/" + organisation, 204),
                            "'" + organisation + "' removed from '" + initiative + "'",
                            "'" + organisation + "' is no member of '" + initiative + "'");
                }
            }
        }
    }

    // --- RED accounts ---------------------------------------------------------------------------------

    @Command(name = "red", mixinStandardHelpOptions = true,
            description = "The named accounts of TLP:RED collections: list, add, remove.",
            subcommands = {Red.ListCmd.class, Red.Add.class, Red.Remove.class})
    static final class Red implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The named accounts of every RED collection.")
        static final class ListCmd implements Callable<Integer> {
            @Mixin StoreOptions store;

            @Override
            public Integer call() {
                NetworkSnapshot n = withNetwork(store, NetworkStore::load);
                n.redAccounts().forEach((collection, accounts) ->
                        System.out.println(collection + "\taccounts=" + String.join(" ", accounts)));
                return 0;
            }
        }

        @Command(name = "add", mixinStandardHelpOptions = true, description = "Name an account on a RED collection.")
        static final class Add implements Callable<Integer> {
            @Mixin StoreOptions store;
            @Parameters(index = "0", paramLabel = "COLLECTION", description = "Collection id or alias") String collection;
            @Parameters(index = "1", paramLabel = "ACCOUNT") String account;

            @Override
            public Integer call() {
                audited(store, "red add", s -> s.addRedAccount(s.redCollection(collection), account),
                        a -> adminRequest("PUT", "collections/" + collection + "/red-accounts/" + account, a ? 201 : 200));
                System.out.println("'" + account + "' may use " + collection);
                return 0;
            }
        }

        @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take an account off a RED collection.")
        static final class Remove implements Callable<Integer> {
            @Mixin StoreOptions store;
            @Parameters(index = "0", paramLabel = "COLLECTION") String collection;
            @Parameters(index = "1", paramLabel = "ACCOUNT") String account;

            @Override
            public Integer call() {
                return change(store, "red remove", s -> s.removeRedAccount(s.redCollection(collection), account),
                        adminRequest("DELETE", "collections/" + collection + "/red-accounts/" + account, 204),
                        "'" + account + "' removed from " + collection, "'" + account + "' is not named on " + collection);
            }
        }
    }
}

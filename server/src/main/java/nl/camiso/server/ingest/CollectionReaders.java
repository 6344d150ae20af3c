package nl.camiso.server.ingest;

import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.stix.marking.Tlp;

import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who reads a collection, as far as the configuration says, and whether the readers of one
 * collection include all readers of another. Used to decide which references an ingested object
 * may make: a reference is visible to a collection's readers when the object sits in a collection
 * every one of them may read.
 *
 * <p>The readers follow the network's read rule (NETWORK.md, domain.md), and are counted
 * conservatively where the configuration leaves room:
 * <ul>
 *   <li>a public collection is read by everyone, anonymous included; a CLEAR one by every account;</li>
 *   <li>GREEN to AMBER+STRICT: the members of the owning initiative with at least that clearance;</li>
 *   <li>RED: the accounts in {@code red_accounts};</li>
 *   <li>plus the accounts with an explicit read grant on it in the configuration file, which count
 *       as covered only when the other collection grants them read too or their organisation reads it.</li>
 * </ul>
 * Admin accounts read everything and so never matter. Grants given later through the CLI are not
 * in the configuration and are not seen here.
 */
public final class CollectionReaders {

    /** The readers of one collection: everyone, every account, or named organisations and accounts. */
    record Readers(boolean anonymous, boolean allAccounts, Set<String> organisations, Set<String> accounts) {
    }

    private final Supplier<CamisoConfig> config;
    /** Answers for one configuration (ingest asks the same few questions for every object). */
    private volatile Answers answers = new Answers(null);

    private record Answers(CamisoConfig config, ConcurrentMap<String, Boolean> byQuestion) {
        Answers(CamisoConfig config) {
            this(config, new ConcurrentHashMap<>());
        }
    }

    public CollectionReaders(Supplier<CamisoConfig> config) {
        this.config = config;
    }

    /** Whether every reader of {@code inner} may also read {@code outer} (both of API root {@code apiRoot}). */
    public boolean readersInclude(String apiRoot, String outerId, String innerId) {
        CamisoConfig c = config.get();
        Answers a = answers;
        if (a.config() != c) {
            a = new Answers(c);
            answers = a;
        }
        return a.byQuestion().computeIfAbsent(apiRoot + '\n' + outerId + '\n' + innerId,
                k -> computeReadersInclude(c, apiRoot, outerId, innerId));
    }

    private static boolean computeReadersInclude(CamisoConfig c, String apiRoot, String outerId, String innerId) {
        Optional<ApiRootConfig> root = c.apiRoot(apiRoot);
        if (root.isEmpty()) {
            return false;
        }
        Optional<CollectionConfig> outer = root.get().collection(outerId);
        Optional<CollectionConfig> inner = root.get().collection(innerId);
        if (outer.isEmpty() || inner.isEmpty()) {
            return false;
        }
        if (outer.get().id().equals(inner.get().id())) {
            return true;
        }
        Readers o = readers(c, apiRoot, outer.get(), false);
        Readers i = readers(c, apiRoot, inner.get(), true);
        if (o.anonymous()) {
            return true;
        }
        if (i.anonymous()) {
            return false;
        }
        if (o.allAccounts()) {
            return true;
        }
        if (i.allAccounts()) {
            return false;
        }
        if (!o.organisations().containsAll(i.organisations())) {
            return false;
        }
        for (String account : i.accounts()) {
            String org = c.account(account).map(AccountConfig::organisation).orElse(null);
            if (!o.accounts().contains(account) && (org == null || !o.organisations().contains(org))) {
                return false;
            }
        }
        return true;
    }

    /** @param writtenTo true for the collection an object is written to, false for one referred to */
    private static Readers readers(CamisoConfig c, String apiRoot, CollectionConfig col, boolean writtenTo) {
        if (col.isPublic()) {
            return new Readers(true, true, Set.of(), Set.of());
        }
        if (col.tlp() == null) {
            // not configured: nobody is known to read it, so as a referred-to collection it covers nobody,
            // and as a written-to collection everyone must be covered
            return writtenTo ? new Readers(true, true, Set.of(), Set.of()) : new Readers(false, false, Set.of(), Set.of());
        }
        if (col.tlp() == Tlp.CLEAR) {
            return new Readers(false, true, Set.of(), Set.of());
        }
        Set<String> orgs = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        if (col.tlp() == Tlp.RED) {
            accounts.addAll(col.redAccounts());
        } else {
            Optional<InitiativeConfig> initiative = c.initiatives().stream()
                    .filter(i -> i.name().equals(col.initiative())).findFirst();
            if (initiative.isPresent()) {
                for (InitiativeConfig.Member m : initiative.get().members()) {
                    if (m.clearance() != null && !col.tlp().isStricterThan(m.clearance())) {
                        orgs.add(m.organisation());
                    }
                }
            }
        }
        for (AccountConfig a : c.accounts()) {
            boolean granted = a.grants().stream().anyMatch(g -> g.read() && apiRoot.equals(g.apiRoot())
                    && ("*".equals(g.collection()) || col.id().equalsIgnoreCase(g.collection())
                    || g.collection().equals(col.alias())));
            if (granted) {
                accounts.add(a.name());
            }
        }
        return new Readers(false, false, orgs, accounts);
    }
}

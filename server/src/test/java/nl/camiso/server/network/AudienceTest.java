package nl.camiso.server.network;

import nl.camiso.server.identity.Grant;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which collections of the sample network may hold what the readers of another one may see. */
class AudienceTest {

    static CamisoConfig config;
    static NetworkSnapshot network;

    @BeforeAll
    static void load() {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        config = ConfigLoader.load(samples.resolve("camiso.yaml"));
        network = NetworkSnapshot.fromConfig(config);
    }

    static boolean covers(String outer, String inner) {
        Optional<CollectionConfig> o = config.apiRoot("ndn").orElseThrow().collection(outer);
        Optional<CollectionConfig> i = config.apiRoot("ndn").orElseThrow().collection(inner);
        return o.isPresent() && i.isPresent() && network.audienceCovers("ndn", o.get(), i.get());
    }

    @Test
    void publicAndHubGreenCoverEveryNonPublicCollection() {
        for (String c : new String[]{"ndn-green", "ndn-amber", "ndn-red", "ndn-reports", "ferm-green", "ferm-reports",
                "isac-energie-amber-strict", "ddca-amber", "dtc-green"}) {
            assertTrue(covers("ndn-clear", c), c);
            assertTrue(covers("ndn-green", c), c);
        }
    }

    @Test
    void onlyAPublicCollectionCoversAPublicOne() {
        assertTrue(covers("ndn-clear", "ndn-clear"));
        assertFalse(covers("ndn-green", "ndn-clear"));
    }

    @Test
    void stricterLevelsOfAnInitiativeAreCoveredByItsLessStrictOnesNotTheOtherWay() {
        assertTrue(covers("ferm-green", "ferm-amber"));
        assertFalse(covers("ferm-amber", "ferm-green"));
        assertTrue(covers("isac-energie-amber", "isac-energie-amber-strict"));
        assertFalse(covers("isac-energie-amber-strict", "isac-energie-amber"));
        assertTrue(covers("ndn-amber", "ndn-reports"));
    }

    @Test
    void anotherInitiativeOrARedCollectionCoversNothingWider() {
        assertFalse(covers("ferm-green", "ndn-reports"));
        assertFalse(covers("ferm-reports", "ndn-reports"));
        assertFalse(covers("cyssec-green", "ferm-green"));
        assertFalse(covers("ndn-red", "ndn-amber"));
        assertFalse(covers("ndn-red", "ndn-green"));
        assertFalse(covers("no-such-collection", "ndn-green"));
    }

    @Test
    void anAccountWithAReadGrantIsAReaderTooAndMustBeCovered() {
        assertTrue(covers("ferm-green", "ferm-amber"));
        String fermAmber = config.apiRoot("ndn").orElseThrow().collection("ferm-amber").orElseThrow().id();
        Map<String, NetworkSnapshot.AccountEntry> accounts = new LinkedHashMap<>(network.accounts());
        accounts.put("audit-bot", new NetworkSnapshot.AccountEntry(null, List.of(new Grant("ndn", fermAmber, true, false))));
        NetworkSnapshot granted = new NetworkSnapshot(1, network.organisations(), network.initiatives(),
                network.redAccounts(), accounts);
        CollectionConfig green = config.apiRoot("ndn").orElseThrow().collection("ferm-green").orElseThrow();
        CollectionConfig amber = config.apiRoot("ndn").orElseThrow().collection("ferm-amber").orElseThrow();
        assertTrue(granted.mayRead("audit-bot", "ndn", amber));
        assertFalse(granted.mayRead("audit-bot", "ndn", green));
        assertFalse(granted.audienceCovers("ndn", green, amber), "the bot reads ferm-amber, not ferm-green");

        accounts.put("audit-bot", new NetworkSnapshot.AccountEntry(null, List.of(new Grant("ndn", Grant.ALL_COLLECTIONS, true, false))));
        NetworkSnapshot everywhere = new NetworkSnapshot(2, network.organisations(), network.initiatives(),
                network.redAccounts(), accounts);
        assertTrue(everywhere.audienceCovers("ndn", green, amber));
    }
}

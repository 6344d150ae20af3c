package nl.camiso.server.ingest;

import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which collections of the sample network may hold what the readers of another one may see. */
class CollectionReadersTest {

    static CollectionReaders readers;

    @BeforeAll
    static void load() {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        CamisoConfig config = ConfigLoader.load(samples.resolve("camiso.yaml"));
        readers = new CollectionReaders(() -> config);
    }

    static boolean covers(String outer, String inner) {
        return readers.readersInclude("ndn", outer, inner);
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
}

package nl.camiso.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Objects posted once per run (fresh ids) and shared by the read-only filter tests, so that the
 * many parameterised cases do not each post their own.
 */
final class Fixtures {

    static final String V1 = "2024-01-01T00:00:00.000Z";
    static final String V2 = "2024-02-01T00:00:00.000Z";
    static final String V3 = "2024-03-01T00:00:00.000Z";

    private static Fixtures instance;

    /** One indicator in three versions (one POST each, so each has its own date_added). */
    final String versioned = Stix.newId("indicator");
    final ObjectNode indicator = Stix.indicator();
    final ObjectNode malware = Stix.malware();
    final ObjectNode attackPattern = Stix.attackPattern();
    final ObjectNode marking = Stix.statementMarking();

    private Fixtures() {
    }

    static synchronized Fixtures get() {
        if (instance == null) {
            Fixtures f = new Fixtures();
            for (String version : List.of(V1, V2, V3)) {
                TaxiiTestBase.add(Stix.indicator(f.versioned, version));
            }
            TaxiiTestBase.add(f.indicator, f.malware, f.attackPattern, f.marking);
            instance = f;
        }
        return instance;
    }

    /** The ids of the single-version objects, comma-separated for match[id]. */
    String typedIds() {
        return String.join(",", TaxiiTestBase.idOf(indicator), TaxiiTestBase.idOf(malware),
                TaxiiTestBase.idOf(attackPattern));
    }
}

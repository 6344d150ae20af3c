package nl.camiso.server.network;

import nl.camiso.stix.marking.Tlp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One initiative: run by an organisation, with member organisations and their TLP clearance
 * (GREEN, AMBER or AMBER+STRICT).
 *
 * @param members organisation name to clearance, in the order added
 */
public record Initiative(String name, String title, String organisation, Map<String, Tlp> members) {

    public Initiative {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }
}

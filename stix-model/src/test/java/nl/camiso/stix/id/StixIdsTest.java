package nl.camiso.stix.id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StixIdsTest {

    @Test
    void versionFourIdsOfSdosAndSros() {
        assertTrue(StixIds.isUuidV4("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
        assertTrue(StixIds.isUuidV4("relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad"));
        assertTrue(StixIds.isUuidV4("x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a"));
        assertFalse(StixIds.isUuidV4("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"), "a v5");
        assertTrue(StixIds.isUuidV5("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"));
        assertFalse(StixIds.isUuidV4("indicator--8e2e2d2b-17d4-1cbf-938f-98ee46b3cd3f"), "a v1");
        assertEquals(OptionalInt.of(1), StixIds.uuidVersion("indicator--8e2e2d2b-17d4-1cbf-938f-98ee46b3cd3f"));
        assertFalse(StixIds.isUuidV4("indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f"), "not the RFC 4122 variant");
        assertFalse(StixIds.isUuidV4(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "indicator--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F",
            "x-acme-widget--8e2e2d2b-17d4-4cbf-b38f-98ee46b3cd3f",
            "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"})
    void valid(String id) {
        assertTrue(StixIds.isValid(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "indicator", "indicator--", "--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",           // uppercase type
            "indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",            // one dash
            "indicator---8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",          // type ends with a dash
            "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3",            // short
            "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3g",           // not hex
            "indicator--8e2e2d2b17d4-4cbf-938f-98ee46b3cd3ff",           // groups
            "indicator--00000000-0000-0000-0000-000000000000",           // nil UUID, version 0
            "indicator--8e2e2d2b-17d4-6cbf-938f-98ee46b3cd3f",           // version 6 is not RFC 4122
            "indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f"})          // Microsoft variant
    void invalid(String id) {
        assertFalse(StixIds.isValid(id), id);
    }

    @Test
    void typeAndPrefix() {
        assertEquals("x-acme-widget", StixIds.typeOf("x-acme-widget--8e2e2d2b-17d4-4cbf-b38f-98ee46b3cd3f"));
        assertNull(StixIds.typeOf("nope"));
        assertTrue(StixIds.isValidFor("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "indicator"));
        assertFalse(StixIds.isValidFor("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "malware"));
        assertEquals("8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", StixIds.uuidOf("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f").toString());
        assertThrows(IllegalArgumentException.class, () -> StixIds.uuidOf("bad"));
    }

    @Test
    void newRandomIdsAreValidVersionFour() {
        String id = StixIds.newRandomId("indicator");
        assertTrue(StixIds.isValidFor(id, "indicator"));
        assertTrue(StixIds.isUuidV4(id));
        assertFalse(id.equals(StixIds.newRandomId("indicator")));
        assertThrows(IllegalArgumentException.class, () -> StixIds.newRandomId("Bad Type"));
    }
}

package nl.camiso.taxii.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaxiiMediaTypesTest {

    @Test
    void accept() {
        assertTrue(TaxiiMediaTypes.acceptable(null));
        assertTrue(TaxiiMediaTypes.acceptable(""));
        assertTrue(TaxiiMediaTypes.acceptable("application/taxii+json;version=2.1;charset=utf-8"));
        assertTrue(TaxiiMediaTypes.acceptable("application/xml, application/taxii+json"));
        assertFalse(TaxiiMediaTypes.acceptable("application/taxii+json;version=2.1;q=0"));
        assertFalse(TaxiiMediaTypes.acceptable("application/taxii+json;version"));
        assertFalse(TaxiiMediaTypes.acceptable("application/vnd.oasis.stix+json"));
        assertFalse(TaxiiMediaTypes.acceptable("text/*"));
    }

    @Test
    void contentType() {
        assertTrue(TaxiiMediaTypes.acceptableContentType("application/taxii+json;version=2.1"));
        assertTrue(TaxiiMediaTypes.acceptableContentType("application/taxii+json"));
        assertFalse(TaxiiMediaTypes.acceptableContentType(null));
        assertFalse(TaxiiMediaTypes.acceptableContentType("*/*"));
        assertFalse(TaxiiMediaTypes.acceptableContentType("application/taxii+json;version=2.0"));
        // beyond the letter: what python-stix2, OpenCTI and plain HTTP tools send
        assertTrue(TaxiiMediaTypes.acceptableContentType("application/stix+json;version=2.1"));
        assertTrue(TaxiiMediaTypes.acceptableContentType("application/stix+json"));
        assertTrue(TaxiiMediaTypes.acceptableContentType("application/json; charset=utf-8"));
        assertFalse(TaxiiMediaTypes.acceptableContentType("application/stix+json;version=2.0"));
        assertFalse(TaxiiMediaTypes.acceptableContentType("application/json;version=2.0"));
        assertFalse(TaxiiMediaTypes.acceptableContentType("application/taxii+json, application/json"));
    }
}

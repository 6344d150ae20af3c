package nl.camiso.conformance.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopePageTest {

    static EnvelopePage of(String json) throws IOException {
        return EnvelopePage.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsTheObjectsAndReadsMoreAndNext() throws IOException {
        assertEquals(new EnvelopePage(2, true, "abc"), of("""
                {"more":true,"next":"abc","objects":[{"id":"a","x":{"objects":[1,2]}},{"id":"b","list":[{},{}]}]}"""));
        assertEquals(new EnvelopePage(1, false, null), of("{\"objects\":[{\"id\":\"a\"}],\"more\":false}"));
        assertEquals(new EnvelopePage(0, false, null), of("{}"));
    }

    @Test
    void aPageThatIsNotAnEnvelopeFails() {
        assertThrows(IOException.class, () -> of("[1,2]"));
        assertThrows(IOException.class, () -> of("{\"objects\":[{\"id\":\"a\"}"));
    }
}

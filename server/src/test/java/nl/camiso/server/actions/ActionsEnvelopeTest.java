package nl.camiso.server.actions;

import nl.camiso.server.actions.ActionsEnvelope.Action;
import nl.camiso.server.actions.ObjectGraph.Found;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionsEnvelopeTest {

    static Found f(String json) throws Exception {
        return new Found("c", StixObject.of(StixJson.parse(json)), json.getBytes());
    }

    @Test
    void dutchTextComesRightAfterItsCourseOfActionAndCoursesWithDutchFirst() throws Exception {
        Found ind = f("{\"type\":\"indicator\",\"id\":\"indicator--1\"}");
        Found coaEn = f("{\"type\":\"course-of-action\",\"id\":\"course-of-action--en\"}");
        Found coaNl = f("{\"type\":\"course-of-action\",\"id\":\"course-of-action--nl\"}");
        Found relEn = f("{\"type\":\"relationship\",\"id\":\"relationship--en\"}");
        Found relNl = f("{\"type\":\"relationship\",\"id\":\"relationship--nl\"}");
        Found de = f("{\"type\":\"language-content\",\"id\":\"language-content--de\",\"contents\":{\"de\":{}}}");
        Found nl = f("{\"type\":\"language-content\",\"id\":\"language-content--nl\",\"contents\":{\"nl-NL\":{}}}");
        Found noteEn = f("{\"type\":\"note\",\"id\":\"note--en\",\"lang\":\"en\"}");
        Found noteNl = f("{\"type\":\"note\",\"id\":\"note--nl\",\"lang\":\"nl\"}");
        List<Action> actions = List.of(new Action(coaEn, List.of(relEn), List.of()),
                new Action(coaNl, List.of(relNl), List.of(de, nl)));

        ActionsEnvelope.Ordered plain = ActionsEnvelope.order(ind, actions, List.of(noteEn, noteNl), null);
        assertEquals(List.of("indicator--1", "course-of-action--en", "course-of-action--nl", "language-content--de",
                "language-content--nl", "relationship--en", "relationship--nl", "note--en", "note--nl"), ids(plain));
        assertFalse(plain.hasLanguage());

        ActionsEnvelope.Ordered dutch = ActionsEnvelope.order(ind, actions, List.of(noteEn, noteNl), "nl");
        assertEquals(List.of("indicator--1", "course-of-action--nl", "language-content--nl", "language-content--de",
                "course-of-action--en", "relationship--nl", "relationship--en", "note--nl", "note--en"), ids(dutch));
        assertTrue(dutch.hasLanguage());
        assertFalse(ActionsEnvelope.order(ind, actions, List.of(), "fr").hasLanguage());
    }

    static List<String> ids(ActionsEnvelope.Ordered o) {
        return o.objects().stream().map(x -> x.object().id()).toList();
    }

    @Test
    void languageFromParameterOrAcceptLanguage() {
        assertEquals("nl", ActionsEnvelope.requestedLanguage("nl", "en"));
        assertEquals("nl", ActionsEnvelope.requestedLanguage(null, "nl-NL,en;q=0.8"));
        assertEquals("nl", ActionsEnvelope.requestedLanguage(null, "en;q=0.3, nl;q=0.9, *"));
        assertEquals("en", ActionsEnvelope.requestedLanguage("", "en"));
        assertNull(ActionsEnvelope.requestedLanguage(null, "nl;q=0"));
        assertNull(ActionsEnvelope.requestedLanguage(null, null));
        assertThrows(IllegalArgumentException.class, () -> ActionsEnvelope.requestedLanguage("nl'; drop", null));
    }
}

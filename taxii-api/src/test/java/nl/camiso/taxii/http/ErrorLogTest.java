package nl.camiso.taxii.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unexpected errors: one line each with the id the client gets, the stack trace once per kind. */
class ErrorLogTest {

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Logger jul = Logger.getLogger(ErrorLog.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void attach() {
        jul.addHandler(capture);
    }

    @AfterEach
    void detach() {
        jul.removeHandler(capture);
    }

    /** The same failure, thrown from one place, as a flood of requests would cause it. */
    static RuntimeException failure(String detail) {
        return new IllegalStateException("database refused: " + detail, new java.sql.SQLException("invalid byte 0x00"));
    }

    @Test
    void theStackTraceIsLoggedOnceAFloodIsOneLineEach() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // thrown from this one line: a kind no other test logs (the remembered kinds are global)
            ids.add(ErrorLog.unexpected(new IllegalStateException("request " + i + "\nsecond line", new java.sql.SQLException("0x00"))));
        }
        assertEquals(50, records.size());
        assertEquals(50, ids.stream().distinct().count(), "an id per request");
        assertNotNull(records.get(0).getThrown(), "the first carries the stack trace");
        for (int i = 0; i < 50; i++) {
            LogRecord r = records.get(i);
            assertTrue(r.getMessage().contains(ids.get(i)), "the line names the id the client got");
            assertFalse(r.getMessage().contains("\n"), "one line: " + r.getMessage());
            if (i > 0) {
                assertNull(r.getThrown(), "no second stack trace for the same kind");
            }
        }
    }

    @Test
    void anotherKindOfFailureGetsItsOwnStackTrace() {
        ErrorLog.unexpected(failure("x"));
        ErrorLog.unexpected(new UnsupportedOperationException("elsewhere"));
        LogRecord other = records.get(records.size() - 1);
        assertNotNull(other.getThrown());
        assertNotEquals(ErrorLog.kind(failure("x")), ErrorLog.kind(new UnsupportedOperationException()));
    }
}

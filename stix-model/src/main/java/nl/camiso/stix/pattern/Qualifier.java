package nl.camiso.stix.pattern;

import java.math.BigDecimal;
import java.util.Objects;

/** Observation expression qualifiers (§9.5.1). */
public sealed interface Qualifier {

    /** {@code WITHIN seconds SECONDS}; seconds is a positive integer or float. */
    record Within(BigDecimal seconds) implements Qualifier {
        public Within {
            Objects.requireNonNull(seconds, "seconds == null");
            if (seconds.signum() <= 0) {
                throw new IllegalArgumentException("WITHIN needs a positive number of seconds");
            }
        }
    }

    /** {@code REPEATS times TIMES}; times is a positive integer. */
    record Repeats(long times) implements Qualifier {
        public Repeats {
            if (times <= 0) {
                throw new IllegalArgumentException("REPEATS needs a positive integer");
            }
        }
    }

    /** {@code START t'..' STOP t'..'}: observation time &gt;= start and &lt; stop. */
    record StartStop(Literal.TimestampLiteral start, Literal.TimestampLiteral stop) implements Qualifier {
        public StartStop {
            Objects.requireNonNull(start, "start == null");
            Objects.requireNonNull(stop, "stop == null");
        }
    }
}

package nl.camiso.stix.pattern;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import nl.camiso.stix.StixTimestamp;

/** Pattern constants (§9.2), and the set of constants an IN takes. */
public sealed interface Literal {

    /** This constant written as pattern text. */
    default String toPatternString() {
        StringBuilder out = new StringBuilder();
        PatternWriter.write(this, out);
        return out.toString();
    }

    /** {@code 'text'}; the value is unescaped ({@code \'} and {@code \\} already resolved). */
    record StringLiteral(String value) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value, "value == null");
        }
    }

    /** An integer within the STIX integer range (§2.12: ±(2^53−1)). */
    record IntegerLiteral(long value) implements Literal {
    }

    /** A float, kept exactly as written ({@code 7.0} stays {@code 7.0}). */
    record FloatLiteral(BigDecimal value) implements Literal {
        public FloatLiteral {
            Objects.requireNonNull(value, "value == null");
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanLiteral(boolean value) implements Literal {
    }

    /** {@code h'..'}: an even number of lowercase hex digits. */
    record HexLiteral(String hex) implements Literal {
        public HexLiteral {
            Objects.requireNonNull(hex, "hex == null");
        }

        public byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }
    }

    /** {@code b'..'}: base64 as written (line feeds, which the spec says to ignore, included). */
    record BinaryLiteral(String base64) implements Literal {
        public BinaryLiteral {
            Objects.requireNonNull(base64, "base64 == null");
        }

        public byte[] bytes() {
            return Base64.getMimeDecoder().decode(base64);
        }
    }

    /** {@code t'..'}: a STIX timestamp, text as written. */
    record TimestampLiteral(String text) implements Literal {
        public TimestampLiteral {
            Objects.requireNonNull(text, "text == null");
        }

        public StixTimestamp timestamp() {
            return StixTimestamp.parse(text);
        }
    }

    /** {@code (a, b, ...)}, the operand of IN: constants of one kind. */
    record SetLiteral(List<Literal> elements) implements Literal {
        public SetLiteral {
            elements = List.copyOf(elements);
        }
    }
}

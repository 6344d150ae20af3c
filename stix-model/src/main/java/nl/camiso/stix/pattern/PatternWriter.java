package nl.camiso.stix.pattern;

import java.util.List;

/**
 * Writes syntax trees back as canonical pattern text: single spaces, {@code =} and {@code !=},
 * property names quoted only when needed, parentheses only where the tree needs them. Parsing the
 * output gives an equal tree.
 */
final class PatternWriter {

    private PatternWriter() {
        // No instances.
    }

    static void write(ObservationExpression expression, StringBuilder out) {
        if (expression instanceof Observation o) {
            out.append('[');
            write(o.comparison(), out);
            out.append(']');
        } else if (expression instanceof ObservationOperation op) {
            for (int i = 0; i < op.operands().size(); i++) {
                if (i > 0) {
                    out.append(' ').append(op.operator().name()).append(' ');
                }
                writeOperand(op.operands().get(i), op.operator().precedence(), out);
            }
        } else if (expression instanceof QualifiedObservation q) {
            // qualifiers bind tighter than any operator: an operation inside needs parentheses
            boolean parens = q.expression() instanceof ObservationOperation;
            if (parens) {
                out.append('(');
            }
            write(q.expression(), out);
            if (parens) {
                out.append(')');
            }
            for (Qualifier qualifier : q.qualifiers()) {
                out.append(' ');
                write(qualifier, out);
            }
        }
    }

    /** An operand operation of the same operator was parenthesised (else it would be flat): keep them. */
    private static void writeOperand(ObservationExpression operand, int parentPrecedence, StringBuilder out) {
        boolean parens = operand instanceof ObservationOperation op && op.operator().precedence() <= parentPrecedence;
        if (parens) {
            out.append('(');
        }
        write(operand, out);
        if (parens) {
            out.append(')');
        }
    }

    static void write(Qualifier qualifier, StringBuilder out) {
        if (qualifier instanceof Qualifier.Within w) {
            out.append("WITHIN ").append(w.seconds().toPlainString()).append(" SECONDS");
        } else if (qualifier instanceof Qualifier.Repeats r) {
            out.append("REPEATS ").append(r.times()).append(" TIMES");
        } else if (qualifier instanceof Qualifier.StartStop s) {
            out.append("START ");
            write(s.start(), out);
            out.append(" STOP ");
            write(s.stop(), out);
        }
    }

    static void write(ComparisonExpression expression, StringBuilder out) {
        if (expression instanceof Comparison c) {
            write(c.path(), out);
            out.append(' ');
            if (c.negated()) {
                out.append("NOT ");
            }
            out.append(c.operator().symbol()).append(' ');
            write(c.value(), out);
        } else if (expression instanceof Exists e) {
            if (e.negated()) {
                out.append("NOT ");
            }
            out.append("EXISTS ");
            write(e.path(), out);
        } else if (expression instanceof ComparisonOperation op) {
            for (int i = 0; i < op.operands().size(); i++) {
                if (i > 0) {
                    out.append(' ').append(op.operator().name()).append(' ');
                }
                writeOperand(op.operands().get(i), op.operator().precedence(), out);
            }
        }
    }

    private static void writeOperand(ComparisonExpression operand, int parentPrecedence, StringBuilder out) {
        boolean parens = operand instanceof ComparisonOperation op && op.operator().precedence() <= parentPrecedence;
        if (parens) {
            out.append('(');
        }
        write(operand, out);
        if (parens) {
            out.append(')');
        }
    }

    static void write(ObjectPath path, StringBuilder out) {
        out.append(path.objectType()).append(':');
        writeSteps(path.steps(), out);
    }

    static void writeSteps(List<PathStep> steps, StringBuilder out) {
        boolean first = true;
        for (PathStep step : steps) {
            if (step instanceof PathStep.Property p) {
                if (!first) {
                    out.append('.');
                }
                if (isBareName(p.name())) {
                    out.append(p.name());
                } else {
                    writeString(p.name(), out);
                }
            } else if (step instanceof PathStep.Index i) {
                out.append('[').append(i.index()).append(']');
            } else {
                out.append("[*]");
            }
            first = false;
        }
    }

    /** A name that needs no quotes: {@code [A-Za-z_][A-Za-z0-9_]*} and not a keyword. */
    static boolean isBareName(String name) {
        if (name.isEmpty() || !PatternLexer.isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || !PatternLexer.isIdentifierPart(c)) {
                return false;
            }
        }
        return Keyword.exact(name) == null && !name.equals("true") && !name.equals("false");
    }

    static void write(Literal literal, StringBuilder out) {
        if (literal instanceof Literal.StringLiteral s) {
            writeString(s.value(), out);
        } else if (literal instanceof Literal.IntegerLiteral i) {
            out.append(i.value());
        } else if (literal instanceof Literal.FloatLiteral f) {
            out.append(f.value().toPlainString());
        } else if (literal instanceof Literal.BooleanLiteral b) {
            out.append(b.value());
        } else if (literal instanceof Literal.HexLiteral h) {
            out.append("h'").append(h.hex()).append('\'');
        } else if (literal instanceof Literal.BinaryLiteral b) {
            out.append("b'").append(b.base64()).append('\'');
        } else if (literal instanceof Literal.TimestampLiteral t) {
            out.append("t'").append(t.text()).append('\'');
        } else if (literal instanceof Literal.SetLiteral set) {
            out.append('(');
            for (int i = 0; i < set.elements().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(set.elements().get(i), out);
            }
            out.append(')');
        }
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('\'');
    }
}

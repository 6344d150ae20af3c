package nl.camiso.stix.pattern;

import java.util.List;
import java.util.Objects;

/**
 * Two or more observation expressions joined by one operator (§9.5.2):
 * {@code [a] AND [b] AND [c]} is one node with three operands, so long chains do not make a deep
 * tree. An operand that is itself an operation was written in parentheses:
 * {@code ([a] OR [b]) OR [c]} keeps its grouping.
 */
public record ObservationOperation(ObservationOperator operator, List<ObservationExpression> operands)
        implements ObservationExpression {

    public ObservationOperation {
        Objects.requireNonNull(operator, "operator == null");
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("an operation needs at least two operands");
        }
    }

    /** Convenience for two operands. */
    public ObservationOperation(ObservationOperator operator, ObservationExpression left, ObservationExpression right) {
        this(operator, List.of(left, right));
    }
}

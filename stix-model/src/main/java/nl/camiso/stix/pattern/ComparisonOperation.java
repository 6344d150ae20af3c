package nl.camiso.stix.pattern;

import java.util.List;
import java.util.Objects;

/**
 * Two or more comparison expressions joined by AND or OR: {@code a OR b OR c} is one node with three
 * operands. An operand that is itself an operation was written in parentheses.
 */
public record ComparisonOperation(BooleanOperator operator, List<ComparisonExpression> operands)
        implements ComparisonExpression {

    public ComparisonOperation {
        Objects.requireNonNull(operator, "operator == null");
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("an operation needs at least two operands");
        }
    }

    /** Convenience for two operands. */
    public ComparisonOperation(BooleanOperator operator, ComparisonExpression left, ComparisonExpression right) {
        this(operator, List.of(left, right));
    }
}

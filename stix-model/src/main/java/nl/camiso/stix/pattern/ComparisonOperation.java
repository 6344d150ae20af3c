package nl.camiso.stix.pattern;

import java.util.Objects;

/** {@code left AND right} or {@code left OR right} between comparison expressions; left-associative. */
public record ComparisonOperation(BooleanOperator operator, ComparisonExpression left, ComparisonExpression right)
        implements ComparisonExpression {

    public ComparisonOperation {
        Objects.requireNonNull(operator, "operator == null");
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
    }
}

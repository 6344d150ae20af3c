package nl.camiso.stix.pattern;

import java.util.Objects;

/**
 * {@code path [NOT] operator constant} (§9.6.1). For {@link ComparisonOperator#IN} the value is a
 * {@link Literal.SetLiteral}; otherwise it is a single constant.
 */
public record Comparison(ObjectPath path, boolean negated, ComparisonOperator operator, Literal value)
        implements ComparisonExpression {

    public Comparison {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(operator, "operator == null");
        Objects.requireNonNull(value, "value == null");
        if ((operator == ComparisonOperator.IN) != (value instanceof Literal.SetLiteral)) {
            throw new IllegalArgumentException("IN takes a set, other operators a single constant");
        }
    }
}

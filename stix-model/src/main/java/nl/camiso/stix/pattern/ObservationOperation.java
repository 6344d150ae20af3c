package nl.camiso.stix.pattern;

import java.util.Objects;

/**
 * {@code left OPERATOR right} between observation expressions (§9.5.2). Chains are left-associative:
 * {@code [a] AND [b] AND [c]} is {@code ([a] AND [b]) AND [c]}.
 */
public record ObservationOperation(ObservationOperator operator, ObservationExpression left, ObservationExpression right)
        implements ObservationExpression {

    public ObservationOperation {
        Objects.requireNonNull(operator, "operator == null");
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
    }
}

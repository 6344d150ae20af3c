package nl.camiso.stix.pattern;

import java.util.List;
import java.util.Objects;

/**
 * An observation expression followed by its qualifiers, in the order written (§9.5.1).
 *
 * <p>The expression is never itself a {@code QualifiedObservation}: {@code ([a] WITHIN 5 SECONDS)
 * REPEATS 2 TIMES} and {@code [a] WITHIN 5 SECONDS REPEATS 2 TIMES} mean the same (a qualifier applies
 * to "an Observation Expression or a preceding Qualifier") and give the same tree. Parentheses around
 * a single observation expression therefore do not start a new one, and the rule "no more than one
 * qualifier of a type" is checked over the whole list. Parentheses around an AND/OR/FOLLOWEDBY do
 * start a new one: {@code ([a] AND [b] WITHIN 5 SECONDS) WITHIN 60 SECONDS} is valid.
 */
public record QualifiedObservation(ObservationExpression expression, List<Qualifier> qualifiers)
        implements ObservationExpression {

    public QualifiedObservation {
        Objects.requireNonNull(expression, "expression == null");
        if (expression instanceof QualifiedObservation) {
            throw new IllegalArgumentException("qualifiers must be merged into one list");
        }
        qualifiers = List.copyOf(qualifiers);
        if (qualifiers.isEmpty()) {
            throw new IllegalArgumentException("qualifiers is empty");
        }
    }
}

package nl.camiso.stix.pattern;

import java.util.Objects;

/** {@code [NOT] EXISTS path} (§9.6.1): the property is present on the object. */
public record Exists(ObjectPath path, boolean negated) implements ComparisonExpression {

    public Exists {
        Objects.requireNonNull(path, "path == null");
    }
}

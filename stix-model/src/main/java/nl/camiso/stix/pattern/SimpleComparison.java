package nl.camiso.stix.pattern;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code object-type:property-path [NOT] operator constant} of a pattern, flattened for exports:
 * {@code [file:hashes.'SHA-256' = '...']} gives objectType {@code file}, propertyPath
 * {@code hashes.'SHA-256'}, operator EQUAL and a {@link Literal.StringLiteral}.
 */
public record SimpleComparison(String objectType, String propertyPath, boolean negated, ComparisonOperator operator,
        Literal value, ObjectPath path) {

    public SimpleComparison {
        Objects.requireNonNull(objectType, "objectType == null");
        Objects.requireNonNull(propertyPath, "propertyPath == null");
        Objects.requireNonNull(operator, "operator == null");
        Objects.requireNonNull(value, "value == null");
        Objects.requireNonNull(path, "path == null");
    }

    static SimpleComparison of(Comparison c) {
        return new SimpleComparison(c.path().objectType(), c.path().propertyPath(), c.negated(), c.operator(),
                c.value(), c.path());
    }

    /** The string constant, when the constant is a string. */
    public Optional<String> stringValue() {
        return value instanceof Literal.StringLiteral s ? Optional.of(s.value()) : Optional.empty();
    }

    /**
     * For a path ending in {@code hashes.<key>} with a hash-algorithm-ov key (matched ignoring case,
     * '-' and '_'), the vocabulary name: {@code MD5}, {@code SHA-1}, {@code SHA-256}, {@code SHA-512},
     * {@code SHA3-256}, {@code SHA3-512}, {@code SSDEEP}, {@code TLSH}.
     */
    public Optional<String> hashAlgorithm() {
        HashAlgorithms.Algorithm a = HashAlgorithms.ofPath(path);
        return a == null ? Optional.empty() : Optional.of(a.canonicalName());
    }
}

package nl.camiso.stix.pattern;

import java.util.List;
import java.util.Objects;

/**
 * {@code object-type:property(.name|.'name'|[n]|[*])*} (§9.7). The first step is always a
 * {@link PathStep.Property}.
 */
public record ObjectPath(String objectType, List<PathStep> steps) {

    public ObjectPath {
        Objects.requireNonNull(objectType, "objectType == null");
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(0) instanceof PathStep.Property)) {
            throw new IllegalArgumentException("an object path starts with a property name");
        }
    }

    /** The part after the colon, canonically quoted: {@code value}, {@code hashes.'SHA-256'}. */
    public String propertyPath() {
        StringBuilder out = new StringBuilder();
        PatternWriter.writeSteps(steps, out);
        return out.toString();
    }

    /** The whole path: {@code file:hashes.'SHA-256'}. */
    public String toPatternString() {
        return objectType + ':' + propertyPath();
    }

    /** Whether the path is exactly {@code objectType:name1.name2...} (property steps only). */
    public boolean is(String type, String... names) {
        if (!objectType.equals(type) || steps.size() != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!(steps.get(i) instanceof PathStep.Property p) || !p.name().equals(names[i])) {
                return false;
            }
        }
        return true;
    }
}

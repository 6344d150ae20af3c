package nl.camiso.stix.pattern;

import java.util.Objects;

/** One step of an object path after the object type (§9.7). */
public sealed interface PathStep {

    /** A property name or dictionary key: {@code .name} or {@code .'quoted-name'}. */
    record Property(String name) implements PathStep {
        public Property {
            Objects.requireNonNull(name, "name == null");
        }
    }

    /** A list index {@code [n]}, n &gt;= 0. */
    record Index(int index) implements PathStep {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("negative list index");
            }
        }
    }

    /** {@code [*]}: any item of the list. */
    record AnyIndex() implements PathStep {
    }
}

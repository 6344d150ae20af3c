package nl.camiso.stix.validation;

import java.util.Set;

/**
 * One property of a STIX type as data: its kind, and for some kinds the allowed reference target
 * types, the vocabulary or the integer range. {@link ObjectCheck} interprets it.
 */
record Prop(String name, Kind kind, Targets targets, Set<String> vocab, long min, long max) {

    enum Kind {
        STRING, BOOLEAN, INTEGER, FLOAT, TIMESTAMP, STRING_LIST, REF, REF_LIST,
        /** open vocabulary (warning on mismatch) */
        OPEN_VOCAB, OPEN_VOCAB_LIST,
        /** enumeration (error on mismatch) */
        ENUM, ENUM_LIST,
        HASHES, DICTIONARY, OBJECT, OBJECT_LIST, KILL_CHAIN_PHASES, EXTERNAL_REFERENCES, GRANULAR_MARKINGS,
        EXTENSIONS, LANGUAGE, BINARY, HEX
    }

    static Prop of(String name, Kind kind) {
        return new Prop(name, kind, null, null, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Prop str(String name) {
        return of(name, Kind.STRING);
    }

    static Prop bool(String name) {
        return of(name, Kind.BOOLEAN);
    }

    static Prop ts(String name) {
        return of(name, Kind.TIMESTAMP);
    }

    static Prop strings(String name) {
        return of(name, Kind.STRING_LIST);
    }

    static Prop integer(String name, long min, long max) {
        return new Prop(name, Kind.INTEGER, null, null, min, max);
    }

    static Prop integer(String name) {
        return integer(name, -(1L << 53) + 1, (1L << 53) - 1);
    }

    static Prop ref(String name, Targets targets) {
        return new Prop(name, Kind.REF, targets, null, 0, 0);
    }

    static Prop refs(String name, Targets targets) {
        return new Prop(name, Kind.REF_LIST, targets, null, 0, 0);
    }

    static Prop ov(String name, Set<String> vocab) {
        return new Prop(name, Kind.OPEN_VOCAB, null, vocab, 0, 0);
    }

    static Prop ovList(String name, Set<String> vocab) {
        return new Prop(name, Kind.OPEN_VOCAB_LIST, null, vocab, 0, 0);
    }

    static Prop enumeration(String name, Set<String> values) {
        return new Prop(name, Kind.ENUM, null, values, 0, 0);
    }

    static Prop enumList(String name, Set<String> values) {
        return new Prop(name, Kind.ENUM_LIST, null, values, 0, 0);
    }

    /** Which object types a reference may point to. */
    record Targets(Set<String> types, boolean anySdo, boolean anySco, String description) {

        static Targets types(String... types) {
            return new Targets(Set.of(types), false, false, String.join(", ", types));
        }

        static final Targets ANY = new Targets(Set.of(), true, true, "any STIX object");
        static final Targets SDO = new Targets(Set.of(), true, false, "an SDO");
        static final Targets SCO = new Targets(Set.of(), false, true, "an SCO");
        static final Targets SDO_OR_SCO = new Targets(Set.of(), true, true, "an SDO or SCO");

        /**
         * Whether a reference to {@code type} is allowed. Custom types (not in the spec) are accepted
         * wherever "an SDO" or "an SCO" is, since we cannot know which kind they are.
         */
        boolean allows(String type, boolean isSdo, boolean isSco, boolean isStandard) {
            if (types.contains(type)) {
                return true;
            }
            if (anySdo && anySco && this == ANY) {
                return !"bundle".equals(type);
            }
            return (anySdo && isSdo) || (anySco && isSco) || ((anySdo || anySco) && !isStandard && !"bundle".equals(type));
        }
    }
}

package nl.camiso.stix.validation;

/** A JSON path inside one object, built into text only when an issue is reported: the walk visits every value. */
record Loc(Loc parent, String key, int index) {

    static Loc of(String property) {
        return new Loc(null, property, -1);
    }

    Loc key(String k) {
        return new Loc(this, k, -1);
    }

    Loc at(int i) {
        return new Loc(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent != null) {
            parent.append(sb);
        }
        if (key == null) {
            sb.append('[').append(index).append(']');
        } else {
            if (parent != null) {
                sb.append('.');
            }
            sb.append(key);
        }
    }
}

package nl.camiso.stix.validation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One STIX 2.1 type as data, an entry of the {@link TypeTable}: its category, its properties
 * (common ones included, per the applicability table of §3.2) with their kinds, the required
 * ones, for SCOs the ID contributing properties, the subject references and the rules that tie
 * its properties together.
 */
public final class TypeSpec {

    /** The spec's object categories; marking definitions, language content and extension definitions are META. */
    public enum Category { SDO, SRO, SCO, META }

    private final String type;
    private final Category category;
    private final Map<String, Prop> props;
    private final Set<String> required;
    private final List<String> idContributing;
    private final List<String> subjectRefs;
    private final List<TypeRule> rules;

    TypeSpec(String type, Category category, Map<String, Prop> props, Set<String> required,
             List<String> idContributing, List<String> subjectRefs, List<TypeRule> rules) {
        this.type = type;
        this.category = category;
        this.props = props;
        this.required = required;
        this.idContributing = idContributing;
        this.subjectRefs = subjectRefs;
        this.rules = rules;
    }

    public String type() {
        return type;
    }

    public Category category() {
        return category;
    }

    /** Names of the properties this type defines, common ones included, in table order. */
    public Set<String> propertyNames() {
        return props.keySet();
    }

    public Set<String> required() {
        return required;
    }

    /**
     * For SCOs the ID contributing properties (§6), in the spec's order: the deterministic id is
     * a UUIDv5 over those present; when none is (always, for a type that has none) the id must
     * be a UUIDv4. Empty for other categories.
     */
    public List<String> idContributing() {
        return idContributing;
    }

    /**
     * The references that say what the object is about (the ends of a relationship, what a
     * sighting saw, what a note or report discusses, what a translation translates). The server
     * indexes them backwards ("who refers to X"). Empty for most types.
     */
    public List<String> subjectRefs() {
        return subjectRefs;
    }

    Map<String, Prop> props() {
        return props;
    }

    List<TypeRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return category + " " + type;
    }

    /** A rule of one type that spans several of its properties; reports through the object's check. */
    @FunctionalInterface
    interface TypeRule {
        void check(ObjectCheck object);
    }
}

package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Checks STIX 2.1 content against every MUST of the specification (errors) and its SHOULDs and
 * vocabularies (warnings). Stateless and thread-safe.
 *
 * <p>TODO(foundation issue): the rules. This stub accepts everything.
 */
public final class StixValidator {

    public StixValidator() {
    }

    /** Validates one STIX object (not a bundle). */
    public ValidationReport validateObject(JsonNode object) {
        return new ValidationReport(List.of());
    }

    /**
     * Validates a bundle, a single object, or a JSON array of objects; a bundle's objects are each
     * validated as objects.
     */
    public ValidationReport validate(JsonNode content) {
        return new ValidationReport(List.of());
    }
}

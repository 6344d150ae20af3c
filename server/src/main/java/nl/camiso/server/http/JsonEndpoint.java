package nl.camiso.server.http;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (or a method) beside TAXII that answers JSON: {@link JsonNegotiationFilter}
 * checks {@code Accept} and a body's {@code Content-Type} for it before the resource runs, the way
 * taxii-api's {@code @TaxiiEndpoint} does for TAXII.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface JsonEndpoint {

    /** How a 406 names the endpoint, e.g. "The administration API". */
    String value() default "This endpoint";
}

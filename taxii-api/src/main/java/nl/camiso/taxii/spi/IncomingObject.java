package nl.camiso.taxii.spi;

import nl.camiso.stix.StixObject;

/**
 * A valid object from a POSTed envelope, ready to store.
 *
 * @param json    its exact JSON text (UTF-8) as it will be served back
 * @param message a warning from the access policy for the status {@code successes[].message}, or null;
 *                stores should persist it with the success entry
 */
public record IncomingObject(StixObject object, byte[] json, String message) {

    public IncomingObject(StixObject object, byte[] json) {
        this(object, json, null);
    }
}

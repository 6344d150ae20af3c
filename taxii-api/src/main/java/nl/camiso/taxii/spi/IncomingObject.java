package nl.camiso.taxii.spi;

import nl.camiso.stix.StixObject;

/**
 * A valid object from a POSTed envelope, ready to store.
 *
 * @param json its exact JSON text (UTF-8) as it will be served back
 */
public record IncomingObject(StixObject object, byte[] json) {
}

/**
 * Authentication: the request filter that turns Basic, bearer JWT, feed keys or nothing into a
 * principal; token issuing and verification. A server that cannot check credentials answers 503, never
 * 401.
 */
package nl.camiso.server.auth;

/**
 * The HTTP endpoint on Grizzly: strict request parsing, the request-target guard, JSON error pages
 * and TLS.
 */
package nl.camiso.server.http;

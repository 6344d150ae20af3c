/**
 * CAMISO's extension endpoints under an API root: courses of action for an object, release of
 * sanitised copies, and release consent.
 */
package nl.camiso.server.actions;

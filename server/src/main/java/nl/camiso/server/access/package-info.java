/**
 * Authorization: {@link nl.camiso.server.access.ServerAuthorizer} decides every operation for every
 * principal and target, with the voting rules of {@link nl.camiso.server.access.AccessRules} for the
 * rights on collections. Nothing else grants or refuses.
 */
package nl.camiso.server.access;

/**
 * Who is asking: the {@link nl.camiso.server.identity.Principal} every decision is made for (account,
 * organisation, roles, or anonymous), and the account records it is built from. A leaf: it uses no
 * other package of the server.
 */
package nl.camiso.server.identity;

/**
 * The administration API (organisations, initiatives, accounts, RED lists, feed keys), for accounts
 * with the admin role.
 */
package nl.camiso.server.admin;

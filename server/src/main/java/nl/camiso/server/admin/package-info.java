/**
 * The administration API (organisations and their own networks and domains, initiatives, accounts,
 * RED lists, feed keys), for accounts with the admin role; every change is audited.
 */
package nl.camiso.server.admin;

/**
 * Block lists and rule files for firewalls, DNS filters, IDS and SIEMs, derived from the indicators
 * of a readable collection or of the readable collections of a named feed set, with the allow-list
 * of what is never blocked (per organisation with its own networks and domains); the feed list.
 */
package nl.camiso.server.feeds;

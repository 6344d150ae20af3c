/**
 * Block lists and rule files for firewalls, DNS filters, IDS and SIEMs, derived from the indicators
 * of readable collections, with the allow-list of what is never blocked.
 */
package nl.camiso.server.feeds;

/**
 * Starting a server: settings from options and environment, logging, the demo-password guard and
 * the sample loader.
 */
package nl.camiso.server.setup;

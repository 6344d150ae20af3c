/**
 * The {@code camiso} command line: serve, validate, import, accounts, tokens, feed keys, audit and the
 * network. A front end like the HTTP layer, so it may use every package.
 */
package nl.camiso.server.cli;

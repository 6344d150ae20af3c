/**
 * The configuration file: immutable records, {@link nl.camiso.server.config.ConfigLoader} (every
 * problem reported at once) and the TAXII catalog of API roots and collections. The file only seeds
 * the network and the accounts in the database.
 */
package nl.camiso.server.config;

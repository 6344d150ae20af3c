/**
 * The sharing network: organisations, initiatives, clearances and RED lists
 * ({@link nl.camiso.server.network.NetworkStore}), and {@link nl.camiso.server.network.NetworkSnapshot},
 * the single answer to who reads a collection, whether one audience covers another and what role an
 * organisation has.
 */
package nl.camiso.server.network;

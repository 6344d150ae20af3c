/**
 * Forcing files and directories to stable storage, for the few files outside the database (the run
 * marker, the JWT secret).
 */
package nl.camiso.server.disk;

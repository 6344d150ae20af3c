/**
 * Everything SQL, on embedded H2 or PostgreSQL: the pool, migrations, transactions and durability (a
 * write is fsynced before it is acknowledged), the TAXII object store, the reference index, the
 * feed address index, and the implementations of the repositories that other packages declare
 * ({@code AccountTables}, {@code NetworkTables}, {@code ConsentStore}, {@code AuditTrail},
 * {@code FeedKeys}, {@code FeedAddresses.Store}). Those packages
 * never import this one; {@link nl.camiso.server.storage.Database} hands the repositories out.
 */
package nl.camiso.server.storage;

/**
 * What may enter a collection beyond valid STIX and the right to write: the ingest policy
 * ({@link nl.camiso.server.ingest.IngestRules}, one judgement per envelope: TLP, creator, references),
 * the objects that wait for marking definitions ({@link nl.camiso.server.ingest.PendingMarkings} over
 * the {@link nl.camiso.server.ingest.PendingObjects} repository), the purge of old statuses
 * ({@link nl.camiso.server.ingest.StatusRetention}), and the forwarding of sightings.
 */
package nl.camiso.server.ingest;

/**
 * What may enter a collection beyond valid STIX and the right to write: the ingest policy
 * ({@link nl.camiso.server.ingest.IngestRules}, one judgement per envelope: TLP, creator, references),
 * and the forwarding of sightings.
 */
package nl.camiso.server.ingest;

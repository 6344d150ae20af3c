/**
 * The tamper-evident audit trail: the hash chain, the request filter, the decorators that record
 * writes, deletes and refusals, and the audit endpoint.
 */
package nl.camiso.server.audit;

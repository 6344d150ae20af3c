/**
 * CAMISO's TAXII 2.1 server: {@link nl.camiso.server.CamisoServer} is the composition root, the one
 * place that wires the packages below together (see docs/architecture.md for what each may use).
 */
package nl.camiso.server;

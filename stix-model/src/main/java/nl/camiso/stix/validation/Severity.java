package nl.camiso.stix.validation;

/** ERROR: a MUST of STIX 2.1 is broken. WARNING: a SHOULD, or a vocabulary mismatch. */
public enum Severity {
    ERROR, WARNING
}

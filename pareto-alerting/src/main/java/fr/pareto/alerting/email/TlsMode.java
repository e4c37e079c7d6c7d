package fr.pareto.alerting.email;

/** Encryption of the connection to the SMTP server. */
public enum TlsMode {
    /**
     * Connect in plain text, then upgrade with STARTTLS; a server that does not offer STARTTLS
     * is refused, so credentials and alerts never cross the network unencrypted. The usual mode
     * on port 587, and the default on every port but 465.
     */
    STARTTLS,
    /** TLS from the first byte (SMTPS). The usual mode on port 465, and the default there. */
    IMPLICIT,
    /**
     * No encryption at all. Only for a relay on the same host or a trusted network: the password
     * and the alerts cross the network in clear text.
     */
    NONE
}

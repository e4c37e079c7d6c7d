package fr.pareto.alerting.email;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Notifier;
import fr.pareto.alerting.internal.Checks;
import fr.pareto.alerting.internal.OptionalDependencies;
import fr.pareto.alerting.internal.SmtpMailer;
import fr.pareto.alerting.internal.Texts;

import javax.net.ssl.SSLSocketFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends each alert as an email through an SMTP server, with Jakarta Mail (Eclipse Angus).
 *
 * <pre>{@code
 * Notifier email = EmailNotifier.builder("smtp.example.com")
 *         .username("alerts@example.com").password(System.getenv("PARETO_SMTP_PASSWORD"))
 *         .from("alerts@example.com").to("oncall@example.com")
 *         .build();
 * }</pre>
 *
 * <p>The subject reads {@code [ERROR] API Health is down}; the body has a plain-text part and
 * an HTML part with the severity's colour, the fields, the source, the time and the link.
 * The connection uses STARTTLS, required, unless the port is 465 (implicit TLS) or
 * {@link Builder#tls(TlsMode)} sets another mode. Connect, read and write are each bounded by a
 * timeout, so a server that accepts the connection and never answers fails the attempt, which
 * the dispatcher retries.
 *
 * <p>Failures: authentication errors, rejected addresses, SMTP 5xx replies and a server
 * without the required STARTTLS fail for good; timeouts, connection errors and SMTP 4xx
 * replies are retried. The password never appears in {@link #toString()} or in messages.
 *
 * <p>Jakarta Mail is an optional dependency of this module: add
 * {@code org.eclipse.angus:angus-mail} to use this class. {@link Builder#build()} checks for it
 * and says so if it is missing.
 *
 * <p>Thread-safe; each delivery opens its own connection.
 */
public final class EmailNotifier implements Notifier {

    private final SmtpMailer mailer;
    private final String name;

    private EmailNotifier(Builder builder) {
        this.name = "email via " + builder.host + ":" + builder.port;
        this.mailer = new SmtpMailer(new SmtpMailer.Settings(builder.host, builder.port, builder.username,
                builder.password, builder.from, List.copyOf(builder.to), builder.tlsMode(), builder.connectTimeout,
                builder.readTimeout, builder.writeTimeout, builder.sslSocketFactory, builder.footer));
    }

    /**
     * Starts a notifier for an SMTP server.
     *
     * @param host the server's host name or address
     * @throws IllegalArgumentException if host is blank or contains whitespace or control characters
     */
    public static Builder builder(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || !host.matches("[^\\s\\p{Cntrl}/]+")) {
            throw new IllegalArgumentException("Invalid SMTP host '" + Texts.oneLine(host)
                    + "': give a host name or an IP address, such as smtp.example.com");
        }
        return new Builder(host);
    }

    /** Returns {@code email via host:port}. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(List<Alert> alerts) throws InterruptedException {
        for (Alert alert : alerts) {
            DeliveryResult result = mailer.send(alert);
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                return result;
            }
        }
        return DeliveryResult.delivered();
    }

    @Override
    public String toString() {
        return "EmailNotifier[" + name + ", to " + mailer.recipients() + "]";
    }

    /**
     * Configures an {@link EmailNotifier}. Not thread-safe; each setter validates its argument
     * at once.
     */
    public static final class Builder {
        /**
         * One address without display name, comments or group syntax. Anything that could end a
         * header line (CR, LF) or start another address (comma, semicolon) is outside it.
         */
        private static final Pattern ADDRESS =
                Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

        private static final String MAIL_ARTIFACT = "org.eclipse.angus:angus-mail (tested with 2.0.5)";

        private final String host;
        private int port = 587;
        private String username;
        private String password;
        private String from;
        private final List<String> to = new ArrayList<>();
        private TlsMode tls;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private SSLSocketFactory sslSocketFactory;
        private String footer = "Pareto Monitoring";

        private Builder(String host) {
            this.host = host;
        }

        /**
         * Sets the port. Default: 587 (submission with STARTTLS). On 465 the default TLS mode
         * becomes {@link TlsMode#IMPLICIT}.
         *
         * @throws IllegalArgumentException if it is not from 1 to 65535
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Invalid SMTP port " + port + ": it must be from 1 to 65535");
            }
            this.port = port;
            return this;
        }

        /** Sets the login. Default: none, and then no authentication is attempted. */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** Sets the password of the login. It is never logged. Default: none. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Sets the sender address. Required.
         *
         * @throws IllegalArgumentException if it is not a single plain address
         */
        public Builder from(String address) {
            this.from = address("from", address);
            return this;
        }

        /**
         * Adds recipients. At least one is required.
         *
         * @throws IllegalArgumentException if one is not a single plain address, for example
         *     because it contains CR or LF (header injection) or a comma
         */
        public Builder to(String... addresses) {
            for (String address : addresses) {
                to.add(address("to", address));
            }
            return this;
        }

        /**
         * Sets the encryption. Default: {@link TlsMode#IMPLICIT} on port 465,
         * {@link TlsMode#STARTTLS} (required) on every other port.
         */
        public Builder tls(TlsMode mode) {
            this.tls = Objects.requireNonNull(mode, "tls");
            return this;
        }

        /**
         * Sets the socket factory for TLS, to trust a private certificate authority. Default:
         * the JVM's, which trusts the JDK's certificate authorities. The server's host name is
         * checked against its certificate either way.
         */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = Objects.requireNonNull(factory, "sslSocketFactory");
            return this;
        }

        /**
         * Sets the bound on opening the connection. Default: 10 seconds.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.timeout("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets the bound on each wait for a server reply. Default: 10 seconds.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Checks.timeout("readTimeout", timeout);
            return this;
        }

        /**
         * Sets the bound on each write to the server. Default: 10 seconds.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Checks.timeout("writeTimeout", timeout);
            return this;
        }

        /** Sets the line at the end of every email. Default: {@code Pareto Monitoring}. */
        public Builder footer(String footer) {
            this.footer = Objects.requireNonNull(footer, "footer");
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @throws IllegalStateException if the sender or the recipients are missing, or if
         *     Jakarta Mail is not on the class path
         */
        public EmailNotifier build() {
            if (from == null) {
                throw new IllegalStateException("Email alerts need a sender: call from(\"alerts@example.com\")");
            }
            if (to.isEmpty()) {
                throw new IllegalStateException("Email alerts need at least one recipient: call to(\"oncall@example.com\")");
            }
            if (password != null && username == null) {
                throw new IllegalStateException("A password was set without a username: call username(...) as well");
            }
            OptionalDependencies.require("jakarta.mail.Session", MAIL_ARTIFACT, "Email alerts");
            OptionalDependencies.require("org.eclipse.angus.mail.smtp.SMTPTransport", MAIL_ARTIFACT, "Email alerts");
            return new EmailNotifier(this);
        }

        private TlsMode tlsMode() {
            return Optional.ofNullable(tls).orElse(port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS);
        }

        private static String address(String role, String address) {
            Objects.requireNonNull(address, role);
            if (!ADDRESS.matcher(address).matches() || address.contains("..")) {
                throw new IllegalArgumentException("Invalid " + role + " address '" + Texts.oneLine(address)
                        + "': give one plain address such as oncall@example.com, without display name, comma,"
                        + " spaces or line breaks");
            }
            return address;
        }
    }
}

package fr.pareto.alerting.internal;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.email.TlsMode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Sends one alert per email with Jakarta Mail; the only class that touches Jakarta Mail. */
public final class SmtpMailer {

    /** Everything the mailer needs, validated by the builder. */
    public record Settings(String host, int port, String username, String password, String from, List<String> to,
                           TlsMode tls, Duration connectTimeout, Duration readTimeout, Duration writeTimeout,
                           SSLSocketFactory sslSocketFactory, String footer) {
    }

    private final Settings settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    public SmtpMailer(Settings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
        try {
            this.from = new InternetAddress(settings.from(), true);
            this.to = new InternetAddress[settings.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(settings.to().get(i), true);
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("Invalid email address '" + e.getRef() + "': " + e.getMessage(), e);
        }
    }

    /** Returns the recipients, for toString. */
    public String recipients() {
        return String.join(", ", settings.to());
    }

    /** Sends one alert; every failure becomes a result, nothing is thrown. */
    public DeliveryResult send(Alert alert) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sending email");
        }
        try {
            MimeMessage message = message(alert);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
            return DeliveryResult.delivered();
        } catch (AuthenticationFailedException e) {
            return DeliveryResult.failed("SMTP authentication failed for user '" + settings.username()
                    + "' (" + oneLine(e.getMessage()) + "); check the username and password");
        } catch (SendFailedException e) {
            return classifyReply("SMTP server refused the message", e);
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private MimeMessage message(Alert alert) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(Texts.cutEnd(AlertText.subject(alert), 250, "…"), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(alert.timestamp()));

        MimeBodyPart text = new MimeBodyPart();
        text.setText(AlertText.render(alert) + "\n-- \n" + settings.footer() + "\n", StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(AlertHtml.render(alert, settings.footer()), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    private DeliveryResult classify(MessagingException e) {
        String detail = chain(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("starttls is required")) {
            return DeliveryResult.failed("SMTP server " + settings.host() + ":" + settings.port()
                    + " does not offer STARTTLS, which is required; use a server that does, or TlsMode.NONE to send"
                    + " unencrypted on a trusted network (" + detail + ")");
        }
        if (hasCause(e, SSLException.class)) {
            return DeliveryResult.failed("TLS with SMTP server " + settings.host() + ":" + settings.port()
                    + " failed; check the port, the TLS mode and the server's certificate (" + detail + ")");
        }
        if (hasCause(e, IOException.class)) {
            return DeliveryResult.retry("SMTP connection to " + settings.host() + ":" + settings.port() + " failed: " + detail);
        }
        return classifyReply("SMTP error", e);
    }

    /** SMTP replies: 4xx is temporary, 5xx permanent; the code leads the server's message. */
    private DeliveryResult classifyReply(String what, MessagingException e) {
        String detail = chain(e);
        if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0) {
            return DeliveryResult.failed(what + ": invalid addresses (" + detail + ")");
        }
        String reply = firstReplyCode(e);
        if (reply != null && reply.startsWith("5")) {
            return DeliveryResult.failed(what + " with a permanent error (" + detail + ")");
        }
        return DeliveryResult.retry(what + " (" + detail + ")");
    }

    private static String firstReplyCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.trim().matches("^[245]\\d\\d[ -].*")) {
                return message.trim().substring(0, 3);
            }
            if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t.getCause()) {
                String next = firstReplyCode(m.getNextException());
                if (next != null) {
                    return next;
                }
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Joins the messages of the cause chain, which name the step that failed and the timeout. */
    private static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(oneLine(t.getMessage()));
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : Texts.cutEnd(Texts.oneLine(text).trim(), 500);
    }

    private static Properties properties(Settings settings) {
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", String.valueOf(settings.port()));
        props.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        props.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", String.valueOf(settings.writeTimeout().toMillis()));
        props.put("mail.smtp.from", settings.from());
        switch (settings.tls()) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT -> props.put("mail.smtp.ssl.enable", "true");
            case NONE -> props.put("mail.smtp.starttls.enable", "false");
        }
        if (settings.tls() != TlsMode.NONE) {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            if (settings.sslSocketFactory() != null) {
                props.put("mail.smtp.ssl.socketFactory", settings.sslSocketFactory());
            }
        }
        return props;
    }
}

package fr.pareto.examples.infra;

import fr.pareto.examples.ConfigException;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked {@code DATABASE_URL}, split into what the PostgreSQL driver needs: a JDBC URL
 * without credentials, and the user and password as separate values.
 *
 * <p>Accepted forms: {@code jdbc:postgresql://[user[:password]@]host[:port][,host[:port]...]/db[?params]},
 * {@code jdbc:postgresql:db}, and the {@code postgres://} and {@code postgresql://} URLs that
 * hosting providers hand out. User and password come from the user information before the
 * {@code @} (percent-encoded, as in any URL) or from the {@code user} and {@code password} query
 * parameters; giving one of them both ways is an error. Neither stays in {@link #driverUrl()},
 * so the driver never puts the password in an exception message.
 *
 * <p>{@link #toString()} and {@link #redacted()} show the URL with the password replaced by
 * {@code ***}. Immutable.
 *
 * @param driverUrl JDBC URL without user information, {@code user} or {@code password}
 * @param user user name from the URL, decoded
 * @param password password from the URL, decoded
 * @param redacted the URL as the user wrote it in substance, password masked, for messages
 * @param endpoint host and port when the URL names exactly one host; port 5432 unless given
 */
public record DatabaseUrl(String driverUrl, Optional<String> user, Optional<String> password, String redacted,
                          Optional<Endpoint> endpoint) {

    /** Port of PostgreSQL when the URL gives none. */
    public static final int DEFAULT_PORT = 5432;

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final List<String> PREFIXES = List.of("jdbc:postgresql://", "postgresql://", "postgres://");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.%]+]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");
    private static final String EXAMPLE = "jdbc:postgresql://db.example:5432/pareto, "
            + "jdbc:postgresql://user:password@db.example:5432/pareto or postgres://user:password@db.example/pareto";
    private static final String ENCODE_HINT = "percent-encode @ : / ? # % in the user name and password "
            + "(%40 %3A %2F %3F %23 %25)";

    /** Checks that no part is null. */
    public DatabaseUrl {
        Objects.requireNonNull(driverUrl, "driverUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(redacted, "redacted");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Parses a PostgreSQL URL. Error messages name {@code variable} and never echo the value,
     * which may hold a password.
     *
     * @param variable environment variable the value came from, for error messages
     * @param value the URL
     * @throws ConfigException when the value is not a PostgreSQL URL of an accepted form
     */
    public static DatabaseUrl parse(String variable, String value) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        String lower = value.toLowerCase(Locale.ROOT);
        String rest = null;
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                rest = value.substring(prefix.length());
                break;
            }
        }
        if (rest == null && lower.startsWith(JDBC_PREFIX)) {
            // jdbc:postgresql:db means the database db on localhost, as the driver reads it.
            rest = "localhost/" + value.substring(JDBC_PREFIX.length());
        }
        if (rest == null) {
            throw new ConfigException("Invalid " + variable + ": expected a PostgreSQL URL such as " + EXAMPLE
                    + ", or unset it to start embedded PostgreSQL");
        }
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);
        int fragment = tail.indexOf('#');
        if (fragment >= 0) {
            tail = tail.substring(0, fragment);
        }
        int at = authority.lastIndexOf('@');
        if (at < 0 && tail.contains("@")) {
            // Most likely a user name or password with an unencoded / ? or #: the split above
            // cut it in two, and the rest must not reach the driver or a message.
            throw new ConfigException("Invalid " + variable + " (value hidden, it may hold a password): "
                    + "an @ follows the host; " + ENCODE_HINT);
        }
        String hosts = authority.substring(at + 1);
        List<Endpoint> endpoints = parseHosts(variable, hosts);

        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String shownUserInfo = "";
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = Optional.of(percentDecode(variable, rawUser)).filter(s -> !s.isEmpty());
            if (colon >= 0) {
                password = Optional.of(percentDecode(variable, userInfo.substring(colon + 1)));
            }
            shownUserInfo = rawUser + (colon >= 0 ? ":***" : "") + "@";
        }

        String path = tail;
        String query = "";
        int question = tail.indexOf('?');
        if (question >= 0) {
            path = tail.substring(0, question);
            query = tail.substring(question + 1);
        }
        List<String> driverParameters = new ArrayList<>();
        List<String> shownParameters = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String raw = equals < 0 ? "" : parameter.substring(equals + 1);
            if (key.equals("user")) {
                user = fromQuery(variable, "user", user, raw, at >= 0);
                shownParameters.add(parameter);
            } else if (key.equals("password")) {
                password = fromQuery(variable, "password", password, raw, at >= 0 && password.isPresent());
                shownParameters.add("password=***");
            } else {
                driverParameters.add(parameter);
                shownParameters.add(parameter);
            }
        }
        if (path.isEmpty()) {
            // The driver needs the slash; an empty database name means the user's default.
            path = "/";
        }
        String driverUrl = "jdbc:postgresql://" + hosts + path + (driverParameters.isEmpty() ? "" : "?" + String.join("&", driverParameters));
        String redacted = "jdbc:postgresql://" + shownUserInfo + hosts + path
                + (shownParameters.isEmpty() ? "" : "?" + String.join("&", shownParameters));
        Optional<Endpoint> endpoint = endpoints.size() == 1 ? Optional.of(endpoints.get(0)) : Optional.empty();
        return new DatabaseUrl(driverUrl, user, password, redacted, endpoint);
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static List<Endpoint> parseHosts(String variable, String hosts) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String entry : hosts.split(",", -1)) {
            Matcher matcher = HOST.matcher(entry);
            int port = DEFAULT_PORT;
            boolean valid = matcher.matches();
            if (valid && matcher.group(2) != null) {
                port = Integer.parseInt(matcher.group(2));
                valid = port >= 1 && port <= 65535;
            }
            if (!valid) {
                // Not echoed: a password with an unencoded / ? or # lands here.
                throw new ConfigException("Invalid " + variable + " (value hidden, it may hold a password): "
                        + "expected host[:port] entries (port 1 to 65535) after // such as " + EXAMPLE + "; "
                        + ENCODE_HINT);
            }
            String host = matcher.group(1);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            endpoints.add(new Endpoint(host, port));
        }
        return endpoints;
    }

    private static Optional<String> fromQuery(String variable, String key, Optional<String> current, String raw,
                                              boolean alsoInUserInfo) {
        if (alsoInUserInfo && current.isPresent()) {
            throw new ConfigException("Invalid " + variable + ": the " + key
                    + " is given both before the @ and as the " + key + "= parameter; keep one");
        }
        try {
            // The driver decodes query values this way, + included, so the same URL means the same.
            return Optional.of(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid " + variable + ": the " + key
                    + "= parameter has a bad percent escape; use % followed by two hexadecimal digits, such as %40 for @");
        }
    }

    /** Decodes %XX escapes as UTF-8; unlike form decoding, + stays a plus sign. */
    private static String percentDecode(String variable, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int value = i + 2 < text.length() ? hex(text.charAt(i + 1), text.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw new ConfigException("Invalid " + variable + " (value hidden, it may hold a password): "
                            + "a % in the user name or password is not followed by two hexadecimal digits; "
                            + ENCODE_HINT);
                }
                bytes.write(value);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}

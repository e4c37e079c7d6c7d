package fr.pareto.health.redis;

import fr.pareto.health.internal.Texts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Redis URL: {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://}
 * for TLS. The port defaults to 6379 and the database to 0. A password alone is written
 * {@code redis://:password@host}; {@code redis://password@host}, without a colon, is read the
 * same way, as Redis clients do. Percent-escapes in user and password are decoded, so a
 * password containing {@code @}, {@code :} or {@code /} is written {@code %40}, {@code %3A},
 * {@code %2F}.
 *
 * <p>Immutable. {@link #toString()} and every error message leave out the password.
 */
public final class RedisUri {

    /** The port used when the URL gives none. */
    public static final int DEFAULT_PORT = 6379;

    private final String host;
    private final int port;
    private final int database;
    private final boolean tls;
    private final String user;
    private final String password;

    private RedisUri(String host, int port, int database, boolean tls, String user, String password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.tls = tls;
        this.user = user;
        this.password = password;
    }

    /**
     * Parses a Redis URL.
     *
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException naming the URL (password removed) and what is wrong: the
     *         scheme, a missing host, the port, the database, or a query string
     */
    public static RedisUri parse(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a valid URL (percent-encode special characters in the password)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw invalid(url, "the scheme must be redis or rediss");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(url, "the host is missing or not a valid host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(url, "query parameters and fragments are not supported");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw invalid(url, "the port must lie between 1 and 65535");
        }
        return new RedisUri(unbracket(uri.getHost()), port, database(url, uri.getPath()), scheme.equals("rediss"),
                user(uri.getUserInfo()), password(uri.getUserInfo()));
    }

    private static int database(String url, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String digits = path.substring(1);
        if (!digits.matches("[0-9]{1,5}")) {
            throw invalid(url, "the path must be a database number such as /0");
        }
        return Integer.parseInt(digits);
    }

    private static String user(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        // redis://secret@host (no colon) is the common shorthand for a password alone.
        return colon < 0 || user.isEmpty() ? null : user;
    }

    private static String password(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
        return password.isEmpty() ? null : password;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static IllegalArgumentException invalid(String url, String problem) {
        return new IllegalArgumentException("Invalid Redis URL: " + Texts.scrub(url) + "; " + problem
                + ". Expected redis://[user:password@]host[:port][/db] or rediss:// for TLS");
    }

    /** Returns the host name or IP address (IPv6 without brackets). */
    public String host() {
        return host;
    }

    /** Returns the port, 6379 unless the URL gives one. */
    public int port() {
        return port;
    }

    /** Returns the database number, 0 unless the URL gives one. */
    public int database() {
        return database;
    }

    /** Returns whether the URL requests TLS ({@code rediss://}). */
    public boolean tls() {
        return tls;
    }

    /** Returns the ACL user name, if the URL gives one. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** Returns the password, if the URL gives one. Never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Returns the URL with the password replaced by {@code ***}. */
    @Override
    public String toString() {
        String credentials = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + credentials + shownHost + ":" + port + "/" + database;
    }
}

package fr.pareto.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A data source over {@link DriverManager} and a JDBC URL, like an unpooled application's. Tests
 * use it instead of the driver's own data source class, which needs {@code java.naming} on the
 * module path.
 */
public final class UrlDataSource extends TestDataSource {

    private final String url;
    private final Properties properties = new Properties();

    public UrlDataSource(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
    }

    /** Returns a data source with the credentials in the URL, if any. */
    public static UrlDataSource of(String url) {
        return new UrlDataSource(url, null, null);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }
}

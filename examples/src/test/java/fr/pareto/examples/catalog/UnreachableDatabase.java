package fr.pareto.examples.catalog;

import fr.pareto.examples.testing.StubDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A pool whose database is down: every connection request fails as HikariCP's would. */
public final class UnreachableDatabase extends StubDataSource {

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLTransientConnectionException("catalog - Connection is not available, request timed out after 2000ms");
    }
}

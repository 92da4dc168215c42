package io.promptgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Claims one run of a scheduled job for one node, so that nodes sharing a database do not all
 * run it (send the same report twice): the first node to claim run {@code R} of job {@code J}
 * gets it, every later claim of {@code R} or an earlier run is refused. Kept as a settings row
 * ({@code job.<J>.lastRun}, zero-padded epoch milliseconds so that text order is time order),
 * with statements both SQLite and PostgreSQL accept.
 */
public final class JobClaims {
    private static final String INSERT = "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
    private static final String ADVANCE = "UPDATE settings SET value = ? WHERE key = ? AND value < ?";

    private final DataSource dataSource;

    public JobClaims(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** True when this call claimed run {@code runAt} of {@code job}; false when a node already had it (or a later run). */
    public boolean claim(String job, Instant runAt) throws SQLException {
        String key = "job." + job + ".lastRun";
        String value = String.format("%015d", runAt.toEpochMilli());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, key);
                insert.setString(2, value);
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
                advance.setString(1, value);
                advance.setString(2, key);
                advance.setString(3, value);
                return advance.executeUpdate() == 1;
            }
        }
    }
}

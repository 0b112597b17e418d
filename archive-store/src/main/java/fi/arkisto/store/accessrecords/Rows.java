package fi.arkisto.store.accessrecords;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Reading the columns of a {@link Stamp} back. */
final class Rows {

    private Rows() {
    }

    static Stamp stamp(ResultSet rs, String at, String organisation, String user, String purpose) throws SQLException {
        Timestamp time = rs.getTimestamp(at);
        return new Stamp(time.toInstant(), rs.getString(organisation), rs.getString(user), rs.getString(purpose));
    }
}

package nl.camiso.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The BIGINT keys under which an index stores STIX ids: {@code stix_object.id_hash} for object
 * ids, {@code camiso_reference.target_hash} for reference targets. Queries match a key for the
 * index and the id itself for exactness, so a key shared by two ids only costs a row read.
 *
 * <p>Two schemes, one per database kind (see {@link #forDatabase}):
 * <ul>
 *   <li>PostgreSQL: the id's {@link ObjectIdHash}, one key per id, nothing held in memory, so any
 *       number of server processes can share the database.</li>
 *   <li>Embedded H2: {@link GenerationalIdKeys}, keys whose high bits are a generation, so that
 *       new entries go to one small part of the index instead of random places all over it.</li>
 * </ul>
 */
interface IdKeys {

    /**
     * The key for a new index entry of {@code id}. Call before the row is written: from then on
     * {@link #candidates} of the id includes it.
     */
    long newKey(String id);

    /** Every key under which an entry of {@code id} may be stored; empty when there is none for sure. */
    long[] candidates(String id);

    /** One key per id: the {@link ObjectIdHash} (PostgreSQL; shared by several processes). */
    IdKeys HASHES = new IdKeys() {
        @Override
        public long newKey(String id) {
            return ObjectIdHash.of(id);
        }

        @Override
        public long[] candidates(String id) {
            return new long[] {ObjectIdHash.of(id)};
        }
    };

    /**
     * The scheme for the given column: generations (loaded from the column, which migration V8
     * for H2 put in that form) or hashes.
     */
    static IdKeys load(Connection c, boolean generational, String table, String column) throws SQLException {
        return generational ? GenerationalIdKeys.load(c, table, column) : HASHES;
    }
}

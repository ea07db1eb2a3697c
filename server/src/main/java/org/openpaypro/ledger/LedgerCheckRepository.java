package org.openpaypro.ledger;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The queries {@link LedgerCheck} runs, on its snapshot's handle. Stateless. */
final class LedgerCheckRepository {

    /** At most {@code limit} lines of one audit rule's query. */
    List<String> findings(Handle handle, String ruleQuery, int limit) {
        return handle.createQuery(ruleQuery + " LIMIT " + limit).mapTo(String.class).list();
    }

    long count(Handle handle, String table) {
        return handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
    }
}

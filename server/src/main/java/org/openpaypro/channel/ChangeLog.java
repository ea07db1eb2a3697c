package org.openpaypro.channel;

import org.jdbi.v3.core.Handle;

/** Writes the audit row of an operator's change in the change's own transaction (the caller knows the actor). */
@FunctionalInterface
public interface ChangeLog {
    void write(Handle handle, String action, String target, String summary);
}

package org.openpaypro.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * For an IT class that runs its own server processes and PostgreSQL clusters and touches nothing of the shared
 * in-process {@link TestGateway}: it runs next to the sequential stream of the other ITs (see
 * junit-platform.properties), one such class at a time (the lock), its own tests in order.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SeparateProcesses.LOCK)
public @interface SeparateProcesses {
    /** Held by one {@code @SeparateProcesses} class at a time. */
    String LOCK = "openpaypro.separate-processes";
}

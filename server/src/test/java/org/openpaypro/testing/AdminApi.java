package org.openpaypro.testing;

import org.openpaypro.testing.TestGateway.Answer;

/**
 * The admin API of a gateway under test: {@code gateway::admin} for the in-process one, {@code server::admin} for a
 * server process. Lets the shared helpers ({@link Funding}, {@link Deliveries}) serve both.
 */
@FunctionalInterface
public interface AdminApi {
    Answer call(String method, String path, Object body) throws Exception;

    /** The call, its checked exceptions turned into an assertion failure naming the call. */
    default Answer unchecked(String method, String path, Object body) {
        try {
            return call(method, path, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }
}

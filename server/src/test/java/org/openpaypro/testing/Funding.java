package org.openpaypro.testing;

import java.util.Map;
import org.openpaypro.testing.TestGateway.Answer;

/**
 * Puts money on a test merchant's AVAILABLE balance the way an operator does: an adjustment through the admin API
 * (audited, in the ledger). The one funding helper of the tests, for an in-process gateway ({@code gateway::admin})
 * as for a server process ({@code server::admin}). Stateless, thread-safe.
 */
public final class Funding {
    private Funding() {
    }

    /** Credits {@code amount} (a decimal in major units, e.g. "1000.00") to {@code merchantNo}; fails unless done. */
    public static void fund(AdminApi admin, String merchantNo, String amount) {
        Answer credit = admin.unchecked("POST", "/admin/v1/merchants/" + merchantNo + "/adjustments",
                Map.of("amount", amount, "reason", "test funding"));
        if (credit.status() != 201) {
            throw new AssertionError("funding " + merchantNo + " with " + amount + " was refused: " + credit.status()
                    + " " + credit.body());
        }
    }
}

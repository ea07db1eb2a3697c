package org.openpaypro.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.openpaypro.testing.CallbackReceiver.Received;

/**
 * The positive event that ends a callback test: every notification of the given trades is final (delivered or
 * exhausted). A final notification is never claimed again, and the receiver records a request before it answers,
 * so every attempt (including the one that made it final) has reached the receiver by then: a duplicate that could
 * still come would have to come from a later claim, which cannot happen. "Exactly one callback" is then asserted
 * on what was received, without sleeping. Stateless, thread-safe.
 */
public final class Deliveries {
    private Deliveries() {
    }

    /** What {@code receiver} got at {@code path} once every notification of {@code platformTradeNos} is final. */
    public static List<Received> finished(AdminApi admin, CallbackReceiver receiver, String path,
                                          Collection<String> platformTradeNos, Duration timeout) {
        Await.until("every notification of " + platformTradeNos + " final", timeout,
                () -> platformTradeNos.stream().filter(trade -> !allFinal(admin, trade)).toList(), List::isEmpty);
        return receiver.received(path);
    }

    /** Whether the trade has notifications and none is pending. */
    private static boolean allFinal(AdminApi admin, String platformTradeNo) {
        JsonNode notifications = admin.unchecked("GET", "/admin/v1/trades/" + platformTradeNo, null).json()
                .path("notifications");
        if (notifications.isEmpty()) {
            return false;
        }
        for (JsonNode notification : notifications) {
            if (notification.path("status").asText().equals("PENDING")) {
                return false;
            }
        }
        return true;
    }
}

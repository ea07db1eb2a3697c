package org.openpaypro.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRoutingTest {
    @Test
    void the_first_channel_is_drawn_in_proportion_to_the_non_zero_weights_and_weight_zero_comes_last() {
        List<RouteEntry> route = List.of(new RouteEntry("a", 80), new RouteEntry("spare", 0),
                new RouteEntry("b", 20));
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            List<String> order = Channels.order(route);
            assertThat(order).hasSize(3).containsExactlyInAnyOrder("a", "b", "spare");
            assertThat(order.get(2)).isEqualTo("spare");
            first.merge(order.get(0), 1, Integer::sum);
        }
        assertThat(first).containsOnlyKeys("a", "b");
        assertThat(first.get("a") / 20_000.0).isBetween(0.77, 0.83);
    }

    @Test
    void a_route_of_failover_channels_only_keeps_their_order_and_an_empty_route_gives_nothing() {
        assertThat(Channels.order(List.of(new RouteEntry("x", 0), new RouteEntry("y", 0)))).containsExactly("x", "y");
        assertThat(Channels.order(List.of())).isEmpty();
    }

    @Test
    void after_the_drawn_channel_the_other_weighted_ones_follow_by_weight() {
        for (int i = 0; i < 200; i++) {
            List<String> order = Channels.order(List.of(new RouteEntry("small", 1), new RouteEntry("big", 1000),
                    new RouteEntry("mid", 10)));
            if (order.get(0).equals("big")) {
                assertThat(order).containsExactly("big", "mid", "small");
            }
        }
    }
}

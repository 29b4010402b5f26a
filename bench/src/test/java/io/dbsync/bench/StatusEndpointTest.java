package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusEndpointTest {

    @Test
    void answersTheCurrentCountersAndPassesOnFromWhenToListTheIntervals() throws Exception {
        List<Long> asked = new CopyOnWriteArrayList<>();
        AtomicLong requests = new AtomicLong(3);
        try (StatusEndpoint endpoint = new StatusEndpoint(from -> {
            asked.add(from);
            return Map.of("relay", Map.of("requests", requests.get()));
        })) {
            Map<String, Object> first = StatusEndpoint.fetch(endpoint.port(), -1);
            requests.set(8);
            Map<String, Object> second = StatusEndpoint.fetch(endpoint.port(), 1_700_000_000_000_000L);

            assertThat(first).isEqualTo(Map.of("relay", Map.of("requests", 3)));
            assertThat(second).isEqualTo(Map.of("relay", Map.of("requests", 8)));
            assertThat(asked).containsExactly(-1L, 1_700_000_000_000_000L);
        }
    }
}

package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress direct = new ClientAddress(0);

        assertThat(direct.resolve("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(direct.resolve("203.0.113.7", List.of())).isEqualTo("203.0.113.7");
    }

    @Test
    void withOneProxyTheLastEntryIsTheClientAndWhatTheClientWroteIsNeverRead() {
        ClientAddress behindOne = new ClientAddress(1);

        // The client sent "X-Forwarded-For: 1.1.1.1"; the router appended the address it saw.
        assertThat(behindOne.resolve("10.1.2.3", List.of("1.1.1.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindOne.resolve("10.1.2.3", List.of("1.1.1.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void withTwoProxiesTheSecondEntryFromTheRightIsTheClient() {
        assertThat(new ClientAddress(2).resolve("10.0.0.9", List.of("6.6.6.6, 203.0.113.7, 10.0.0.8")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void aShortListOrAnEntryThatIsNoAddressFallsBackToTheSocket() {
        assertThat(new ClientAddress(2).resolve("10.0.0.9", List.of("203.0.113.7"))).isEqualTo("10.0.0.9");
        assertThat(new ClientAddress(1).resolve("10.0.0.9", List.of("evil.example.com"))).isEqualTo("10.0.0.9");
        assertThat(new ClientAddress(1).resolve("10.0.0.9", List.of("999.1.1.1"))).isEqualTo("10.0.0.9");
    }

    @Test
    void anIpv6ClientIsCountedPerSlash64() {
        ClientAddress behindOne = new ClientAddress(1);

        assertThat(behindOne.resolve("10.0.0.9", List.of("2001:db8:1:2::1")))
                .isEqualTo(behindOne.resolve("10.0.0.9", List.of("2001:db8:1:2:ffff::9")))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(behindOne.resolve("10.0.0.9", List.of("2001:db8:1:3::1"))).isNotEqualTo("2001:db8:1:2::/64");
    }
}

package io.dbsync.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is calling, for the per-client failed-login limit: the socket's peer address, or — only when
 * the operator says how many proxies stand in front ({@code TRUSTED_PROXY_HOPS}) — the address the
 * outermost trusted proxy put into {@code X-Forwarded-For}.
 *
 * <p>Each proxy appends the address it was called from, so with N trusted proxies the client is the
 * N-th entry from the right; whatever a client wrote there itself stands further left and is never
 * read. With no trusted proxies the header is ignored entirely, so a client talking to the service
 * directly cannot choose its own address. An entry that is not an IP address, or a list shorter than
 * N, falls back to the socket address. IPv6 clients are counted per /64, the block one subscriber
 * usually gets.
 */
final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}]?");

    private final int trustedHops;

    ClientAddress(int trustedHops) {
        this.trustedHops = trustedHops;
    }

    /** The client's key: a normalised address. {@code forwardedFor} holds every X-Forwarded-For header, in order. */
    String resolve(String socketAddress, List<String> forwardedFor) {
        if (trustedHops == 0 || forwardedFor == null || forwardedFor.isEmpty()) {
            return normalise(socketAddress).orElse(String.valueOf(socketAddress));
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                entries.add(entry.trim());
            }
        }
        if (entries.size() < trustedHops) {
            return normalise(socketAddress).orElse(String.valueOf(socketAddress));
        }
        return normalise(entries.get(entries.size() - trustedHops))
                .orElseGet(() -> normalise(socketAddress).orElse(String.valueOf(socketAddress)));
    }

    /** The address in a canonical form, IPv6 cut to its /64; empty when {@code text} is not an IP literal. */
    static java.util.Optional<String> normalise(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String candidate = text.trim();
        if (IPV4.matcher(candidate).matches()) {
            for (String octet : candidate.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return java.util.Optional.empty();
                }
            }
            return java.util.Optional.of(candidate);
        }
        if (candidate.indexOf(':') < 0 || !IPV6.matcher(candidate).matches()) {
            return java.util.Optional.empty();
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            byte[] bytes = InetAddress.getByName(candidate.replace("[", "").replace("]", "")).getAddress();
            if (bytes.length == 4) {
                return java.util.Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return java.util.Optional.of(prefix.append(":/64").toString());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}

package dev.posterm.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code host:port} address as written in config; an IPv6 literal goes in brackets
 * ({@code [::1]:9000}). No name is resolved here: validation must not depend on DNS.
 */
record HostPort(String host, int port) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The parsed address, or empty when {@code text} is not host:port with a port 1..65535. */
    static Optional<HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty(); // an IPv6 literal without brackets is ambiguous
        }
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
            return Optional.empty();
        }
        String digits = text.substring(colon + 1);
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 5) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535 ? Optional.of(new HostPort(host, port)) : Optional.empty();
    }

    /**
     * Whether the address is this machine's loopback: "localhost", 127.0.0.0/8 or ::1. Any other
     * name counts as remote, since we do not resolve names to find out.
     */
    boolean isLoopback() {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        var ipv4 = IPV4.matcher(host);
        return ipv4.matches() && ipv4.group(1).equals("127");
    }
}

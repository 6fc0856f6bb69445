package dev.posterm.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code host:port} address as written in config; an IPv6 literal goes in brackets
 * ({@code [::1]:9000}). The host is an IP literal or an RFC 1123 name ({@link HostName}); the port
 * 1..65535. No name is resolved here: validation must not depend on DNS.
 */
record HostPort(String host, int port) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** What {@link #read} made of a text. */
    sealed interface Parsed {
    }

    record Valid(HostPort address) implements Parsed {
    }

    /** @param why what is wrong, in words a technician can act on */
    record Invalid(String why) implements Parsed {
    }

    /** The parsed address, or empty when {@code text} is not a valid host:port. */
    static Optional<HostPort> parse(String text) {
        return read(text) instanceof Valid v ? Optional.of(v.address()) : Optional.empty();
    }

    /** The parsed address, or why {@code text} is not host:port with a valid host and a port 1..65535. */
    static Parsed read(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return new Invalid("no host:port");
        }
        String digits = text.substring(colon + 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 5
                || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            return new Invalid("the port must be 1..65535");
        }
        String written = text.substring(0, colon);
        boolean bracketed = written.startsWith("[") && written.endsWith("]");
        String host = bracketed ? written.substring(1, written.length() - 1) : written;
        Optional<String> problem = bracketed ? HostName.problemWithIpv6(host)
                : host.contains(":") ? Optional.of("an IPv6 address goes in brackets") // else ambiguous
                : HostName.problemWithNameOrIpv4(host);
        return problem.<Parsed>map(Invalid::new).orElseGet(() -> new Valid(new HostPort(host, Integer.parseInt(digits))));
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

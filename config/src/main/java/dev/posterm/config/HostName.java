package dev.posterm.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host part of a {@code host:port}: an IPv4 literal, an IPv6 literal (the caller has taken off
 * its brackets), or a DNS name of RFC 1123 labels. Checked on its form alone: no name is resolved,
 * so validation does not depend on DNS.
 *
 * <p>A name is 1..253 characters of dot-separated labels, each 1..63 letters, digits and hyphens,
 * not starting or ending with a hyphen. No trailing dot (TLS would check the certificate against the
 * dotted name), no underscore, no non-ASCII (IDNs go in as their {@code xn--} form). All-numeric
 * dotted forms such as {@code 300.1.2.3} are not names but broken IPv4 literals (RFC 1123 2.1).
 */
final class HostName {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_DIGITS = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private HostName() {
    }

    /** Why {@code host} (unbracketed) is neither an IPv4 literal nor a DNS name; empty when it is one. */
    static Optional<String> problemWithNameOrIpv4(String host) {
        if (DOTTED_DIGITS.matcher(host).matches()) {
            return isIpv4(host) ? Optional.empty()
                    : Optional.of("'" + host + "' is not an IPv4 address (four numbers 0..255)");
        }
        if (host.length() > 253) {
            return Optional.of("a host name has at most 253 characters, this one " + host.length());
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("'" + label + "' is not a DNS label (1..63 letters, digits or hyphens,"
                        + " not starting or ending with a hyphen)");
            }
        }
        return Optional.empty();
    }

    /** Why {@code host} (taken out of its brackets) is not an IPv6 literal; empty when it is one. */
    static Optional<String> problemWithIpv6(String host) {
        return isIpv6(host) ? Optional.empty()
                : Optional.of("'" + host + "' in brackets is not an IPv6 address");
    }

    static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 2.2 text forms: eight hex groups, one {@code ::} for a run of zeros, an IPv4 tail. No zone id. */
    static boolean isIpv6(String host) {
        String groups = host;
        int slots = 8;
        int lastColon = host.lastIndexOf(':');
        if (lastColon >= 0 && host.indexOf('.', lastColon) > 0) {
            if (!isIpv4(host.substring(lastColon + 1))) {
                return false;
            }
            groups = host.substring(0, lastColon + 1) + "0";   // the IPv4 tail takes two groups: count one here
            slots = 7;
        }
        int gap = groups.indexOf("::");
        if (gap >= 0 && groups.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return hexGroups(groups) == slots;
        }
        String head = groups.substring(0, gap);
        String tail = groups.substring(gap + 2);
        int h = head.isEmpty() ? 0 : hexGroups(head);
        int t = tail.isEmpty() ? 0 : hexGroups(tail);
        return h >= 0 && t >= 0 && h + t < slots;
    }

    /** The number of colon-separated hex groups, or -1 if any is not 1..4 hex digits. */
    private static int hexGroups(String text) {
        String[] parts = text.split(":", -1);
        for (String part : parts) {
            if (!HEX_GROUP.matcher(part).matches()) {
                return -1;
            }
        }
        return parts.length;
    }
}

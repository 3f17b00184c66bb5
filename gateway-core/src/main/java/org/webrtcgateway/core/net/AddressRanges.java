package org.webrtcgateway.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A set of peers trusted by address: addresses, CIDR ranges, and host names resolved once, when the user of the
 * set starts (a peer that moves needs a restart). The SIP bridge's trusted sources and the WebSocket frontend's
 * trusted proxies. Immutable, so any thread reads it without locks.
 */
public final class AddressRanges {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}))*");

    /** One range: the first {@code prefix} bits of {@code network}; a single address is a full-length prefix. */
    private record Range(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + (prefix == network.length * 8 ? "" : "/" + prefix);
            } catch (UnknownHostException e) {
                return Arrays.toString(network);
            }
        }
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Checks an entry's form without resolving it: an IPv4 or IPv6 address (IPv6 may be in brackets), either
     * with {@code /prefix}, or a host name; {@code host:port} (as {@code sip.proxy} is written) drops the port.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static void validate(String entry) {
        parse(entry);
    }

    /** A comma-separated setting value, each entry checked as {@link #validate} does; the entries, trimmed. */
    public static List<String> parseEntries(String text) {
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                validate(entry);
                entries.add(entry.trim());
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Resolves every entry; a host name that does not resolve is told to {@code unresolved} (with the reason) and
     * left out, so one stale name does not stop the gateway: the others still get in.
     */
    public static AddressRanges resolve(List<String> entries, BiConsumer<String, String> unresolved) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            Parsed p = parse(entry);
            try {
                InetAddress[] addresses = p.literal() ? new InetAddress[] {InetAddress.getByName(p.host())}
                        : InetAddress.getAllByName(p.host());
                for (InetAddress address : addresses) {
                    int bits = address.getAddress().length * 8;
                    if (p.prefix() > bits) {
                        throw new IllegalArgumentException("'" + entry + "': prefix longer than the address");
                    }
                    ranges.add(new Range(address.getAddress(), p.prefix() < 0 ? bits : p.prefix()));
                }
            } catch (UnknownHostException e) {
                unresolved.accept(entry, String.valueOf(e.getMessage()));
            }
        }
        return new AddressRanges(ranges);
    }

    public boolean contains(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    /** An entry taken apart: host (address or name), prefix length or -1, and whether the host is an address. */
    private record Parsed(String host, int prefix, boolean literal) {
    }

    private static Parsed parse(String entry) {
        String e = entry.trim();
        int prefix = -1;
        int slash = e.indexOf('/');
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException notANumber) {
                prefix = Integer.MAX_VALUE;
            }
            e = e.substring(0, slash);
            if (prefix < 0 || prefix > 128) {
                throw new IllegalArgumentException("'" + entry + "': expected a prefix length 0-128 after '/'");
            }
        }
        String host = e;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + entry + "': no ']' after an IPv6 address");
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':')); // host:port
        }
        if (IPV4.matcher(host).matches()) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("'" + entry + "': not an IPv4 address");
                }
            }
            if (prefix > 32) {
                throw new IllegalArgumentException("'" + entry + "': an IPv4 prefix is at most 32");
            }
            return new Parsed(host, prefix, true);
        }
        if (IPV6.matcher(host).matches()) {
            return new Parsed(host, prefix, true);
        }
        if (prefix >= 0 || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + entry + "': expected an address, an address/prefix or a host name");
        }
        return new Parsed(host, -1, false);
    }
}

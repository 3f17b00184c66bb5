package org.webrtcgateway.cluster;

/** Redis stream entry ids ({@code <milliseconds>-<sequence>}, or {@code 0}), in the stream's order. */
final class StreamIds {

    private StreamIds() {
    }

    static int compare(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        int first = Long.compareUnsigned(x[0], y[0]);
        return first != 0 ? first : Long.compareUnsigned(x[1], y[1]);
    }

    private static long[] parse(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? new long[] {Long.parseUnsignedLong(id), 0}
                : new long[] {Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))};
    }
}

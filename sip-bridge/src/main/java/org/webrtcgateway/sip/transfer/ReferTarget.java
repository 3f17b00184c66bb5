package org.webrtcgateway.sip.transfer;

import java.util.Iterator;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;

import org.webrtcgateway.core.api.Address;

/**
 * Where a REFER from SIP asks the browser to call (RFC 3515 Refer-To), as a gateway {@link Address}, or why it is
 * refused. Only a plain {@code sip:}, {@code sips:} or {@code tel:} URI is followed: URI headers would put what the
 * referrer chose into the gateway's INVITE, and {@code Replaces} (an attended transfer, RFC 3891) needs the other call
 * joined, which the browser cannot be asked to do.
 */
public sealed interface ReferTarget {

    /** The REFER is followed: the browser is asked to call {@code address}. */
    record Found(Address.External address) implements ReferTarget {
    }

    /** The REFER is refused with {@code status}; {@code reason} is the reason phrase and what the log says. */
    record Refused(int status, String reason) implements ReferTarget {
    }

    static ReferTarget of(Request refer) {
        ListIterator<?> headers = refer.getHeaders(ReferToHeader.NAME);
        if (headers == null || !headers.hasNext()) {
            return new Refused(400, "Refer-To missing");
        }
        Object first = headers.next();
        if (headers.hasNext()) {
            return new Refused(400, "more than one Refer-To");
        }
        if (!(first instanceof ReferToHeader referTo)) {
            return new Refused(400, "Refer-To malformed");
        }
        URI uri = referTo.getAddress().getURI();
        if (uri instanceof SipURI sip) {
            Iterator<?> names = sip.getHeaderNames();
            while (names != null && names.hasNext()) {
                if ("replaces".equalsIgnoreCase(String.valueOf(names.next()))) {
                    return new Refused(501, "attended transfer (Replaces) not supported");
                }
                return new Refused(403, "Refer-To with URI headers not followed");
            }
            String method = sip.getMethodParam();
            if (method != null && !method.equalsIgnoreCase(Request.INVITE)) {
                return new Refused(501, "only referrals to INVITE are followed" + (isNameable(method)
                        ? ", not " + method.toUpperCase(Locale.ROOT) : ""));
            }
        }
        return addressOf(uri).<ReferTarget>map(Found::new)
                .orElseGet(() -> uri.isSipURI() || uri instanceof TelURL
                        ? new Refused(400, "Refer-To is no address the gateway accepts")
                        : new Refused(416, "only sip, sips and tel Refer-To URIs are followed"));
    }

    /**
     * Whether the reason phrase may name {@code method}: RFC 3261's token, short. The referrer chose the parameter; an
     * empty one ({@code ;method}) or a long one has no place in the reason phrase and the log line.
     */
    private static boolean isNameable(String method) {
        return method.matches("[A-Za-z0-9.!%*_+`'~-]{1,20}");
    }

    /**
     * A {@code sip:}/{@code sips:} URI as {@code scheme:user@host:port} (its parameters, and any headers, left
     * behind: the gateway routes the call itself), a {@code tel:} URI as it is; empty for other schemes, and for
     * anything {@link Address#parse} refuses.
     */
    static Optional<Address.External> addressOf(URI uri) {
        String text;
        if (uri instanceof SipURI sip) {
            text = (sip.isSecure() ? "sips:" : "sip:") + (sip.getUser() != null ? sip.getUser() + "@" : "") + sip.getHost()
                    + (sip.getPort() > 0 ? ":" + sip.getPort() : "");
        } else if (uri instanceof TelURL) {
            text = uri.toString();
        } else {
            return Optional.empty();
        }
        return Address.parse(text).filter(Address.External.class::isInstance).map(Address.External.class::cast);
    }
}

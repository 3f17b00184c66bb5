package org.webrtcgateway.sip.routing;

import java.util.Map;
import java.util.Optional;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeContext;

/**
 * Who a request from SIP is for (by its Request-URI, through {@link IncomingRoutes}) and who it is
 * from (the From URI as a gateway {@link Address}, which is strict: a caller whose URI would not be
 * safe to show gets 400, not a mangled {@code from}).
 */
public final class Recipient {

    /** A gateway user and the caller, or the SIP status to refuse with ({@code status != 0}). */
    public record Found(Address.Local user, Address.External caller, int status) {
        static Found refuse(int status) {
            return new Found(null, null, status);
        }
    }

    private final IncomingRoutes routes;
    private final Map<String, String> usersBySipUser;
    private final BridgeContext gateway;
    private final boolean trunk;

    /**
     * @param usersBySipUser gateway users by the user part of their address of record; read on every request
     * @param trunk          whether a Request-URI user that is a gateway name goes to that user (trunk mode)
     */
    public Recipient(IncomingRoutes routes, Map<String, String> usersBySipUser, BridgeContext gateway, boolean trunk) {
        this.routes = routes;
        this.usersBySipUser = usersBySipUser; // live: accounts from login tokens come and go
        this.gateway = gateway;
        this.trunk = trunk;
    }

    public Found find(Request request) {
        URI target = request.getRequestURI();
        if (!(target instanceof SipURI sip)) {
            return Found.refuse(416);
        }
        String requestUri = (sip.isSecure() ? "sips:" : "sip:") + (sip.getUser() != null ? sip.getUser() + "@" : "")
                + sip.getHost() + (sip.getPort() > 0 ? ":" + sip.getPort() : "");
        Optional<String> name = routes.userFor(requestUri, sip.getUser(), usersBySipUser);
        if (trunk && sip.getUser() != null && !routes.matchesRuleOrAccount(requestUri, sip.getUser(), usersBySipUser)) {
            String named = sip.getUser().replace("%40", "@");
            if (org.webrtcgateway.core.api.Names.isValidName(named)) {
                name = Optional.of(named);
            }
        }
        if (name.isEmpty() || !org.webrtcgateway.core.api.Names.isValidName(name.get())) {
            return Found.refuse(404);
        }
        Address.Local user = new Address.Local(name.get());
        if (!gateway.isOnline(user)) {
            return Found.refuse(480);
        }
        Optional<Address.External> caller = callerOf(request);
        return caller.map(c -> new Found(user, c, 0)).orElse(Found.refuse(400));
    }

    /** The From URI without parameters, as a strictly validated gateway address. */
    public static Optional<Address.External> callerOf(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        if (from == null) {
            return Optional.empty();
        }
        URI uri = from.getAddress().getURI();
        String text;
        if (uri instanceof SipURI sip) {
            text = (sip.isSecure() ? "sips:" : "sip:") + (sip.getUser() != null ? sip.getUser() + "@" : "")
                    + sip.getHost() + (sip.getPort() > 0 ? ":" + sip.getPort() : "");
        } else {
            text = uri.toString();
            int params = text.indexOf(';');
            if (params > 0) {
                text = text.substring(0, params);
            }
        }
        return Address.parse(text).filter(Address.External.class::isInstance).map(Address.External.class::cast);
    }
}

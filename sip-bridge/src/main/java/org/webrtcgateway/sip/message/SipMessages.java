package org.webrtcgateway.sip.message;

import java.io.IOException;

import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.call.CallContext;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.routing.Recipient;
import org.webrtcgateway.sip.stack.ClientHandler;

/**
 * SIP MESSAGE (RFC 3428) both ways. A {@code message} whose {@code data} is a JSON string goes as
 * {@code text/plain}, any other JSON as {@code application/json}; an incoming {@code text/plain}
 * body arrives as a JSON string, an {@code application/json} one as that JSON.
 */
public final class SipMessages {

    private static final Logger log = LoggerFactory.getLogger(SipMessages.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallContext context;
    private final Recipient recipients;

    public SipMessages(CallContext context, Recipient recipients) {
        this.context = context;
        this.recipients = recipients;
    }

    public void send(SipAccount account, String target, RawJson data) {
        Request request = context.endpoint().newRequest(Request.MESSAGE, account, target, target);
        String text = asText(data);
        if (text != null) {
            context.endpoint().setBody(request, "text", "plain", text);
        } else {
            context.endpoint().setBody(request, "application", "json", data.json());
        }
        context.endpoint().send(request, new ClientHandler() {
            @Override
            public void onResponse(ResponseEvent event) {
                int status = event.getResponse().getStatusCode();
                if ((status == 401 || status == 407) && context.endpoint().retryWithCredentials(event)) {
                    return;
                }
                if (status >= 300) {
                    log.info("MESSAGE from {} to {} refused with {}", account.aor(), target, status);
                }
            }

            @Override
            public void onFailure(String reason) {
                log.info("MESSAGE from {} to {} not delivered: {}", account.aor(), target, reason);
            }
        });
    }

    public void onMessage(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        Recipient.Found found = recipients.find(request);
        if (found.status() != 0) {
            context.endpoint().respond(transaction, request, found.status(), null);
            return;
        }
        String body = SipCall.body(request);
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        RawJson data;
        if (body == null) {
            data = new RawJson("\"\"");
        } else if (type == null || type.getContentType().equalsIgnoreCase("text")) {
            data = new RawJson(quote(body));
        } else if (type.getContentSubType().equalsIgnoreCase("json")) {
            if (!isJson(body)) {
                context.endpoint().respond(transaction, request, 400, null);
                return;
            }
            data = new RawJson(body);
        } else {
            context.endpoint().respond(transaction, request, 415, null);
            return;
        }
        RouteResult delivered = context.gateway().deliver(found.user(), new Signal.Text(found.caller(), null, data));
        context.endpoint().respond(transaction, request, delivered.isAccepted() ? 200 : 480, null);
    }

    /** A control character that is not a line break or tab: nothing a text message needs, and a NUL ends a C string. */
    private static final java.util.regex.Pattern STRAY_CONTROL = java.util.regex.Pattern.compile("[\\p{Cntrl}&&[^\\t\\r\\n]]");

    /**
     * Why {@code data} may not go out as a SIP MESSAGE, or empty when it may. Its text is a body, delimited by
     * Content-Length, so line breaks are text there; but a NUL or another control character would reach PBXs and
     * phones written in C that end a string at it or print it raw, and no person typed it.
     */
    public static java.util.Optional<String> refusal(RawJson data) {
        String text = asText(data);
        String checked = text != null ? text : data.json();
        return STRAY_CONTROL.matcher(checked).find()
                ? java.util.Optional.of("a message to SIP may not hold control characters other than tab and line breaks")
                : java.util.Optional.empty();
    }

    /** The string when {@code data} is a JSON string, else null. */
    static String asText(RawJson data) {
        try {
            JsonNode node = JSON.readTree(data.json());
            return node.isTextual() ? node.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJson(String body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package org.webrtcgateway.sip.media;

/**
 * Why a relayed call's media could not be set up; {@link #reason} is the browser's {@code bye} reason:
 * {@value #UNREACHABLE} (no rtpengine answered) or {@value #NOT_ACCEPTABLE} (rtpengine refused the SDP, e.g. no codec it
 * can bridge).
 */
public final class MediaFailure extends Exception {

    public static final String UNREACHABLE = "media-relay-unreachable";
    public static final String NOT_ACCEPTABLE = "not-acceptable";

    private final String reason;

    public MediaFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The {@link MediaFailure} inside a failed future's exception, or one saying the relay is unreachable. */
    public static MediaFailure of(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException) {
            cause = cause.getCause();
        }
        return cause instanceof MediaFailure failure ? failure : new MediaFailure(UNREACHABLE, String.valueOf(cause));
    }
}

package org.webrtcgateway.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.webrtcgateway.core.admin.AdminConfig;
import org.webrtcgateway.core.config.Settings;

/**
 * {@code gateway status}: asks the running gateway's admin API, found and authorized by the same configuration the
 * gateway reads, for its users, rooms and calls, and prints them ({@link StatusSummary}). 0 when printed; 1 with
 * one line on stderr when the admin API is off, cannot be reached, or refuses the token.
 */
final class StatusCommand {

    static final int FAILED = 1;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private StatusCommand() {
    }

    static int run(Settings settings, PrintStream out, PrintStream err) {
        AdminConfig admin = AdminConfig.from(settings);
        if (!admin.enabled()) {
            err.println("gateway: the admin API is off (admin.enabled is false); 'gateway status' reads it: set admin.enabled,"
                    + " admin.token (or admin.token-file) and restart the gateway");
            return FAILED;
        }
        URI uri = URI.create("http://" + reachable(admin.bind()) + ":" + admin.port() + "/admin/api/status");
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(WAIT).header("Authorization", "Bearer " + admin.token()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("gateway: cannot reach the admin API at " + uri + " (" + (e instanceof ConnectException
                    ? "connection refused" : "no connection within " + WAIT.toSeconds() + " s") + "); is the gateway running,"
                    + " with this configuration (admin.bind, admin.port)?");
            return FAILED;
        } catch (HttpTimeoutException e) {
            err.println("gateway: the admin API at " + uri + " did not answer within " + WAIT.toSeconds() + " s");
            return FAILED;
        } catch (IOException e) {
            err.println("gateway: cannot read the admin API at " + uri + ": " + reason(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
        if (response.statusCode() == 401) {
            err.println("gateway: the admin API at " + uri + " refused the token: admin.token (or admin.token-file) here is"
                    + " not the one the gateway runs with");
            return FAILED;
        }
        if (response.statusCode() != 200) {
            err.println("gateway: the admin API at " + uri + " answered " + response.statusCode() + ": " + response.body().strip());
            return FAILED;
        }
        JsonNode status;
        try {
            status = new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            err.println("gateway: " + uri + " did not answer with the admin API's JSON: " + reason(e));
            return FAILED;
        }
        out.print(StatusSummary.of(status));
        return 0;
    }

    /** Where to connect for a listener bound to {@code bind}: loopback for the wildcard addresses. */
    static String reachable(String bind) {
        return switch (bind) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        };
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

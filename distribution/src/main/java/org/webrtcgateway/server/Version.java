package org.webrtcgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The gateway's version, as Maven wrote it into this module's jar, and the Java it runs on. */
final class Version {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.webrtcgateway/distribution/pom.properties";

    private Version() {
    }

    /** E.g. {@code 0.1.0}; {@code development build} when run from classes rather than the jar. */
    static String number() {
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: a version is not worth failing for
        }
        return "development build";
    }

    /** E.g. {@code webrtc-gateway 0.1.0 (Java 17.0.15, Debian)}. */
    static String describe() {
        return "webrtc-gateway " + number() + " (Java " + System.getProperty("java.version") + ", "
                + System.getProperty("java.vendor") + ")";
    }
}

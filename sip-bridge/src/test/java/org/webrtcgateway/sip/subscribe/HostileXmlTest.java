package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NOTIFY bodies come from any phone behind the PBX: XML that tries to read files, reach the network or
 * expand entities without end is refused before anything is read, fetched or expanded.
 */
class HostileXmlTest {

    @TempDir
    Path folder;

    @Test
    void anExternalEntityNamingALocalFileIsRefusedAndTheFileIsNotRead() throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "the-secret");
        String xxe = "<?xml version='1.0'?><!DOCTYPE presence [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]>"
                + "<presence xmlns='urn:ietf:params:xml:ns:pidf'><note>&x;</note>"
                + "<tuple id='t'><status><basic>open</basic></status></tuple></presence>";

        assertThatThrownBy(() -> Pidf.parse(xxe)).isInstanceOf(MalformedBody.class).hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("the-secret");
    }

    @Test
    void anExternalDtdIsNotFetched() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(300);
            String dtd = "<?xml version='1.0'?><!DOCTYPE dialog-info SYSTEM 'http://127.0.0.1:" + listener.getLocalPort()
                    + "/evil.dtd'><dialog-info state='full'/>";

            assertThatThrownBy(() -> DialogInfo.parse(dtd)).isInstanceOf(MalformedBody.class);
            boolean connected;
            try {
                listener.accept().close();
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("the parser connected to fetch the DTD").isFalse();
        }
    }

    @Test
    void entitiesThatExpandWithoutEndAreRefused() {
        StringBuilder laughs = new StringBuilder("<?xml version='1.0'?><!DOCTYPE dialog-info [<!ENTITY l0 'lol'>");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10)).append("'>");
        }
        laughs.append("]><dialog-info state='full'><dialog id='&l9;'><state>early</state></dialog></dialog-info>");

        assertThatThrownBy(() -> DialogInfo.parse(laughs.toString())).isInstanceOf(MalformedBody.class);
    }

    @Test
    void anXIncludeIsNotFollowed() throws IOException, MalformedBody {
        Path secret = Files.writeString(folder.resolve("include.xml"), "<note>the-secret</note>");
        String include = "<presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:xi='http://www.w3.org/2001/XInclude'>"
                + "<xi:include href='" + secret.toUri() + "'/><tuple id='t'><status><basic>open</basic></status></tuple></presence>";

        assertThat(Pidf.parse(include).note()).isNull();
    }

    @Test
    void aBodyLargerThanAnySipMessageIsRefusedUnparsed() {
        String huge = "<dialog-info state='full'>" + " ".repeat(SafeXml.MAX_CHARS) + "</dialog-info>";

        assertThatThrownBy(() -> DialogInfo.parse(huge)).isInstanceOf(MalformedBody.class).hasMessageContaining("over");
    }

    /** Found by review while fuzzing (the fuzzers' inputs are too short): reading the state's text overflowed the stack. */
    @Test
    void elementsNestedAsDeepAsABodyAllowsAreRefusedBeforeTheyExhaustTheStack() {
        int depth = (SafeXml.MAX_CHARS - 200) / "<a></a>".length();
        String nested = "<dialog-info state='full'><dialog id='d'><state>" + "<a>".repeat(depth) + "early" + "</a>".repeat(depth)
                + "</state></dialog></dialog-info>";

        assertThatThrownBy(() -> DialogInfo.parse(nested)).isInstanceOf(MalformedBody.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> Pidf.parse(nested.replace("dialog-info", "presence"))).isInstanceOf(MalformedBody.class);
    }
}

package org.webrtcgateway.testing.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' HAProxy file becomes a loopback one by changing its addresses and machine lines only. */
class ClusterTemplateTest {

    private static final Path SOCKET = Path.of("/tmp/test/admin.sock");

    @Test
    void theShippedTemplateKeepsEveryLineButItsAddressesAndItsMachineLines() {
        ClusterTemplate shipped = ClusterTemplate.shipped();
        String rendered = shipped.render(4000, List.of(5001, 5002, 5003), SOCKET);

        assertThat(rendered.lines()).contains("    bind 127.0.0.1:4000", "    log stdout format raw local0",
                        "    stats socket /tmp/test/admin.sock mode 600 level admin",
                        "    server node1 127.0.0.1:5001", "    server node2 127.0.0.1:5002", "    server node3 127.0.0.1:5003")
                .doesNotContain("    daemon", "    chroot /var/lib/haproxy", "    bind :80")
                .noneMatch(line -> !line.strip().startsWith("#") && line.contains("192.0.2."));
        // what the tests are about stays as the README has it
        assertThat(rendered.lines()).contains("    balance leastconn", "    option httpchk GET /readyz", "    timeout tunnel 75s",
                "    default-server check inter 500ms fall 2 rise 2 send-proxy-v2 check-send-proxy", "    option redispatch 1");
    }

    @Test
    void serversTakeTheOptionsOfTheFirstServerLineAndAsManyAsThereAreGateways(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("haproxy.cfg");
        Files.writeString(file, String.join("\n",
                "defaults",
                "    timeout client 30s",
                "frontend f",
                "    bind :80",
                "    bind :81 # a second address: one loopback address replaces both",
                "backend b",
                "    server a 10.0.0.1:80 check send-proxy-v2",
                "    server b 10.0.0.2:80 check send-proxy-v2",
                ""));

        String rendered = ClusterTemplate.of(file).withTimeout("client", "1s").render(4000, List.of(5001, 5002, 5003, 5004), SOCKET);

        assertThat(rendered.lines().filter(line -> line.contains("server ")))
                .containsExactly("    server node1 127.0.0.1:5001 check send-proxy-v2", "    server node2 127.0.0.1:5002 check send-proxy-v2",
                        "    server node3 127.0.0.1:5003 check send-proxy-v2", "    server node4 127.0.0.1:5004 check send-proxy-v2");
        assertThat(rendered.lines().filter(line -> line.contains("bind"))).containsExactly("    bind 127.0.0.1:4000");
        assertThat(rendered.lines()).contains("    timeout client 1s").doesNotContain("    timeout client 30s");
    }

    @Test
    void aTimeoutTheTemplateDoesNotSetCannotBeChanged() {
        ClusterTemplate template = ClusterTemplate.shipped().withTimeout("queue", "1s");

        assertThatThrownBy(() -> template.render(4000, List.of(5001), SOCKET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("timeout [queue]");
    }

    @Test
    void aTemplateWithoutServersIsRefused(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("haproxy.cfg");
        Files.writeString(file, "frontend f\n    bind :80\nbackend b\n    balance leastconn\n");

        assertThatThrownBy(() -> ClusterTemplate.of(file).render(4000, List.of(5001), SOCKET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'server' lines");
    }

    /**
     * The JS twin of {@link ClusterTemplate#render} (e2e/lib/haproxy.mjs, for the browser test) must render the same:
     * both are compared with this file (e2e/haproxy-template.test.mjs for the JS one). After a change to the shipped
     * template, write it again with {@code -Dgolden.write=true} and check the difference.
     */
    @Test
    void theRenderingIsTheOneTheBrowserTestsRendererIsCheckedAgainst() throws Exception {
        Path golden = org.webrtcgateway.testing.SourceTree.file("e2e/lib/haproxy-cluster-rendered.golden.cfg");
        String rendered = ClusterTemplate.shipped().render(4000, List.of(5001, 5002, 5003), Path.of("/tmp/haproxy-stats.sock"));
        if (Boolean.getBoolean("golden.write")) {
            java.nio.file.Files.writeString(golden, rendered);
        }

        assertThat(rendered).as("%s (write it again with -Dgolden.write=true after a change to the template)", golden)
                .isEqualTo(java.nio.file.Files.readString(golden));
    }
}

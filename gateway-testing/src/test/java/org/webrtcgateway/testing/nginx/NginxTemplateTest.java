package org.webrtcgateway.testing.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The operators' nginx file becomes a loopback one by changing its addresses only. */
class NginxTemplateTest {

    @Test
    void theShippedTemplateKeepsEveryLineButItsAddresses() {
        String rendered = NginxTemplate.shipped().render(4000, List.of(5001, 5002, 5003));

        assertThat(rendered.lines()).contains("    listen 127.0.0.1:4000;",
                        "    server 127.0.0.1:5001 max_fails=1 fail_timeout=10s;", "    server 127.0.0.1:5002 max_fails=1 fail_timeout=10s;",
                        "    server 127.0.0.1:5003 max_fails=1 fail_timeout=10s;")
                .doesNotContain("    listen 80;")
                .noneMatch(line -> !line.strip().startsWith("#") && line.contains("192.0.2."));
        assertThat(rendered.lines()).contains("    least_conn;", "        proxy_next_upstream error timeout;",
                "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "        proxy_read_timeout 75s;");
    }

    @Test
    void aDirectiveTheTemplateSetsMayBeChangedAndOnlySuch() {
        assertThat(NginxTemplate.shipped().withDirective("proxy_read_timeout", "1s").render(4000, List.of(5001)).lines())
                .contains("        proxy_read_timeout 1s;").doesNotContain("        proxy_read_timeout 75s;");
        assertThatThrownBy(() -> NginxTemplate.shipped().withDirective("keepalive_timeout", "1s").render(4000, List.of(5001)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keepalive_timeout");
    }
}

package org.webrtcgateway.xmpp.jingle.hdrext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.xmpp.jingle.hdrext.element.ExtmapAllowMixed;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;
import org.webrtcgateway.xmpp.jingle.hdrext.provider.RtpHeaderExtensionProviders;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SourceParameter;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;
import org.webrtcgateway.xmpp.jingle.ssma.provider.SourceSpecificMediaProviders;

/**
 * The XEP-0294 and XEP-0339 elements together in an RTP {@code <description/>}, as a browser's video m-line maps to
 * it, reached the way the RTP description's own parser must reach them: through the registry.
 */
class RtpDescriptionChildrenTest {

    private static final String VIDEO_DESCRIPTION = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <payload-type id='96' name='VP8' clockrate='90000'/>
              <payload-type id='97' name='rtx' clockrate='90000'>
                <parameter name='apt' value='96'/>
              </payload-type>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='2'
                          uri='http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time'/>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='4' uri='urn:ietf:params:rtp-hdrext:sdes:mid'/>
              <extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>
              <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>
                <source ssrc='3735928559'/>
                <source ssrc='1234'/>
              </ssrc-group>
              <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='3735928559'>
                <parameter name='cname' value='c1'/>
                <parameter name='msid' value='stream track'/>
              </source>
              <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1234'>
                <parameter name='cname' value='c1'/>
              </source>
              <rtcp-mux/>
            </description>
            """;

    @BeforeAll
    static void registerProviders() {
        RtpHeaderExtensionProviders.register();
        SourceSpecificMediaProviders.register();
    }

    @Test
    void registeredProvidersParseTheChildrenAndTheDescriptionWritesBackTheSameXml() throws Exception {
        GenericParent description = GenericParent.parse(VIDEO_DESCRIPTION);

        assertThat(description.getChildren(RtpHeaderExtension.class)).containsExactly(
                new RtpHeaderExtension(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
                new RtpHeaderExtension(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
        assertThat(description.getChildren(ExtmapAllowMixed.class)).containsExactly(ExtmapAllowMixed.INSTANCE);
        assertThat(description.getChildren(SsrcGroup.class)).containsExactly(
                SsrcGroup.ofSsrcs(SsrcGroup.FLOW_IDENTIFICATION, 3735928559L, 1234L));
        assertThat(description.getChildren(MediaSource.class)).containsExactly(
                new MediaSource(3735928559L, List.of(new SourceParameter("cname", "c1"),
                        new SourceParameter("msid", "stream track"))),
                new MediaSource(1234L, List.of(new SourceParameter("cname", "c1"))));
        assertEquivalentXml(description.toXML(), VIDEO_DESCRIPTION);
    }

    @Test
    void smacksGenericParserDoesNotUseTheRegistryForChildren() throws Exception {
        // Why the RTP description parser has to call PacketParserUtils.parseExtensionElement for each child it does
        // not know itself, rather than parse the whole element with StandardExtensionElementProvider.
        StandardExtensionElement description = StandardExtensionElementProvider.INSTANCE.parse(
                PacketParserUtils.getParserFor(VIDEO_DESCRIPTION));

        assertThat(description.getElements()).extracting(ExtensionElement::getElementName).contains("rtp-hdrext",
                "source");
        assertThat(description.getElements()).allMatch(child -> child.getClass() == StandardExtensionElement.class);
    }
}

package org.webrtcgateway.xmpp.jingle.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0338_SECTION_2_SESSION_INITIATE;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.xmpp.jingle.SmacksJingleParser;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;
import org.webrtcgateway.xmpp.jingle.grouping.provider.ContentGroupProvider;
import org.webrtcgateway.xmpp.jingle.grouping.provider.GroupingProviders;
import org.webrtcgateway.xmpp.jingle.hdrext.GenericParent;

/**
 * XEP-0338 (version 1.0.0): the listings of its section 2 (it has no numbered example but its disco#info ones), and why
 * the bridge needs a {@code <jingle/>} parser of its own.
 */
class ContentGroupTest {

    /** XEP-0338 section 2, the listing of its example {@code a=group:LS voice webcam}. */
    private static final String XEP_0338_SECTION_2_LIP_SYNC = """
            <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='LS'>
              <content name='voice'/>
              <content name='webcam'/>
            </group>
            """;

    @BeforeAll
    static void registerProviders() {
        GroupingProviders.register();
    }

    private static ContentGroup parse(String xml) throws Exception {
        return ContentGroupProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    @Test
    void lipSyncExampleParsesToItsValuesAndWritesBackTheSameXml() throws Exception {
        ContentGroup group = parse(XEP_0338_SECTION_2_LIP_SYNC);

        assertThat(group).isEqualTo(new ContentGroup(ContentGroup.LIP_SYNCHRONIZATION, List.of("voice", "webcam")));
        assertEquivalentXml(group.toXML(), XEP_0338_SECTION_2_LIP_SYNC);
    }

    @Test
    void smacksJingleParserFailsOnTheExample() {
        // Smack 4.4.8's JingleProvider logs "Unknown Jingle element: group" but does not skip the group's subtree, and
        // it tells children of <jingle/> apart by name alone: the group's <content name/> children are then parsed as
        // Jingle contents, without creator. The NullPointerException is not one Smack's connection catches as a
        // parsing error: it would end the connection.
        assertThatThrownBy(() -> SmacksJingleParser.parse(XEP_0338_SECTION_2_SESSION_INITIATE))
                .isInstanceOf(NullPointerException.class)
                .hasStackTraceContaining("JingleProvider.parseJingleContent");
    }

    @Test
    void smacksJingleParserDropsAGroupItCanSkip() throws Exception {
        String withEmptyGroup = XEP_0338_SECTION_2_SESSION_INITIATE.replaceAll("(?s)<group (.*?)>.*?</group>",
                "<group $1/>");

        Jingle jingle = SmacksJingleParser.parse(withEmptyGroup);

        // Its Jingle IQ has no place for other children either.
        assertThat(jingle.getContents()).extracting(JingleContent::getName).containsExactly("voice", "webcam");
        assertThat(jingle.toXML().toString()).doesNotContain(ContentGroup.NAMESPACE);
    }

    @Test
    void aJingleParserHandingOverItsUnknownChildrenGetsTheGroup() throws Exception {
        // The <jingle/> element of the example, parsed as the bridge's own parser must treat the children it does
        // not know itself.
        String iq = XEP_0338_SECTION_2_SESSION_INITIATE;
        String jingleXml = iq.substring(iq.indexOf("<jingle"), iq.indexOf("</iq>"));

        GenericParent jingle = GenericParent.parse(jingleXml);

        assertThat(jingle.getChildren(ContentGroup.class)).containsExactly(
                new ContentGroup(ContentGroup.BUNDLE, List.of("voice", "webcam")));
        assertEquivalentXml(jingle.toXML(), jingleXml);
    }

    @Test
    void anEmptyGroupIsAllowed() throws Exception {
        // a=group:BUNDLE with no mid: what an answer rejecting every m-line of a bundle may say.
        ContentGroup group = parse("<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'/>");

        assertThat(group.getContentNames()).isEmpty();
        assertThat(group.toXML().toString())
                .isEqualTo("<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'/>");
    }

    @Test
    void missingSemanticsOrContentNameIsRefused() {
        assertThatThrownBy(() -> parse("<group xmlns='urn:xmpp:jingle:apps:grouping:0'><content name='a'/></group>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("group must have a non-empty 'semantics' attribute");
        assertThatThrownBy(() -> parse(
                "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content/></group>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("group content must have a non-empty 'name' attribute");
        assertThatThrownBy(() -> new ContentGroup("BUNDLE", List.of("a", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("content names must not be empty");
    }

    @Test
    void unknownAttributesAndChildrenAreKeptAndWrittenBack() throws Exception {
        // XEP-0338 has no schema: nothing forbids them.
        String xml = """
                <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE' vendor-hint='x'>
                  <content name='audio'/>
                  <extra xmlns='urn:example:vendor' level='2'/>
                </group>
                """;

        ContentGroup group = parse(xml);

        assertThat(group.getContentNames()).containsExactly("audio");
        assertThat(group.getOtherAttributes()).containsExactly(Map.entry("vendor-hint", "x"));
        assertThat(group.getOtherChildren()).singleElement().isInstanceOf(StandardExtensionElement.class);
        assertEquivalentXml(group.toXML(), xml);
        assertThat(parse(group.toXML().toString())).isEqualTo(group);
    }

    @Test
    void registrationIsIdempotent() {
        GroupingProviders.register();
        GroupingProviders.register();

        assertThat(ProviderManager.getExtensionProvider(ContentGroup.ELEMENT, ContentGroup.NAMESPACE))
                .isSameAs(ContentGroupProvider.INSTANCE);
    }
}

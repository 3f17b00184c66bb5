package org.webrtcgateway.xmpp.jingle.jmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.element.JingleReason.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage.Action;
import org.webrtcgateway.xmpp.jingle.jmi.element.StoreHint;
import org.webrtcgateway.xmpp.jingle.jmi.provider.JingleMessageProvider;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;

/**
 * XEP-0353 (version 0.7.0): each of its examples in its whole {@code <message/>}, what it refuses, and reasons both
 * ways.
 */
class JingleMessageTest {

    private static final String ROMEO = "romeo@montague.example/orchard";
    private static final String JULIET = "juliet@capulet.example/phone";
    /** The examples' session id, and the ids of their tie-breaking examples. */
    private static final String ID = "ca3cf894-5325-482f-a412-a6e9f832298d";
    private static final String HIGHER_ID = "fecbea35-08d3-404f-9ec7-2b57c566fa74";
    private static final String NEW_ID = "989a46a6-f202-4910-a7c3-83c6ba3f3947";

    /** Example 1, "Initiator Sends Intent Message". */
    private static final String PROPOSE = message(ROMEO, """
            <propose xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'>
              <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>
            </propose>
            """);

    /** Example 3, "One of Responder's Resources Reports it is Ringing". */
    private static final String RINGING = message(JULIET, """
            <ringing xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'/>
            """);

    /** Example 4, "Initiator Sends Retract Message". */
    private static final String RETRACT = message(ROMEO, """
            <retract xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'>
              <reason xmlns="urn:xmpp:jingle:1">
                <cancel/>
                <text>Retracted</text>
              </reason>
            </retract>
            """);

    /** Example 5, "One of Responder's Resources Accepts the Call". */
    private static final String PROCEED = message(JULIET, """
            <proceed xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'/>
            """);

    /** Example 7, "One of Responder's Resources Rejects the Call". */
    private static final String REJECT = message(JULIET, """
            <reject xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'>
              <reason xmlns="urn:xmpp:jingle:1">
                <busy/>
                <text>Busy</text>
              </reason>
            </reject>
            """);

    /** Examples 9 and 10, "Initiator/Responder Sends Finish Message" (the same element). */
    private static final String FINISH = message(ROMEO, """
            <finish xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'>
              <reason xmlns="urn:xmpp:jingle:1">
                <success/>
                <text>Success</text>
              </reason>
            </finish>
            """);

    /** Example 11, "Tie break in propose state": Romeo rejects the higher session id. */
    private static final String TIE_BREAK_REJECT = message(ROMEO, """
            <reject xmlns='urn:xmpp:jingle-message:0' id='fecbea35-08d3-404f-9ec7-2b57c566fa74'>
              <reason xmlns="urn:xmpp:jingle:1">
                <expired/>
                <text>Tie-Break</text>
              </reason>
              <tie-break/>
            </reject>
            """);

    /** Example 11: Juliet retracts the higher session id (the XEP closes it with {@code </reject>}, a typo). */
    private static final String TIE_BREAK_RETRACT = message(JULIET, """
            <retract xmlns='urn:xmpp:jingle-message:0' id='fecbea35-08d3-404f-9ec7-2b57c566fa74'>
              <reason xmlns="urn:xmpp:jingle:1">
                <expired/>
                <text>Tie-Break</text>
              </reason>
              <tie-break/>
            </retract>
            """);

    /** Example 12, "Tie break in accept state": Romeo finishes the old session, migrated to the new one. */
    private static final String MIGRATED_FINISH = message(ROMEO, """
            <finish xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'>
              <reason xmlns="urn:xmpp:jingle:1">
                <expired/>
                <text>Session migrated</text>
              </reason>
              <migrated to='989a46a6-f202-4910-a7c3-83c6ba3f3947'/>
            </finish>
            """);

    /** The XEP's messages: of type chat, to the other party's bare JID, with XEP-0334's store hint. */
    private static String message(String from, String payload) {
        String to = from.equals(ROMEO) ? "juliet@capulet.example" : "romeo@montague.example";
        // jabber:client is the stream's default namespace, which the XEP's examples leave out and Smack writes.
        return "<message xmlns='jabber:client' from='" + from + "' to='" + to + "' type='chat'>" + payload
                + "<store xmlns=\"urn:xmpp:hints\"/></message>";
    }

    @BeforeAll
    static void registerProviders() {
        JingleExtensions.registerAll();
    }

    private static Message parse(String messageXml) throws Exception {
        return PacketParserUtils.parseStanza(messageXml);
    }

    private static JingleMessage parseJingleMessage(String messageXml) throws Exception {
        return JingleMessage.from(parse(messageXml));
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                example("propose", PROPOSE, JingleMessage.propose(ID, List.of("audio"))),
                example("ringing", RINGING, JingleMessage.of(Action.ringing, ID)),
                example("retract", RETRACT, JingleMessage.of(Action.retract, ID)
                        .withReason(new JingleReason(Reason.cancel, "Retracted", null))),
                example("proceed", PROCEED, JingleMessage.of(Action.proceed, ID)),
                example("reject", REJECT, JingleMessage.of(Action.reject, ID)
                        .withReason(new JingleReason(Reason.busy, "Busy", null))),
                example("finish", FINISH, JingleMessage.of(Action.finish, ID)
                        .withReason(new JingleReason(Reason.success, "Success", null))),
                example("tie-break reject", TIE_BREAK_REJECT, JingleMessage.of(Action.reject, HIGHER_ID)
                        .withReason(new JingleReason(Reason.expired, "Tie-Break", null)).withTieBreak()),
                example("tie-break retract", TIE_BREAK_RETRACT, JingleMessage.of(Action.retract, HIGHER_ID)
                        .withReason(new JingleReason(Reason.expired, "Tie-Break", null)).withTieBreak()),
                example("migrated finish", MIGRATED_FINISH, JingleMessage.of(Action.finish, ID)
                        .withReason(new JingleReason(Reason.expired, "Session migrated", null))
                        .withMigratedTo(NEW_ID)));
    }

    private static Arguments example(String name, String messageXml, JingleMessage built) {
        return arguments(Named.of(name, messageXml), built);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void eachExampleParsesToWhatTheApiBuildsAndItsMessageWritesBackTheSameXml(String messageXml,
            JingleMessage built) throws Exception {
        Message message = parse(messageXml);

        assertThat(JingleMessage.from(message)).isEqualTo(built);
        assertEquivalentXml(message.toXML(), messageXml);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void aMessageBuiltWithTheApiAndTheStoreHintIsTheExample(String messageXml, JingleMessage built)
            throws Exception {
        Message example = parse(messageXml);
        Message message = StanzaBuilder.buildMessage()
                .from(example.getFrom()).to(example.getTo()).ofType(Message.Type.chat)
                .addExtension(built).addExtension(StoreHint.INSTANCE)
                .build();

        assertEquivalentXml(message.toXML(), messageXml);
    }

    @Test
    void theGettersSayWhatTheExamplesSay() throws Exception {
        JingleMessage propose = parseJingleMessage(PROPOSE);
        assertThat(propose.getAction()).isEqualTo(Action.propose);
        assertThat(propose.getId()).isEqualTo(ID);
        assertThat(propose.getMedia()).containsExactly("audio");
        assertThat(propose.getReason()).isNull();

        JingleMessage finish = parseJingleMessage(MIGRATED_FINISH);
        assertThat(finish.getMedia()).isEmpty();
        assertThat(finish.getReason().asEnum()).isEqualTo(Reason.expired);
        assertThat(finish.getReason().getText()).isEqualTo("Session migrated");
        assertThat(finish.getMigratedTo()).isEqualTo(NEW_ID);
        assertThat(finish.isTieBreak()).isFalse();
        assertThat(finish.getOtherChildren()).isEmpty();

        assertThat(parseJingleMessage(TIE_BREAK_REJECT).isTieBreak()).isTrue();
    }

    @Test
    void aProposalOfAudioAndVideoHasOneDescriptionEach() throws Exception {
        JingleMessage propose = JingleMessage.propose(ID, List.of(RtpDescription.MEDIA_AUDIO, RtpDescription.MEDIA_VIDEO));

        assertEquivalentXml(propose.toXML(), """
                <propose xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-5325-482f-a412-a6e9f832298d'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'/>
                </propose>
                """);
        assertThat(parseJingleMessage(message(ROMEO, propose.toXML().toString()))).isEqualTo(propose);
    }

    @Test
    void fromFindsTheFirstJingleMessageAndNothingInAMessageWithout() throws Exception {
        Message message = StanzaBuilder.buildMessage()
                .addExtension(StoreHint.INSTANCE)
                .addExtension(JingleMessage.of(Action.ringing, "first"))
                .addExtension(JingleMessage.of(Action.proceed, "second"))
                .build();

        assertThat(JingleMessage.from(message).getId()).isEqualTo("first");
        assertThat(JingleMessage.from(StanzaBuilder.buildMessage().setBody("hi").build())).isNull();
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void aMissingIdIsRefused(Action action) {
        String element = "<" + action + " xmlns='urn:xmpp:jingle-message:0'>"
                + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></" + action + ">";

        assertThatThrownBy(() -> parse(message(ROMEO, element)))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("<" + action + "/> must have a non-empty 'id' attribute, the Jingle session id");
        assertThatThrownBy(() -> parse(message(ROMEO, element.replace("'>", "' id=''>"))))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("<" + action + "/> must have a non-empty 'id' attribute, the Jingle session id");
    }

    @Test
    void theApiRefusesAMissingOrEmptyIdToo() {
        assertThatThrownBy(() -> JingleMessage.of(Action.ringing, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<ringing/> needs a non-empty id, the Jingle session id");
        assertThatThrownBy(() -> JingleMessage.propose("", List.of("audio")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<propose/> needs a non-empty id, the Jingle session id");
    }

    @Test
    void aProposalWithoutDescriptionIsRefused() {
        assertThatThrownBy(() -> parse(message(ROMEO, "<propose xmlns='urn:xmpp:jingle-message:0' id='a'/>")))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("<propose/> needs at least one <description/>");
        assertThatThrownBy(() -> JingleMessage.propose(ID, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<propose/> needs at least one media type");
        assertThatThrownBy(() -> JingleMessage.of(Action.propose, ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("<propose/> needs at least one <description/>");
    }

    @Test
    void aProposalOfAnotherApplicationKeepsItsDescription() throws Exception {
        // XEP-0353 proposes any Jingle application; only RTP's media are the bridge's, the rest is kept.
        String propose = """
                <propose xmlns='urn:xmpp:jingle-message:0' id='a'>
                  <description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/>
                </propose>
                """;

        JingleMessage parsed = parseJingleMessage(message(ROMEO, propose));

        assertThat(parsed.getMedia()).isEmpty();
        assertThat(parsed.getOtherChildren()).singleElement().isInstanceOf(StandardExtensionElement.class);
        assertEquivalentXml(parsed.toXML(), propose);
    }

    @Test
    void aFinishWithoutReasonIsRefused() {
        assertThatThrownBy(() -> parse(message(ROMEO, "<finish xmlns='urn:xmpp:jingle-message:0' id='a'/>")))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("<finish/> must have a <reason/>");
    }

    @Test
    void aRejectOrRetractWithoutReasonFromBeforeVersion04IsAccepted() throws Exception {
        assertThat(parseJingleMessage(message(JULIET, "<reject xmlns='urn:xmpp:jingle-message:0' id='a'/>")))
                .isEqualTo(JingleMessage.of(Action.reject, "a"));
        assertThat(parseJingleMessage(message(ROMEO, "<retract xmlns='urn:xmpp:jingle-message:0' id='a'/>")))
                .isEqualTo(JingleMessage.of(Action.retract, "a"));
    }

    @Test
    void malformedReasonsAreRefused() {
        Map<String, String> refusals = Map.of(
                "<reason xmlns='urn:xmpp:jingle:1'><text>why</text></reason>",
                "<reason/> lacks a condition element",
                "<reason xmlns='urn:xmpp:jingle:1'><busy/><decline/></reason>",
                "<reason/> has two conditions, <busy/> and <decline/>",
                "<reason xmlns='urn:xmpp:jingle:1'><bored/></reason>",
                "<reason/> has an unknown condition <bored/>",
                "<reason xmlns='urn:xmpp:jingle:1'><alternative-session/></reason>",
                "<alternative-session/> must have a non-empty <sid/>",
                "<reason xmlns='urn:xmpp:jingle:1'><busy/></reason><reason xmlns='urn:xmpp:jingle:1'><busy/></reason>",
                "<reject/> may have one <reason/>");
        refusals.forEach((reasons, refusal) -> assertThatThrownBy(
                () -> parse(message(JULIET, "<reject xmlns='urn:xmpp:jingle-message:0' id='a'>" + reasons + "</reject>")))
                .as(reasons)
                .isInstanceOf(SmackParsingException.class)
                .hasMessage(refusal));
    }

    @Test
    void aMigratedWithoutTargetIsRefused() {
        String finish = "<finish xmlns='urn:xmpp:jingle-message:0' id='a'>"
                + "<reason xmlns='urn:xmpp:jingle:1'><expired/></reason><migrated/></finish>";

        assertThatThrownBy(() -> parse(message(ROMEO, finish)))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("<migrated/> must have a non-empty 'to' attribute, the new Jingle session id");
    }

    @Test
    void anUnknownElementOfTheNamespaceIsNotOurs() throws Exception {
        // Only the seven names are registered: another one is parsed generically, and is no JingleMessage.
        Message message = parse(message(ROMEO, "<hangup xmlns='urn:xmpp:jingle-message:0' id='a'/>"));

        assertThat(message.getExtension(JingleMessage.NAMESPACE)).isInstanceOf(StandardExtensionElement.class);
        assertThat(JingleMessage.from(message)).isNull();
        assertThatThrownBy(() -> JingleMessageProvider.INSTANCE.parse(PacketParserUtils.getParserFor(
                "<hangup xmlns='urn:xmpp:jingle-message:0' id='a'/>")))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("Not a XEP-0353 element: <hangup xmlns='urn:xmpp:jingle-message:0'/>");
    }

    @Test
    void partsAnActionDoesNotCarryAreRefusedByTheApi() {
        assertThatThrownBy(() -> JingleMessage.of(Action.proceed, ID).withReason(JingleReason.Success))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0353 gives <proceed/> no <reason/>");
        assertThatThrownBy(() -> JingleMessage.of(Action.reject, ID).withMigratedTo(NEW_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0353 gives <reject/> no <migrated/>");
        assertThatThrownBy(() -> JingleMessage.of(Action.finish, ID).withTieBreak())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0353 gives <finish/> no <tie-break/>");
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                arguments(Action.reject, Reason.busy),
                arguments(Action.reject, Reason.decline),
                arguments(Action.finish, Reason.success),
                arguments(Action.retract, Reason.cancel));
    }

    @ParameterizedTest
    @MethodSource("reasons")
    void aReasonSurvivesTheRoundTrip(Action action, Reason condition) throws Exception {
        JingleMessage sent = JingleMessage.of(action, ID).withReason(new JingleReason(condition));

        JingleMessage received = parseJingleMessage(message(ROMEO, sent.toXML().toString()));

        assertThat(received).isEqualTo(sent);
        assertThat(received.getReason().asEnum()).isEqualTo(condition);
        assertThat(received.getReason().getText()).isNull();
        assertEquivalentXml(received.toXML(), "<" + action + " xmlns='urn:xmpp:jingle-message:0' id='" + ID + "'>"
                + "<reason xmlns='urn:xmpp:jingle:1'><" + condition + "/></reason></" + action + ">");
    }

    @Test
    void reasonTextDetailAndAlternativeSessionSurviveTheRoundTripEscaped() throws Exception {
        // Smack's own AlternativeSession.toXML would write the sid unescaped, and drop the text and the detail.
        JingleReason reason = new JingleReason.AlternativeSession("b<&'\"c", "Bye <now> & 'then'",
                StandardExtensionElement.builder("detail", "urn:example:vendor").addAttribute("code", "4&2").build());
        JingleMessage sent = JingleMessage.of(Action.finish, "id'<&>\"").withReason(reason);

        JingleMessage received = parseJingleMessage(message(ROMEO, sent.toXML().toString()));

        assertThat(received).isEqualTo(sent);
        assertThat(received.getId()).isEqualTo("id'<&>\"");
        assertThat(received.getReason()).isInstanceOfSatisfying(JingleReason.AlternativeSession.class,
                alternative -> assertThat(alternative.getAlternativeSessionId()).isEqualTo("b<&'\"c"));
        assertThat(received.getReason().getText()).isEqualTo("Bye <now> & 'then'");
        assertEquivalentXml(received.toXML(), """
                <finish xmlns='urn:xmpp:jingle-message:0' id="id'&lt;&amp;&gt;&quot;">
                  <reason xmlns='urn:xmpp:jingle:1'>
                    <alternative-session><sid>b&lt;&amp;'"c</sid></alternative-session>
                    <text>Bye &lt;now&gt; &amp; 'then'</text>
                    <detail xmlns='urn:example:vendor' code='4&amp;2'/>
                  </reason>
                </finish>
                """);
    }

    @Test
    void unknownAttributesAndChildrenAreKeptAndWrittenBack() throws Exception {
        // Conversations adds the OMEMO device its DTLS fingerprint is signed with to <proceed/>.
        String proceed = """
                <proceed xmlns='urn:xmpp:jingle-message:0' id='a' vendor-hint='x'>
                  <device xmlns='http://gultsch.de/xmpp/drafts/omemo/dlts-srtp-verification' id='1234'/>
                </proceed>
                """;

        JingleMessage parsed = parseJingleMessage(message(JULIET, proceed));

        assertThat(parsed.getOtherAttributes().asMap()).containsExactly(Map.entry("vendor-hint", "x"));
        assertThat(parsed.getOtherChildren()).singleElement()
                .extracting(child -> child.getElementName()).isEqualTo("device");
        assertEquivalentXml(parsed.toXML(), proceed);
        assertThat(parseJingleMessage(message(JULIET, parsed.toXML().toString()))).isEqualTo(parsed);
    }

    @Test
    void theStoreHintIsXep0334s() {
        assertThat(StoreHint.INSTANCE.toXML().toString()).isEqualTo("<store xmlns='urn:xmpp:hints'/>");
    }

    @Test
    void registrationCoversTheSevenElementsAndIsIdempotent() {
        JingleExtensions.registerAll();
        JingleExtensions.registerAll();

        for (Action action : Action.values()) {
            assertThat(ProviderManager.getExtensionProvider(action.name(), JingleMessage.NAMESPACE))
                    .as(action.name()).isSameAs(JingleMessageProvider.INSTANCE);
        }
    }
}

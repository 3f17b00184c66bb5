package org.webrtcgateway.xmpp.jingle;

/**
 * The XEP examples the Jingle tests share, each written once, and the few builders that wrap them into a
 * {@code <transport/>}, a {@code <content/>} or a whole {@code <iq/>}. Whitespace between elements and around text is
 * not significant to the parsers nor to {@link XmlAssert}.
 */
public final class JingleFixtures {

    public static final String ROMEO = "romeo@montague.lit/orchard";
    public static final String JULIET = "juliet@capulet.lit/balcony";
    /** The session id of the XEPs' examples. */
    public static final String SID = "a73sjjvkla37jfea";
    /** The {@code <jingle/>} attributes of an example session-initiate from Romeo. */
    public static final String ROMEO_SESSION_INITIATE =
            "action='session-initiate' initiator='" + ROMEO + "' sid='" + SID + "'";

    /** XEP-0176 1.1.1 example 1's ice-ufrag and ice-pwd. */
    public static final String UFRAG = "8hhy";
    public static final String PWD = "asd88fgpdd777uzjYhagZg";

    /** XEP-0176 1.1.1, example 1 "Initiation": the host candidate. */
    public static final String XEP_0176_HOST_CANDIDATE = """
            <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1'
                       network='1' port='8998' priority='2130706431' protocol='udp' type='host'/>
            """;

    /** XEP-0176 1.1.1, example 1 "Initiation": the server-reflexive candidate. */
    public static final String XEP_0176_SRFLX_CANDIDATE = """
            <candidate component='1' foundation='2' generation='0' id='y3s2b30v3r' ip='192.0.2.3'
                       network='1' port='45664' priority='1694498815' protocol='udp'
                       rel-addr='10.0.1.1' rel-port='8998' type='srflx'/>
            """;

    /** XEP-0320 1.0.0, example 1: the initiator's fingerprint. */
    public static final String XEP_0320_ACTPASS_FINGERPRINT = """
            <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>
              02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2
            </fingerprint>
            """;

    /** XEP-0176 1.1.1, example 1 "Initiation": the transport of a session-initiate. */
    public static final String XEP_0176_SESSION_INITIATE_TRANSPORT =
            iceUdpTransport(UFRAG, PWD, XEP_0176_HOST_CANDIDATE, XEP_0176_SRFLX_CANDIDATE);

    /** XEP-0176 1.1.1, example "Initiator restarts ICE negotiation": a transport-info with one candidate. */
    public static final String XEP_0176_TRANSPORT_INFO_TRANSPORT = iceUdpTransport("g7qs", "bv71hdn38hgb39hf6xlk33", """
            <candidate component='1' foundation='1' generation='1' id='y3s2b30v3r' ip='192.0.2.3'
                       network='1' port='45665' priority='1694498815' protocol='udp' type='srflx'/>
            """);

    /** XEP-0176 1.1.1, example 1 "Initiation": the audio description (XEP-0320's example 1 lacks its PCMU). */
    private static final String XEP_0176_AUDIO_DESCRIPTION = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id='96' name='speex' clockrate='16000'/>
              <payload-type id='97' name='speex' clockrate='8000'/>
              <payload-type id='18' name='G729'/>
              <payload-type id='0' name='PCMU' />
              <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
              <payload-type id='98' name='x-ISAC' clockrate='8000'/>
            </description>
            """;

    /** XEP-0176 1.1.1, example 1 "Initiation". */
    public static final String XEP_0176_SESSION_INITIATE = jingleIq(ROMEO, "ixt174g9", JULIET, ROMEO_SESSION_INITIATE,
            content("creator='initiator' name='this-is-the-audio-content'",
                    XEP_0176_AUDIO_DESCRIPTION, XEP_0176_SESSION_INITIATE_TRANSPORT));

    /** XEP-0176 1.1.1, example "Initiator restarts ICE negotiation": transport-info with one candidate. */
    public static final String XEP_0176_TRANSPORT_INFO = jingleIq(ROMEO, "kl23fs71", JULIET,
            "action='transport-info' initiator='" + ROMEO + "' sid='" + SID + "'",
            content("creator='initiator' name='this-is-the-audio-content'", XEP_0176_TRANSPORT_INFO_TRANSPORT));

    /** XEP-0320 1.0.0, example 1 "Initiator sends session invitation with DTLS fingerprint". */
    public static final String XEP_0320_SESSION_INITIATE = jingleIq(ROMEO, "uz61v4m4", JULIET, ROMEO_SESSION_INITIATE,
            content("creator='initiator' name='voice'",
                    XEP_0176_AUDIO_DESCRIPTION.replace("<payload-type id='0' name='PCMU' />", ""),
                    iceUdpTransport(UFRAG, PWD, XEP_0320_ACTPASS_FINGERPRINT, XEP_0176_HOST_CANDIDATE,
                            XEP_0176_SRFLX_CANDIDATE)));

    /** XEP-0320 1.0.0, example 3 "A transport-info containing a DTLS fingerprint" (its tabs included). */
    public static final String XEP_0320_TRANSPORT_INFO = jingleIq(JULIET, "pn2va48j", ROMEO,
            "action='transport-info' initiator='" + ROMEO + "' responder='" + JULIET + "' sid='" + SID + "'",
            content("creator='initiator' name='voice'", iceUdpTransport("9uB6", "YH75Fviy6338Vbrhrlp8Yh", """
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>
                    \t        BD:E8:2C:D3:BD:B6:98:50:45:7D:5B:36:89:53:31:15:52:25:88:82:06:95:88:A3:3D:A5:43:8D:5C:21:21:66
                    \t      </fingerprint>
                    <candidate component='1' foundation='1' generation='0' id='or2ii2syr1' ip='192.0.2.1'
                               network='0' port='3478' priority='2130706431' protocol='udp' type='host'/>
                    """)));

    /**
     * XEP-0338 1.0.0 section 2, the {@code <group/>} inside {@code <jingle/>}; the example's {@code [ ... ]} inside
     * each {@code <content/>} is left out.
     */
    public static final String XEP_0338_SESSION_INITIATE = jingleIq(ROMEO, "rg6s5134", JULIET, ROMEO_SESSION_INITIATE,
            """
            <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>
              <content name='voice'/>
              <content name='webcam'/>
            </group>
            """,
            content("creator='initiator' name='voice'"),
            content("creator='initiator' name='webcam'"));

    private JingleFixtures() {
    }

    /** An XEP-0176 {@code <transport/>} with these credentials and children. */
    public static String iceUdpTransport(String ufrag, String pwd, String... children) {
        return "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='" + pwd + "' ufrag='" + ufrag + "'>\n"
                + String.join("", children) + "</transport>\n";
    }

    /** A Jingle {@code <content/>} with these attributes and children. */
    public static String content(String attributes, String... children) {
        return "<content " + attributes + ">\n" + String.join("", children) + "</content>\n";
    }

    /** A {@code <iq type='set'/>} holding a {@code <jingle/>} with these attributes and children. */
    public static String jingleIq(String from, String id, String to, String jingleAttributes, String... children) {
        return "<iq from='" + from + "' id='" + id + "' to='" + to + "' type='set'>\n"
                + "<jingle xmlns='urn:xmpp:jingle:1' " + jingleAttributes + ">\n"
                + String.join("", children)
                + "</jingle>\n</iq>\n";
    }
}

package org.webrtcgateway.xmpp.jingle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XEP examples the Jingle tests share, each copied once from the XEP's text (the XSF's xsf/xeps repository) and
 * named after its example number there, or after its section for the XEPs' unnumbered listings; the parts of an
 * example a test needs alone are cut out of it by {@link #excerpt}, so they stay the XEP's own text. White space
 * between elements and around text is not significant to the parsers nor to {@link XmlAssert}.
 *
 * <p>Versions the examples were taken from: XEP-0176 1.1.1, XEP-0320 1.0.0, XEP-0338 1.0.0. Example numbers are
 * those of the XEP as published at that version (they count the XEP's {@code <example/>}s in order).
 *
 * <p>Also the few builders of XML that is not a XEP's example: a {@code <transport/>}, a {@code <content/>} or a
 * whole {@code <iq/>}.
 */
public final class JingleFixtures {

    public static final String ROMEO = "romeo@montague.lit/orchard";
    public static final String JULIET = "juliet@capulet.lit/balcony";

    /** XEP-0176 example 1's ice-ufrag and ice-pwd. */
    public static final String UFRAG = "8hhy";
    public static final String PWD = "asd88fgpdd777uzjYhagZg";

    /** XEP-0176 example 1, "Initiation": a session-initiate with an RTP audio description and two candidates. */
    public static final String XEP_0176_EXAMPLE_1 = """
            <iq from='romeo@montague.lit/orchard'
                id='ixt174g9'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-the-audio-content'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='96' name='speex' clockrate='16000'/>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                    <payload-type id='0' name='PCMU' />
                    <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
                    <payload-type id='98' name='x-ISAC' clockrate='8000'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='asd88fgpdd777uzjYhagZg'
                             ufrag='8hhy'>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='el0747fg11'
                               ip='10.0.1.1'
                               network='1'
                               port='8998'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                    <candidate component='1'
                               foundation='2'
                               generation='0'
                               id='y3s2b30v3r'
                               ip='192.0.2.3'
                               network='1'
                               port='45664'
                               priority='1694498815'
                               protocol='udp'
                               rel-addr='10.0.1.1'
                               rel-port='8998'
                               type='srflx'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0176 example 1: its {@code <transport/>}. */
    public static final String XEP_0176_EXAMPLE_1_TRANSPORT = excerpt(XEP_0176_EXAMPLE_1, "transport", 0);

    /** XEP-0176 example 1: its host candidate, the first. */
    public static final String XEP_0176_EXAMPLE_1_HOST_CANDIDATE = excerpt(XEP_0176_EXAMPLE_1, "candidate", 0);

    /** XEP-0176 example 1: its server-reflexive candidate, the second, with rel-addr and rel-port. */
    public static final String XEP_0176_EXAMPLE_1_SRFLX_CANDIDATE = excerpt(XEP_0176_EXAMPLE_1, "candidate", 1);

    /** XEP-0176 example 3, "Responder accepts the session request". */
    public static final String XEP_0176_EXAMPLE_3 = """
            <iq from='juliet@capulet.lit/balcony'
                id='rw782g55'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-accept'
                      initiator='romeo@montague.lit/orchard'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-the-audio-content'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='YH75Fviy6338Vbrhrlp8Yh'
                             ufrag='9uB6'>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='or2ii2syr1'
                               ip='192.0.2.1'
                               network='0'
                               port='3478'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0176 example 4, "Initiator communicates in-use candidate": a transport-info with a remote-candidate. */
    public static final String XEP_0176_EXAMPLE_4 = """
            <iq from='romeo@montague.lit/orchard'
                id='pd81b49s'
                to='juliet@capulet.lit/balcony'
                type='set'>
             <jingle xmlns='urn:xmpp:jingle:1'
                     action='transport-info'
                     initiator='romeo@montague.lit/orchard'
                     sid='a73sjjvkla37jfea'>
               <content creator='initiator' name='this-is-the-audio-content'>
                 <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                            pwd='asd88fgpdd777uzjYhagZg'
                            ufrag='8hhy'>
                   <remote-candidate component='1'
                                     ip='10.0.1.2'
                                     port='9001'/>
                 </transport>
               </content>
             </jingle>
            </iq>
            """;

    /** XEP-0176 example 4: its {@code <transport/>}. */
    public static final String XEP_0176_EXAMPLE_4_TRANSPORT = excerpt(XEP_0176_EXAMPLE_4, "transport", 0);

    /**
     * XEP-0176 example 5, "Initiator sends a subsequent candidate": IPv6, and a priority beyond RFC 8445's 2^31-1.
     */
    public static final String XEP_0176_EXAMPLE_5 = """
            <iq from='romeo@montague.lit/orchard'
                id='uh3g1f48'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='transport-info'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-the-audio-content'>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='asd88fgpdd777uzjYhagZg'
                             ufrag='8hhy'>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='m3110wc4nd'
                               ip='2001:db8::9:1'
                               network='0'
                               port='9001'
                               priority='21149780477'
                               protocol='udp'
                               type='host'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0176 example 5: its {@code <transport/>}. */
    public static final String XEP_0176_EXAMPLE_5_TRANSPORT = excerpt(XEP_0176_EXAMPLE_5, "transport", 0);

    /** XEP-0176 example 7, "Initiator restarts ICE negotiation": a transport-info with new credentials. */
    public static final String XEP_0176_EXAMPLE_7 = """
            <iq from='romeo@montague.lit/orchard'
                id='kl23fs71'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='transport-info'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-the-audio-content'>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='bv71hdn38hgb39hf6xlk33'
                             ufrag='g7qs'>
                    <candidate component='1'
                               foundation='1'
                               generation='1'
                               id='y3s2b30v3r'
                               ip='192.0.2.3'
                               network='1'
                               port='45665'
                               priority='1694498815'
                               protocol='udp'
                               type='srflx'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0176 example 7: its {@code <transport/>}. */
    public static final String XEP_0176_EXAMPLE_7_TRANSPORT = excerpt(XEP_0176_EXAMPLE_7, "transport", 0);

    /**
     * XEP-0320 example 1, "Initiator sends session invitation with DTLS fingerprint" (XEP-0176's example 1 with a
     * fingerprint, without its PCMU, in a content named 'voice').
     */
    public static final String XEP_0320_EXAMPLE_1 = """
            <iq from='romeo@montague.lit/orchard'
                id='uz61v4m4'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='96' name='speex' clockrate='16000'/>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                    <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
                    <payload-type id='98' name='x-ISAC' clockrate='8000'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='asd88fgpdd777uzjYhagZg'
                             ufrag='8hhy'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>
                      02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2
                    </fingerprint>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='el0747fg11'
                               ip='10.0.1.1'
                               network='1'
                               port='8998'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                    <candidate component='1'
                               foundation='2'
                               generation='0'
                               id='y3s2b30v3r'
                               ip='192.0.2.3'
                               network='1'
                               port='45664'
                               priority='1694498815'
                               protocol='udp'
                               rel-addr='10.0.1.1'
                               rel-port='8998'
                               type='srflx'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0320 example 1: the initiator's fingerprint, setup='actpass'. */
    public static final String XEP_0320_EXAMPLE_1_FINGERPRINT = excerpt(XEP_0320_EXAMPLE_1, "fingerprint", 0);

    /** XEP-0320 example 2, "Responder sends session-accept": the responder's fingerprint, setup='active'. */
    public static final String XEP_0320_EXAMPLE_2 = """
            <iq from='juliet@capulet.lit/balcony'
                id='pn2va48j'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-accept'
                      initiator='romeo@montague.lit/orchard'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='YH75Fviy6338Vbrhrlp8Yh'
                             ufrag='9uB6'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>
                      BD:E8:2C:D3:BD:B6:98:50:45:7D:5B:36:89:53:31:15:52:25:88:82:06:95:88:A3:3D:A5:43:8D:5C:21:21:66
                    </fingerprint>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='or2ii2syr1'
                               ip='192.0.2.1'
                               network='0'
                               port='3478'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /**
     * XEP-0320 example 3, "A transport-info containing a DTLS fingerprint": the fingerprint's text is indented with
     * tabs there, kept here as {@code \t}.
     */
    public static final String XEP_0320_EXAMPLE_3 = """
            <iq from='juliet@capulet.lit/balcony'
                id='pn2va48j'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='transport-info'
                      initiator='romeo@montague.lit/orchard'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='YH75Fviy6338Vbrhrlp8Yh'
                             ufrag='9uB6'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>
            \t        BD:E8:2C:D3:BD:B6:98:50:45:7D:5B:36:89:53:31:15:52:25:88:82:06:95:88:A3:3D:A5:43:8D:5C:21:21:66
            \t      </fingerprint>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='or2ii2syr1'
                               ip='192.0.2.1'
                               network='0'
                               port='3478'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0320 example 3: its fingerprint, tabs included. */
    public static final String XEP_0320_EXAMPLE_3_FINGERPRINT = excerpt(XEP_0320_EXAMPLE_3, "fingerprint", 0);

    /**
     * XEP-0338 section 2, its last listing (unnumbered): the {@code <group/>} as a child of {@code <jingle/>}. Its
     * contents hold the XEP's elision {@code [ ... ]}, character data to a parser.
     */
    public static final String XEP_0338_SECTION_2_SESSION_INITIATE = """
            <iq from='romeo@montague.lit/orchard'
                id='rg6s5134'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>
                  <content name='voice'/>
                  <content name='webcam'/>
                </group>
                <content creator='initiator' name='voice'>
                  [ ... ]
                </content>
                <content creator='initiator' name='webcam'>
                  [ ... ]
                </content>
              </jingle>
            </iq>
            """;

    /** The XEP's elision in each content of {@link #XEP_0338_SECTION_2_SESSION_INITIATE}. */
    public static final String XEP_0338_ELISION = "[ ... ]";

    private JingleFixtures() {
    }

    /**
     * The {@code occurrence}-th (from 0) element {@code <name/>} of {@code xml}, cut out as it is written there: for
     * an element that contains no other element of its name, and no '>' in an attribute value, as in the XEPs'
     * examples. Namespaces declared on its ancestors are not carried along.
     */
    public static String excerpt(String xml, String name, int occurrence) {
        Matcher start = Pattern.compile("<" + Pattern.quote(name) + "[\\s/>]").matcher(xml);
        for (int i = 0; i <= occurrence; i++) {
            if (!start.find()) {
                throw new IllegalArgumentException("No <" + name + "/> number " + occurrence + " in " + xml);
            }
        }
        int from = start.start();
        int endOfStartTag = xml.indexOf('>', from);
        if (xml.charAt(endOfStartTag - 1) == '/') {
            return xml.substring(from, endOfStartTag + 1);
        }
        String endTag = "</" + name + ">";
        int to = xml.indexOf(endTag, endOfStartTag);
        if (to < 0) {
            throw new IllegalArgumentException("No " + endTag + " in " + xml);
        }
        return xml.substring(from, to + endTag.length());
    }

    /** An XEP-0176 {@code <transport/>} with these credentials and children. */
    public static String iceUdpTransport(String ufrag, String pwd, String... children) {
        return "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='" + pwd + "' ufrag='" + ufrag + "'>\n"
                + String.join("\n", children) + "</transport>\n";
    }

    /** A Jingle {@code <content/>} with these attributes and children. */
    public static String content(String attributes, String... children) {
        return "<content " + attributes + ">\n" + String.join("\n", children) + "</content>\n";
    }

    /** A {@code <iq type='set'/>} holding a {@code <jingle/>} with these attributes and children. */
    public static String jingleIq(String from, String id, String to, String jingleAttributes, String... children) {
        return "<iq from='" + from + "' id='" + id + "' to='" + to + "' type='set'>\n"
                + "<jingle xmlns='urn:xmpp:jingle:1' " + jingleAttributes + ">\n"
                + String.join("\n", children)
                + "</jingle>\n</iq>\n";
    }
}

package org.webrtcgateway.xmpp.jingle.jmi.element;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jivesoftware.smack.packet.Element;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;

/**
 * One XEP-0353 (Jingle Message Initiation) element, {@code <propose|ringing|proceed|accept|reject|retract|finish
 * xmlns='urn:xmpp:jingle-message:0' id='...'/>}: a step of setting up or ending a call by {@code <message/>}, so that
 * every device of the callee rings and every device of both parties learns how the call went. The {@code id} is the
 * sid of the Jingle session the call becomes.
 *
 * <p>What each action carries, as XEP-0353 0.7 has it: {@code <propose/>} one {@code <description/>} per media;
 * {@code <reject/>}, {@code <retract/>} and {@code <finish/>} a XEP-0166 {@code <reason/>};
 * {@code <finish/>} also a {@code <migrated to/>} when a new session replaces the call, and {@code <reject/>} and
 * {@code <retract/>} a {@code <tie-break/>} when two proposals crossed. Anything else (attributes, children of any
 * namespace, e.g. a client's device id in {@code <proceed/>}) is kept and written back, as the bridge's other Jingle
 * elements do.
 *
 * <p>Immutable. Equal when they write the same XML (Smack's reason and descriptions have identity equality).
 */
public final class JingleMessage implements ExtensionElement {

    public static final String NAMESPACE = "urn:xmpp:jingle-message:0";
    public static final String ID_ATTRIBUTE = "id";
    public static final String MIGRATED_ELEMENT = "migrated";
    public static final String MIGRATED_TO_ATTRIBUTE = "to";
    public static final String TIE_BREAK_ELEMENT = "tie-break";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(ID_ATTRIBUTE);

    /** The element names; {@link #name()} is what is written. */
    public enum Action {
        propose, ringing, proceed, accept, reject, retract, finish;

        /** Reject, retract and finish end a call; they say why in a reason. */
        public boolean carriesReason() {
            return this == reject || this == retract || this == finish;
        }

        /** Reject and retract may say that they only settle two crossed proposals. */
        public boolean carriesTieBreak() {
            return this == reject || this == retract;
        }

        /** The action with this element name, or null: a name of this namespace the bridge does not know. */
        public static Action forElementName(String elementName) {
            for (Action action : values()) {
                if (action.name().equals(elementName)) {
                    return action;
                }
            }
            return null;
        }
    }

    private final Action action;
    private final String id;
    private final List<RtpDescription> descriptions;
    private final JingleReason reason;
    private final String migratedTo;
    private final boolean tieBreak;
    private final KeptExtras extras;

    /**
     * Every part; what the provider builds. The factories and {@code with...} copies are the way otherwise.
     *
     * @param descriptions the XEP-0167 descriptions of a propose, empty for other actions
     * @param reason null for none; a reject or retract from before XEP-0353 0.4 has none
     * @param migratedTo the sid of the session that replaces this one (finish only), or null
     * @param tieBreak whether a reject or retract carries {@code <tie-break/>}
     * @param otherChildren written after the defined children; a propose whose descriptions are of other
     *     applications than RTP keeps them here
     * @throws IllegalArgumentException if the id is null or empty, if a propose has no description at all, or if a
     *     part is given to an action that does not carry it
     */
    public JingleMessage(Action action, String id, List<RtpDescription> descriptions, JingleReason reason,
                         String migratedTo, boolean tieBreak, OtherAttributes otherAttributes,
                         List<? extends ExtensionElement> otherChildren) {
        this.action = requireNonNull(action, "action");
        if (id == null || id.isEmpty()) {
            // It becomes the Jingle sid, which may not be empty either.
            throw new IllegalArgumentException("<" + action + "/> needs a non-empty id, the Jingle session id");
        }
        this.id = id;
        this.descriptions = List.copyOf(descriptions);
        this.reason = reason;
        this.migratedTo = migratedTo;
        this.tieBreak = tieBreak;
        this.extras = KeptExtras.of(requireNonNull(otherAttributes, "otherAttributes"), otherChildren);
        check();
    }

    private void check() {
        if (extras.getAttributes().get(ID_ATTRIBUTE) != null) {
            throw new IllegalArgumentException("<" + action + "/> writes its id itself");
        }
        if (action == Action.propose && descriptions.isEmpty() && extras.getChildren().stream()
                .noneMatch(child -> RtpDescription.ELEMENT.equals(child.getElementName()))) {
            // XEP-0353 requires one per media type; a proposal without any proposes nothing.
            throw new IllegalArgumentException("<propose/> needs at least one <description/>");
        }
        refuseUnless(!descriptions.isEmpty(), action == Action.propose, "<description/>");
        refuseUnless(reason != null, action.carriesReason(), "<reason/>");
        if (reason != null) {
            requireNonNull(reason.asEnum(), "the reason's condition");
        }
        refuseUnless(migratedTo != null, action == Action.finish, "<migrated/>");
        if (migratedTo != null && migratedTo.isEmpty()) {
            throw new IllegalArgumentException("<migrated/> needs a non-empty 'to', the new Jingle session id");
        }
        refuseUnless(tieBreak, action.carriesTieBreak(), "<tie-break/>");
    }

    /** Refuses {@code part} when present on an action XEP-0353 does not give it to. */
    private void refuseUnless(boolean present, boolean allowed, String part) {
        if (present && !allowed) {
            throw new IllegalArgumentException("XEP-0353 gives <" + action + "/> no " + part);
        }
    }

    /**
     * A proposal of a call with these media, one RTP {@code <description media/>} each.
     *
     * @param media "audio", "video": XEP-0167's media types; not empty
     */
    public static JingleMessage propose(String id, List<String> media) {
        List<RtpDescription> descriptions = new ArrayList<>();
        for (String medium : media) {
            if (medium == null || medium.isEmpty()) {
                throw new IllegalArgumentException("Media types must be non-empty: " + media);
            }
            descriptions.add(RtpDescription.builder(medium).build());
        }
        if (descriptions.isEmpty()) {
            throw new IllegalArgumentException("<propose/> needs at least one media type");
        }
        return new JingleMessage(Action.propose, id, descriptions, null, null, false, OtherAttributes.NONE, List.of());
    }

    /**
     * The bare element; a reject, retract or finish is meant to get its reason with {@link #withReason}.
     *
     * @throws IllegalArgumentException for {@link Action#propose}, which needs its media: see {@link #propose}
     */
    public static JingleMessage of(Action action, String id) {
        return new JingleMessage(action, id, List.of(), null, null, false, OtherAttributes.NONE, List.of());
    }

    /**
     * A copy with this reason in place of any other.
     *
     * @throws IllegalArgumentException for an action other than reject, retract and finish
     */
    public JingleMessage withReason(JingleReason reason) {
        return new JingleMessage(action, id, descriptions, requireNonNull(reason, "reason"), migratedTo, tieBreak,
                extras.getAttributes(), extras.getChildren());
    }

    /** A finish's copy saying that session {@code newId} continues the call (XEP-0353 tie breaking). */
    public JingleMessage withMigratedTo(String newId) {
        return new JingleMessage(action, id, descriptions, reason, requireNonNull(newId, "newId"), tieBreak,
                extras.getAttributes(), extras.getChildren());
    }

    /** A reject's or retract's copy saying it only settles two crossed proposals. */
    public JingleMessage withTieBreak() {
        return new JingleMessage(action, id, descriptions, reason, migratedTo, true, extras.getAttributes(),
                extras.getChildren());
    }

    /** The first JingleMessage extension of the message, or null (also when its provider was not registered). */
    public static JingleMessage from(Message message) {
        for (ExtensionElement extension : message.getExtensions()) {
            if (extension instanceof JingleMessage) {
                return (JingleMessage) extension;
            }
        }
        return null;
    }

    public Action getAction() {
        return action;
    }

    /** The id, which is also the sid of the Jingle session. */
    public String getId() {
        return id;
    }

    /** The media of a propose's RTP descriptions, in order; empty for other actions. */
    public List<String> getMedia() {
        return descriptions.stream().map(RtpDescription::getMedia).toList();
    }

    /** A propose's RTP descriptions; empty for other actions. */
    public List<RtpDescription> getDescriptions() {
        return descriptions;
    }

    /** The reason, or null. Smack's {@link JingleReason#asEnum()} is its condition. */
    public JingleReason getReason() {
        return reason;
    }

    /** The {@code to} of a finish's {@code <migrated/>}: the sid of the session that continues the call; or null. */
    public String getMigratedTo() {
        return migratedTo;
    }

    public boolean isTieBreak() {
        return tieBreak;
    }

    public OtherAttributes getOtherAttributes() {
        return extras.getAttributes();
    }

    /** The children kept beyond those above, in arrival order. */
    public List<ExtensionElement> getOtherChildren() {
        return extras.getChildren();
    }

    @Override
    public String getElementName() {
        return action.name();
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute(ID_ATTRIBUTE, id);
        return extras.writeRest(xml, this, definedChildren());
    }

    /** In the order of XEP-0353's schema. */
    private List<Element> definedChildren() {
        List<Element> children = new ArrayList<>(descriptions);
        if (reason != null) {
            children.add(JingleReasonXml.of(reason));
        }
        if (migratedTo != null) {
            children.add(enclosing -> new XmlStringBuilder().halfOpenElement(MIGRATED_ELEMENT)
                    .attribute(MIGRATED_TO_ATTRIBUTE, migratedTo).closeEmptyElement());
        }
        if (tieBreak) {
            children.add(enclosing -> new XmlStringBuilder().emptyElement(TIE_BREAK_ELEMENT));
        }
        return children;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof JingleMessage)) {
            return false;
        }
        JingleMessage that = (JingleMessage) other;
        return action == that.action && id.equals(that.id) && Objects.equals(migratedTo, that.migratedTo)
                && tieBreak == that.tieBreak && xmlOf(definedChildren()).equals(xmlOf(that.definedChildren()))
                && extras.equals(that.extras);
    }

    private static List<String> xmlOf(List<Element> elements) {
        return elements.stream().map(element -> element.toXML().toString()).toList();
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, id, migratedTo, tieBreak, extras);
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}

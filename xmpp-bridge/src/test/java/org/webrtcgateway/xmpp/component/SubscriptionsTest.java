package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;

/** The component's record of who follows whom: both ways per user, and bounded however many contacts ask. */
class SubscriptionsTest {

    private static final Localpart ALICE = Localpart.fromOrThrowUnchecked("alice");
    private static final Localpart CAROL = Localpart.fromOrThrowUnchecked("carol");

    @Test
    void followersAndFollowedAreKeptApartPerUser() {
        Subscriptions subscriptions = new Subscriptions();

        subscriptions.addFollower(ALICE, contact(1));
        subscriptions.addFollowed(ALICE, contact(2));

        assertThat(subscriptions.followers(ALICE)).containsExactly(contact(1));
        assertThat(subscriptions.followed(ALICE)).containsExactly(contact(2));
        assertThat(subscriptions.follows(ALICE, contact(1))).isFalse();
        assertThat(subscriptions.isFollowedBy(CAROL, contact(1))).isFalse();
    }

    @Test
    void pastTheBoundsNothingMoreIsRecordedUntilSomethingIsRemoved() {
        Subscriptions subscriptions = new Subscriptions(2, 3);

        assertThat(subscriptions.addFollower(ALICE, contact(1))).isTrue();
        assertThat(subscriptions.addFollower(ALICE, contact(2))).isTrue();
        assertThat(subscriptions.addFollower(ALICE, contact(3))).as("per user").isFalse();
        assertThat(subscriptions.addFollower(ALICE, contact(1))).as("known already: no room needed").isTrue();
        assertThat(subscriptions.addFollowed(CAROL, contact(1))).isTrue();
        assertThat(subscriptions.addFollowed(CAROL, contact(2))).as("in all").isFalse();

        subscriptions.removeFollower(ALICE, contact(1));

        assertThat(subscriptions.addFollowed(CAROL, contact(2))).isTrue();
        assertThat(subscriptions.followers(ALICE)).containsExactly(contact(2));
    }

    private static BareJid contact(int n) {
        return JidCreate.bareFromOrThrowUnchecked("contact" + n + "@localhost");
    }
}

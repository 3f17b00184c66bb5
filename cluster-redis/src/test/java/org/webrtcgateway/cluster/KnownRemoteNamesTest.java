package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class KnownRemoteNamesTest {

    private final KnownRemoteNames names = new KnownRemoteNames(Duration.ofSeconds(1));

    @Test
    void aNameIsKnownForItsTimeThenAskedAgain() {
        names.held("bob", 0);

        assertThat(names.isKnown("bob", 999_000_000L)).isTrue();
        assertThat(names.isKnown("bob", 1_000_000_000L)).isFalse();
        assertThat(names.isKnown("carol", 0)).isFalse();
    }

    @Test
    void aSignalThatFoundNobodyForgetsTheNameAtOnce() {
        names.held("bob", 0);
        names.forget("bob");

        assertThat(names.isKnown("bob", 1)).isFalse();
    }

    @Test
    void theCacheStartsAfreshPastItsBoundWhateverAClientSendsTo() {
        for (int i = 0; i < KnownRemoteNames.MAX_NAMES; i++) {
            names.held("user" + i, 0);
        }
        names.held("one-more", 0);

        assertThat(names.isKnown("user0", 1)).isFalse();
        assertThat(names.isKnown("one-more", 1)).isTrue();
    }
}

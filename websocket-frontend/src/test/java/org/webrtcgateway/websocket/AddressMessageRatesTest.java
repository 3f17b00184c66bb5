package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class AddressMessageRatesTest {

    @Test
    void anAddressKeepsOneBucketWhileItHasAConnectionAndIsForgottenWithItsLast() throws UnknownHostException {
        AddressMessageRates rates = new AddressMessageRates(1, 2);
        InetAddress client = InetAddress.getByName("192.0.2.7");

        AddressMessageRates.Share first = rates.join(client);
        AddressMessageRates.Share second = rates.join(client);
        assertThat(second).isSameAs(first);
        long now = System.nanoTime();
        assertThat(first.tryAcquire(now)).isTrue();
        assertThat(second.tryAcquire(now)).isTrue();
        assertThat(first.tryAcquire(now)).as("two at once for the address, not per connection").isFalse();

        rates.release(client);
        assertThat(rates.addresses()).isEqualTo(1);
        rates.release(client);
        assertThat(rates.addresses()).isZero();
    }
}

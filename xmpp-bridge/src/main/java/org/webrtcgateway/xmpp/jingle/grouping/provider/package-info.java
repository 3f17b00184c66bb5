/** The parser of the XEP-0338 element, and its registration with Smack's {@code ProviderManager}. */
package org.webrtcgateway.xmpp.jingle.grouping.provider;

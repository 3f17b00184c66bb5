/** The parsers of the XEP-0339 elements, and their registration with Smack's {@code ProviderManager}. */
package org.webrtcgateway.xmpp.jingle.ssma.provider;

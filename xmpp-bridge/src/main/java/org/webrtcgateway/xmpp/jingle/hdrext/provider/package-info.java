/** The parsers of the XEP-0294 elements, and their registration with Smack's {@code ProviderManager}. */
package org.webrtcgateway.xmpp.jingle.hdrext.provider;

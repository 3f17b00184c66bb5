/**
 * Component mode (XEP-0114): the gateway as an external component of the XMPP server, owning a subdomain, each
 * logged-in gateway user {@code name@domain}. {@link org.webrtcgateway.xmpp.component.XmppComponent} is what the
 * bridge uses; the stream, the handshake, the routing of stanzas, presence and subscriptions, disco#info and IQ
 * requests are this package's; stanzas, their parsing and their elements are Smack's.
 */
package org.webrtcgateway.xmpp.component;

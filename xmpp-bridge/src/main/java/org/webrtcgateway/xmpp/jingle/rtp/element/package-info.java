/**
 * XEP-0167's elements: immutable, and keeping whatever they do not model (attributes, children of other XEPs) in
 * document order, so that what the bridge forwards or answers from loses nothing.
 */
package org.webrtcgateway.xmpp.jingle.rtp.element;

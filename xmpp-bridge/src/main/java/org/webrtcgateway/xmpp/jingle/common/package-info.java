/**
 * What the elements and providers of the Jingle XEPs share, so that each XEP's package says only what is its own:
 * keeping what an element does not model ({@link org.webrtcgateway.xmpp.jingle.common.KeptExtras}), its name/value
 * parameters ({@link org.webrtcgateway.xmpp.jingle.common.NameValueParameter}), and strict reading of attributes
 * ({@link org.webrtcgateway.xmpp.jingle.common.KeepingParser}).
 */
package org.webrtcgateway.xmpp.jingle.common;

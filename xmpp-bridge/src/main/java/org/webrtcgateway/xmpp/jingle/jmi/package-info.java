/**
 * XEP-0353, Jingle Message Initiation ({@value org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage#NAMESPACE}):
 * the {@code <message/>} payloads by which a call is proposed to all of the callee's devices, answered and ended,
 * before and after the Jingle session itself. Elements in {@code element}, their parser in {@code provider},
 * registered by {@link org.webrtcgateway.xmpp.jingle.jmi.provider.JingleMessageProviders#register()}.
 *
 * <p>XEP-0353 wants each of these messages of type chat with XEP-0334's
 * {@link org.webrtcgateway.xmpp.jingle.jmi.element.StoreHint}.
 */
package org.webrtcgateway.xmpp.jingle.jmi;

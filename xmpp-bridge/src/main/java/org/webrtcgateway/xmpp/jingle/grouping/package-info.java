/**
 * XEP-0338, Jingle Grouping Framework ({@value
 * org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup#NAMESPACE}): the {@code <group/>} child of
 * {@code <jingle/>}, SDP's {@code a=group} (RFC 5888; {@code BUNDLE} is RFC 9143's). Elements in {@code element},
 * their parser in {@code provider}, registered by
 * {@link org.webrtcgateway.xmpp.jingle.grouping.provider.GroupingProviders#register()}.
 *
 * <p>Smack 4.4.8's own {@code <jingle/>} parser drops every child other than {@code <content/>} and
 * {@code <reason/>}, so these elements reach the bridge only through its own
 * {@link org.webrtcgateway.xmpp.jingle.JingleIqProvider}.
 */
package org.webrtcgateway.xmpp.jingle.grouping;

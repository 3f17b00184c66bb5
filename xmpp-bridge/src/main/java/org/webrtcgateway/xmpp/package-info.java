/**
 * The XMPP bridge (issue 13), under construction: so far the Jingle extension elements that Smack 4.4.8
 * lacks ({@code jingle.*} packages, one per XEP, as Smack lays out its own) and the SDP/Jingle
 * translation. It becomes a plug-in of the distribution once it carries calls, chat and presence.
 */
package org.webrtcgateway.xmpp;

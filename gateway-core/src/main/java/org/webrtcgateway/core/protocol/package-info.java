/**
 * The core's face to frontends: the browser protocol's records ({@link org.webrtcgateway.core.protocol.Inbound},
 * {@link org.webrtcgateway.core.protocol.ServerMessage}), its codec ({@link org.webrtcgateway.core.protocol.JsonDecoder},
 * {@link org.webrtcgateway.core.protocol.JsonEncoder}), and the gateway a frontend plugs connections into
 * ({@link org.webrtcgateway.core.protocol.Gateway}, {@link org.webrtcgateway.core.protocol.ClientLink},
 * {@link org.webrtcgateway.core.protocol.ClientConnection}, {@link org.webrtcgateway.core.protocol.Frontend}).
 * A frontend imports nothing else of the core but the plug-in API ({@code plugin}, {@code config}).
 */
package org.webrtcgateway.core.protocol;

// The ES module face of gateway.js: import { Gateway } from '/gateway.mjs'.
// gateway.js is a classic script (so a plain <script> tag works too); importing it for its side
// effect defines window.WebRTCGateway, which this module re-exports.
import './gateway.js';

const { Gateway, Call, GatewayError, ROOM_CALL_PREFIX, REASON_TRANSFERRED } = globalThis.WebRTCGateway;

export { Gateway, Call, GatewayError, ROOM_CALL_PREFIX, REASON_TRANSFERRED };

-- Prosody 0.12 for the XMPP bridge's tests: loopback only, a state folder and ports of its own per run
-- (ProsodyExtension sets them in the environment). c2s requires STARTTLS, with a certificate the
-- extension makes for "localhost" (clients verify it against that certificate); an external component
-- (XEP-0114) at gw.localhost for component mode. The browser tests (e2e/lib/prosody.mjs) start it too, and
-- set ENV_XMPP_HTTP_PORT: XMPP over WebSocket (RFC 7395) for browser clients, at
-- ws://127.0.0.1:<that port>/xmpp-websocket. Without it (the Java tests) there is no HTTP listener.
local state = ENV_PROSODY_STATE
local domain = "localhost"

data_path = state .. "/data"
pidfile = state .. "/prosody.pid"
certificates = state .. "/certs"
log = { { levels = { min = ENV_PROSODY_LOGLEVEL or "info" }, to = "console" } }

interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { tonumber(ENV_XMPP_C2S_PORT) }
component_ports = { tonumber(ENV_XMPP_COMPONENT_PORT) }
component_interfaces = { "127.0.0.1" }
local http_port = ENV_XMPP_HTTP_PORT and tonumber(ENV_XMPP_HTTP_PORT)
if http_port then
  http_ports = { http_port }
else
  http_ports = {}
end
http_interfaces = { "127.0.0.1" }
https_ports = {}
s2s_ports = {}
c2s_direct_tls_ports = {}
legacy_ssl_ports = {}

local modules = {
  "roster"; "saslauth"; "tls"; "disco"; "carbons"; "smacks"; "pep"; "private"; "version"; "ping"; "posix";
}
if http_port then
  modules[#modules + 1] = "websocket"
  -- Loopback only: a WebSocket session counts as encrypted, as c2s_require_encryption asks.
  consider_websocket_secure = true
  http_default_host = domain
end
modules_enabled = modules
modules_disabled = { "s2s"; "offline" }

authentication = "internal_hashed"   -- SCRAM-SHA-1 and PLAIN
storage = "internal"
c2s_require_encryption = true
allow_unencrypted_plain_auth = false
allow_registration = false
statistics = nil

VirtualHost (domain)
  ssl = { certificate = state .. "/certs/localhost.crt"; key = state .. "/certs/localhost.key"; }

-- External component (XEP-0114): the gateway's own subdomain in component mode.
Component ("gw." .. domain)
  component_secret = ENV_XMPP_COMPONENT_SECRET

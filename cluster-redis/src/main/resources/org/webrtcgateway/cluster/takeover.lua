-- Takes a session over for another node: a resume reached a node that does not hold it. The token's digest must
-- be the session's current one. The name is this node's from here on, with the new session id and token digest,
-- so every signal for the user comes here; the old node, if alive, is told through its inbox to hand over what
-- waited for the client, after everything it was sent before (a stream keeps order).
-- A node silent for longer than the node expiry counts as dead even before it is reaped: what its inbox held for the
-- user past its last committed read moves to the session's queue, which the new node reads.
-- ARGV: prefix, digest of the token presented, this node, new session id, digest of the new token, inbox length,
-- node expiry in ms, queue length.
-- Returns {} when no session has that token, else {name, old node, old session, mode, access, status, note}, mode
-- 'live' (the old node hands over), 'dead' (it died: what it held may be lost) or 'parked' (it stopped cleanly and
-- left everything in the session's queue).
local P, digest, node = ARGV[1], ARGV[2], ARGV[3]
local name = redis.call('GET', P .. 'resume:' .. digest)
if not name then
  return {}
end
local key = P .. 'name:' .. name
local held = redis.call('HMGET', key, 'node', 'session', 'state', 'resume', 'access', 'status', 'note')
if not held[1] or held[4] ~= digest or held[3] == 'ending' then
  return {}
end
local old = held[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local beat = redis.call('ZSCORE', P .. 'nodes', old)
local mode = 'dead'
if held[3] == 'parked' then
  mode = 'parked'
elseif held[3] ~= 'orphaned' and beat and tonumber(beat) >= now - tonumber(ARGV[7]) then
  mode = 'live'
end
if mode == 'dead' and held[3] ~= 'orphaned' then
  local read = redis.call('HGET', P .. 'node:' .. old, 'read') or '0'
  for _, entry in ipairs(redis.call('XRANGE', P .. 'node:' .. old .. ':inbox', '(' .. read, '+')) do
    local fields = entry[2]
    local kind, to
    for i = 1, #fields, 2 do
      if fields[i] == 'k' then kind = fields[i + 1] elseif fields[i] == 'to' then to = fields[i + 1] end
    end
    if kind == 'user' and to == name then
      redis.call('XADD', P .. 'session:' .. name .. ':queue', 'MAXLEN', '~', ARGV[8], '*', unpack(fields))
    end
  end
end
redis.call('HSET', key, 'node', node, 'session', ARGV[4], 'state', 'attached', 'resume', ARGV[5])
redis.call('DEL', P .. 'resume:' .. digest)
redis.call('SET', P .. 'resume:' .. ARGV[5], name, 'PX', 86400000)
redis.call('SREM', P .. 'node:' .. old .. ':names', name)
redis.call('SADD', P .. 'node:' .. node .. ':names', name)
redis.call('ZREM', P .. 'orphans', name)
if mode == 'live' then
  redis.call('XADD', P .. 'node:' .. old .. ':inbox', 'MAXLEN', '~', ARGV[6], '*',
    'k', 'handover', 'to', name, 'session', held[2], 'node', node)
end
return {name, old, held[2], mode, held[5] or '', held[6] or 'available', held[7] or ''}

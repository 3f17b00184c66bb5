-- A user's presence changed: kept on its name (for followers who ask later) and handed to every live node with
-- followers of it, but the sender's. Only for the session that holds the name: a replaced session's 'offline' is
-- nobody's business. ARGV: prefix, name, session, sender node, inbox length, status, note ('' for none), then the
-- entry's fields and values. Returns how many nodes it went to, or -1 when the session no longer holds the name.
local P, name, session, me = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local key = P .. 'name:' .. name
if redis.call('HGET', key, 'session') ~= session then
  return -1
end
if ARGV[6] ~= 'offline' then
  redis.call('HSET', key, 'status', ARGV[6], 'note', ARGV[7])
end
local fields = {}
for i = 8, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local sent = 0
for _, node in ipairs(redis.call('SMEMBERS', P .. 'followers:' .. name)) do
  if node ~= me then
    if redis.call('ZSCORE', P .. 'nodes', node) then
      redis.call('XADD', P .. 'node:' .. node .. ':inbox', 'MAXLEN', '~', ARGV[5], '*', unpack(fields))
      sent = sent + 1
    else
      redis.call('SREM', P .. 'followers:' .. name, node)
    end
  end
end
return sent

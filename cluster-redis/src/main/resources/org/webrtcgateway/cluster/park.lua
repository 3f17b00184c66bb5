-- A stopping node parks a session: the cluster keeps it for a resume on another node until now + grace, with the
-- messages that waited for its client first in its queue (each an encoded message, as the client gets it).
-- ARGV: prefix, name, session, grace in ms, queue length, then the encoded messages. Returns 1, or 0 when the
-- session no longer holds the name.
local P, name = ARGV[1], ARGV[2]
local key = P .. 'name:' .. name
if redis.call('HGET', key, 'session') ~= ARGV[3] then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', key, 'state', 'parked')
redis.call('ZADD', P .. 'orphans', now + tonumber(ARGV[4]), name)
for i = 6, #ARGV do
  redis.call('XADD', P .. 'session:' .. name .. ':queue', 'MAXLEN', '~', ARGV[5], '*', 'k', 'encoded', 'to', name,
    'json', ARGV[i])
end
return 1

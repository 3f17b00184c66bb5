-- Claims a name for a session of a node. ARGV: prefix, name, node, session, replace (1/0), inbox length,
-- digest of the session's resume token (a resume on another node finds the name through it), the session's
-- access policy as JSON (a resume on another node keeps it).
-- Held by another session: 'taken', unless replace (a token proved it is the same user: the newest login wins);
-- then the holder's node is told, through its inbox, to end its session.
local P, name, node, session = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local key = P .. 'name:' .. name
local held = redis.call('HMGET', key, 'node', 'session')
if held[2] == session then
  -- the node registers its own session again (Redis was away): keep what it recorded
  redis.call('HSET', key, 'node', node, 'state', 'attached')
  redis.call('SADD', P .. 'node:' .. node .. ':names', name)
  return 'claimed'
end
if held[1] then
  if ARGV[5] ~= '1' then
    return 'taken'
  end
  redis.call('SREM', P .. 'node:' .. held[1] .. ':names', name)
  redis.call('ZREM', P .. 'orphans', name)
  if redis.call('ZSCORE', P .. 'nodes', held[1]) then
    redis.call('XADD', P .. 'node:' .. held[1] .. ':inbox', 'MAXLEN', '~', ARGV[6], '*',
      'k', 'replaced', 'to', name, 'session', held[2])
  end
end
local s = P .. 'session:' .. name
redis.call('DEL', key, s .. ':rooms', s .. ':follows', s .. ':calls', s .. ':queue')
redis.call('HSET', key, 'node', node, 'session', session, 'state', 'attached', 'status', 'available', 'resume', ARGV[7],
  'access', ARGV[8])
redis.call('SET', P .. 'resume:' .. ARGV[7], name, 'PX', 86400000)
redis.call('SADD', P .. 'node:' .. node .. ':names', name)
return 'claimed'

-- Takes the oldest dead node off the cluster, if any: exactly one live node wins it, since the ZREM is in here.
-- Its sessions become orphaned until now + grace (a resume elsewhere may take them meanwhile); what its inbox held
-- past its last committed read, for those sessions, moves to their queues. ARGV: prefix, node expiry ms, grace ms,
-- queue length. Returns {} or {dead node, orphaned names...}.
local P = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local dead = redis.call('ZRANGEBYSCORE', P .. 'nodes', '-inf', now - tonumber(ARGV[2]), 'LIMIT', 0, 1)
if #dead == 0 then
  return {}
end
local node = dead[1]
redis.call('ZREM', P .. 'nodes', node)
local orphaned = {}
for _, name in ipairs(redis.call('SMEMBERS', P .. 'node:' .. node .. ':names')) do
  local key = P .. 'name:' .. name
  if redis.call('HGET', key, 'node') == node then
    redis.call('HSET', key, 'state', 'orphaned')
    redis.call('ZADD', P .. 'orphans', now + tonumber(ARGV[3]), name)
    orphaned[name] = true
  end
end
local inbox = P .. 'node:' .. node .. ':inbox'
local read = redis.call('HGET', P .. 'node:' .. node, 'read') or '0'
for _, entry in ipairs(redis.call('XRANGE', inbox, '(' .. read, '+')) do
  local fields = entry[2]
  local kind, to
  for i = 1, #fields, 2 do
    if fields[i] == 'k' then kind = fields[i + 1] elseif fields[i] == 'to' then to = fields[i + 1] end
  end
  if kind == 'user' and to and orphaned[to] then
    redis.call('XADD', P .. 'session:' .. to .. ':queue', 'MAXLEN', '~', ARGV[4], '*', unpack(fields))
  end
end
for _, name in ipairs(redis.call('SMEMBERS', P .. 'node:' .. node .. ':follows')) do
  redis.call('SREM', P .. 'followers:' .. name, node)
end
redis.call('DEL', inbox, P .. 'node:' .. node, P .. 'node:' .. node .. ':names', P .. 'node:' .. node .. ':follows')
local result = {node}
for name in pairs(orphaned) do
  result[#result + 1] = name
end
return result

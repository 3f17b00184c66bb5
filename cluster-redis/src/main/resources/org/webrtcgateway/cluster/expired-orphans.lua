-- Takes orphaned sessions whose grace has passed (at most ARGV[2]), so that exactly one node ends each.
-- ARGV: prefix, how many. Returns {name, session, ...}.
local P = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local result = {}
for _, name in ipairs(redis.call('ZRANGEBYSCORE', P .. 'orphans', '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))) do
  redis.call('ZREM', P .. 'orphans', name)
  local held = redis.call('HMGET', P .. 'name:' .. name, 'state', 'session', 'node')
  if held[1] == 'orphaned' or held[1] == 'parked' then
    redis.call('HSET', P .. 'name:' .. name, 'state', 'ending')
    result[#result + 1] = name
    result[#result + 1] = held[2]
    result[#result + 1] = held[3]
  end
end
return result

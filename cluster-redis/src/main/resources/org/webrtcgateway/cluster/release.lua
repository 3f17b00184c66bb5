-- Frees a name if the session ending still holds it. ARGV: prefix, name, session.
local P, name = ARGV[1], ARGV[2]
local key = P .. 'name:' .. name
local held = redis.call('HMGET', key, 'node', 'session')
if held[2] ~= ARGV[3] then
  return 0
end
local s = P .. 'session:' .. name
redis.call('DEL', key, s .. ':rooms', s .. ':follows', s .. ':calls', s .. ':queue')
redis.call('SREM', P .. 'node:' .. held[1] .. ':names', name)
redis.call('ZREM', P .. 'orphans', name)
return 1

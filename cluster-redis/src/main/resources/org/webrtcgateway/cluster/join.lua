-- Takes a seat in a room, atomically with its capacity: Redis runs one script at a time, so two nodes cannot both
-- give away the last seat. ARGV: prefix, room, member, node, capacity if created, refusal if creating ('' = may).
-- Returns {'refused', rule} | {'full'} | {'seated' or 'already', capacity, created (1/0), others in joining order...}.
local P, room, member, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local base = P .. 'room:{' .. room .. '}'
local capacity = redis.call('HGET', base, 'capacity')
local created = 0
if not capacity then
  if ARGV[6] ~= '' then
    return {'refused', ARGV[6]}
  end
  capacity = ARGV[5]
  redis.call('HSET', base, 'capacity', capacity)
  created = 1
end
capacity = tonumber(capacity)
local members = base .. ':members'
local already = redis.call('ZSCORE', members, member)
if not already then
  if redis.call('ZCARD', members) >= capacity then
    return {'full'}
  end
  redis.call('ZADD', members, redis.call('INCR', base .. ':seq'), member)
  redis.call('HINCRBY', base .. ':nodes', node, 1)
  redis.call('SADD', P .. 'session:' .. member .. ':rooms', room)
end
local result = {already and 'already' or 'seated', capacity, created}
for _, other in ipairs(redis.call('ZRANGE', members, 0, -1)) do
  if other ~= member then
    result[#result + 1] = other
  end
end
return result

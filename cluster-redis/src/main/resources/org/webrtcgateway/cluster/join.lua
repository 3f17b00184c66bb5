-- Takes a seat in a room, atomically with its capacity: Redis runs one script at a time, so two nodes cannot both
-- give away the last seat. ARGV: prefix, room, member, node, capacity if created, refusal if creating ('' = may),
-- then, to announce the member (none when a node registers its members again), the inbox length and the
-- peer-joined entry's fields and values: handed in the same step to every other live node with members, so a member
-- seated on another node at the same moment hears of this one once, in its seat's others or as peer-joined.
-- Returns {'refused', rule} | {'full'} | {'seated' or 'already', capacity, created (1/0), the joining node's inbox
-- position (its newest entry's id, '0' for none: what comes after it is news to this member), others in joining
-- order...}.
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
  if #ARGV > 7 then
    local fields = {}
    for i = 8, #ARGV do
      fields[#fields + 1] = ARGV[i]
    end
    for _, other in ipairs(redis.call('HKEYS', base .. ':nodes')) do
      if other ~= node and redis.call('ZSCORE', P .. 'nodes', other) then
        redis.call('XADD', P .. 'node:' .. other .. ':inbox', 'MAXLEN', '~', ARGV[7], '*', unpack(fields))
      end
    end
  end
end
local newest = redis.call('XREVRANGE', P .. 'node:' .. node .. ':inbox', '+', '-', 'COUNT', 1)
local result = {already and 'already' or 'seated', capacity, created, newest[1] and newest[1][1] or '0'}
for _, other in ipairs(redis.call('ZRANGE', members, 0, -1)) do
  if other ~= member then
    result[#result + 1] = other
  end
end
return result

-- A member leaves a room; the room goes with its last member. ARGV: prefix, room, member, the member's node.
local P, room, member, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local base = P .. 'room:{' .. room .. '}'
if redis.call('ZREM', base .. ':members', member) == 1 then
  if redis.call('HINCRBY', base .. ':nodes', node, -1) <= 0 then
    redis.call('HDEL', base .. ':nodes', node)
  end
end
redis.call('SREM', P .. 'session:' .. member .. ':rooms', room)
if redis.call('ZCARD', base .. ':members') == 0 then
  redis.call('DEL', base, base .. ':members', base .. ':nodes', base .. ':seq')
end
return 1

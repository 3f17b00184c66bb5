-- A room member moved between nodes: the room's count of members per node changes. ARGV: prefix, room, node, delta.
local nodes = ARGV[1] .. 'room:{' .. ARGV[2] .. '}:nodes'
if redis.call('EXISTS', ARGV[1] .. 'room:{' .. ARGV[2] .. '}') == 0 then
  return 0
end
if redis.call('HINCRBY', nodes, ARGV[3], tonumber(ARGV[4])) <= 0 then
  redis.call('HDEL', nodes, ARGV[3])
end
return 1

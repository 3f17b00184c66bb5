-- Hands an entry to every live node with members of a room, but the sender's. ARGV: prefix, room, sender node,
-- inbox length, then the entry's fields and values. Returns how many nodes it went to.
local P, room, me = ARGV[1], ARGV[2], ARGV[3]
local fields = {}
for i = 5, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local sent = 0
for _, node in ipairs(redis.call('HKEYS', P .. 'room:{' .. room .. '}:nodes')) do
  if node ~= me and redis.call('ZSCORE', P .. 'nodes', node) then
    redis.call('XADD', P .. 'node:' .. node .. ':inbox', 'MAXLEN', '~', ARGV[4], '*', unpack(fields))
    sent = sent + 1
  end
end
return sent

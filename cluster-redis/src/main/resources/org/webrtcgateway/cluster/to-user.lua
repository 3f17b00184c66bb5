-- Hands an entry to the node that holds a name: appended to that node's inbox, or, while the session is orphaned
-- (its node died) or parked (its node stopped), to the session's own queue, which a resume on another node reads.
-- ARGV: prefix, name, inbox length, queue length, then the entry's fields and values.
-- Returns 0 when nobody holds the name, 1 when sent to a node, 2 when queued for a resume.
local P, name = ARGV[1], ARGV[2]
local held = redis.call('HMGET', P .. 'name:' .. name, 'node', 'state')
if not held[1] or held[2] == 'ending' then
  return 0
end
local fields = {}
for i = 5, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
if held[2] == 'orphaned' or held[2] == 'parked' then
  redis.call('XADD', P .. 'session:' .. name .. ':queue', 'MAXLEN', '~', ARGV[4], '*', unpack(fields))
  return 2
end
redis.call('XADD', P .. 'node:' .. held[1] .. ':inbox', 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
return 1

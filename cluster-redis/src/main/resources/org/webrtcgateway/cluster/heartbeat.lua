-- A node says it is alive, on Redis's clock, with how far it has read its inbox.
-- ARGV: prefix, node, node expiry in ms, last inbox entry read ('0' for none).
-- Returns {known (1/0), live nodes...}: known is 0 when Redis does not know this node (it restarted empty, or the
-- node was taken for dead during an outage), so the node must register again what it holds.
local P, node = ARGV[1], ARGV[2]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local known = redis.call('ZSCORE', P .. 'nodes', node) and 1 or 0
redis.call('ZADD', P .. 'nodes', now, node)
redis.call('HSET', P .. 'node:' .. node, 'read', ARGV[4])
local result = {known}
for _, live in ipairs(redis.call('ZRANGEBYSCORE', P .. 'nodes', now - tonumber(ARGV[3]), '+inf')) do
  result[#result + 1] = live
end
return result

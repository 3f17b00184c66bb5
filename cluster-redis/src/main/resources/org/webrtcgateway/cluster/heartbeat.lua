-- A node says it is alive, on Redis's clock, with how far it has read its inbox.
-- ARGV: prefix, node, node expiry in ms, last inbox entry read ('0' for none).
-- Returns {known (1/0), how far behind its inbox is in ms, live nodes...}: known is 0 when Redis does not know this
-- node (it restarted empty, or the node was taken for dead during an outage), so the node must register again what
-- it holds; behind is the age of the oldest entry it has not read (0 when it has read them all).
local P, node = ARGV[1], ARGV[2]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local known = redis.call('ZSCORE', P .. 'nodes', node) and 1 or 0
redis.call('ZADD', P .. 'nodes', now, node)
redis.call('HSET', P .. 'node:' .. node, 'read', ARGV[4])
local behind = 0
local unread = redis.call('XRANGE', P .. 'node:' .. node .. ':inbox', '(' .. ARGV[4], '+', 'COUNT', 1)
if unread[1] then
  local written = tonumber(string.match(unread[1][1], '^(%d+)'))
  behind = math.max(0, now - written)
end
local result = {known, behind}
for _, live in ipairs(redis.call('ZRANGEBYSCORE', P .. 'nodes', now - tonumber(ARGV[3]), '+inf')) do
  result[#result + 1] = live
end
return result

-- Settles a change to the account's live-session count: applies what it did to the count and ends
-- its time in flight (session-pend.lua).
-- KEYS[1] the live-session counter, KEYS[2] the changes in flight, KEYS[3] the count's version
-- ARGV[1] the change's token, '' for a change never marked in flight, ARGV[2] what to add to the count
-- Reply: 1
if ARGV[2] ~= '0' then
  redis.call('INCRBY', KEYS[1], ARGV[2])
end
if ARGV[1] ~= '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
end
redis.call('INCR', KEYS[3])
return 1

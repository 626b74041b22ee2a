-- Marks a change to the account's live-session count as in flight, so that no sweep corrects the
-- count from a scan that may have seen the change's session key but not its count, or the other
-- way round (see LiveSessionCount.java). With a limit, also takes a slot unless all are taken, so
-- concurrent creations never overshoot it.
-- KEYS[1] the live-session counter, KEYS[2] the changes in flight (token by deadline), KEYS[3] the
-- count's version (it moves with every change begun or settled)
-- ARGV[1] the change's token, ARGV[2] its deadline (epoch ms), ARGV[3] the limit, '' to take no slot
-- Reply: the new count when a slot was taken, 0 without a limit, -1 when the limit is reached.
local taken = 0
if ARGV[3] ~= '' then
  if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[3]) then
    return -1
  end
  taken = redis.call('INCR', KEYS[1])
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('INCR', KEYS[3])
return taken

-- Takes one of the account's live-session slots unless all are taken, so concurrent creations
-- never overshoot the limit. KEYS[1] the account's live-session counter, ARGV[1] the limit.
-- Reply: the new count, or -1 when the limit is reached.
local live = tonumber(redis.call('GET', KEYS[1]) or '0')
if live >= tonumber(ARGV[1]) then
  return -1
end
return redis.call('INCR', KEYS[1])

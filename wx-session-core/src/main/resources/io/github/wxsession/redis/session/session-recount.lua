-- Corrects the account's live-session count after a sweep, to the sessions the sweep saw, but only
-- when nothing could have made the scan miss a change the count holds or hold one the count
-- misses: the count and its version are what the sweep started from (less the sweep's own
-- destructions), and no change other than the sweep's own is in flight. A change whose deadline
-- passed counts as abandoned (its instance died), and is forgotten.
-- KEYS[1] the counter, KEYS[2] the changes in flight, KEYS[3] the count's version
-- ARGV[1] the count expected, ARGV[2] the sessions the sweep saw (less what it destroyed),
-- ARGV[3] the version expected, ARGV[4] now (epoch ms), ARGV[5] the sweep's own token, '' for none
-- Reply: 1 corrected, 0 left alone
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
if ARGV[5] ~= '' then
  redis.call('ZREM', KEYS[2], ARGV[5])
end
local unchanged = (redis.call('GET', KEYS[1]) or '0') == ARGV[1]
  and (redis.call('GET', KEYS[3]) or '0') == ARGV[3]
  and redis.call('ZCARD', KEYS[2]) == 0
redis.call('INCR', KEYS[3])
if not unchanged then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
return 1

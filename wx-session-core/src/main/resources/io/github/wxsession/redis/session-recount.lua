-- Corrects the account's live-session count after a sweep, unless it changed since the sweep read it.
-- KEYS[1] the counter, ARGV[1] the count the sweep started from (less what it destroyed), ARGV[2] the
-- sessions it saw (less what it destroyed).
-- Reply: 1 corrected, 0 left alone
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
return 1

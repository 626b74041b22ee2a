-- Renews the lease of a unit of work that is still running, if it still holds what it took.
-- KEYS[1] session lock, KEYS[2] de-dup record (only for a message)
-- ARGV[1] owner token, ARGV[2] lease ms, ARGV[3] '1' if the unit holds the session lock
-- Reply: 1 renewed, 0 the lease had run out (the lock or record is gone or someone else's)
local owner, lease = ARGV[1], ARGV[2]
if ARGV[3] == '1' and redis.call('GET', KEYS[1]) ~= owner then
  return 0
end
if KEYS[2] and redis.call('GET', KEYS[2]) ~= 'p:' .. owner then
  return 0
end
if ARGV[3] == '1' then
  redis.call('PEXPIRE', KEYS[1], lease)
end
if KEYS[2] then
  redis.call('PEXPIRE', KEYS[2], lease)
end
return 1

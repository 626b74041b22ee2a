-- Ends a unit of work in one round trip: saves the changes made to the request-local copy (if the
-- session still exists), releases the lock, and settles the message's de-dup record; for a unit
-- that holds the lock or a record, only while it still holds them (fencing).
-- KEYS[1] session hash, KEYS[2] session lock, KEYS[3] de-dup record (only for a message),
-- KEYS[4] its late record (only for a delivery whose reply may have to be parked)
-- ARGV[1] now (epoch ms)
-- ARGV[2] expiry grace ms
-- ARGV[3] owner token of the lock and the in-progress record, '' for none
-- ARGV[4] creation time '#c' of the session to save into, '' to save nothing
-- ARGV[5] new max inactive seconds, '' if unchanged
-- ARGV[6] n, the number of fields to set; ARGV[7] r, the number of fields to delete
-- ARGV[8] the de-dup record's final value ('h:<reply>'), '' to delete it (the message failed)
-- ARGV[9] de-dup TTL ms
-- ARGV[10] '1' if the unit holds the session lock
-- ARGV[11] the parked-reply field, '' when the reply cannot be parked; ARGV[12] its value
-- ARGV[13 ..] n field/value pairs, then r field names
-- Reply: 1 saved, 0 the session was gone so nothing was saved, -1 nothing to save,
-- -2 the unit no longer held its lock or record (its lease ran out): nothing saved, nothing settled,
-- 2 saved, and the reply parked because WeChat's last delivery asked for it (the record then holds
-- no reply)
local session, now, owner = KEYS[1], tonumber(ARGV[1]), ARGV[3]
local locked = ARGV[10] == '1'
if owner ~= '' then
  -- Begin set the lock and the in-progress record with one lease, and renewals extend both: while
  -- the lock is this owner's the record is too, so a locked unit reads the lock alone.
  local holdsLock = not locked or redis.call('GET', KEYS[2]) == owner
  local holdsRecord = not KEYS[3] or (locked and holdsLock) or redis.call('GET', KEYS[3]) == 'p:' .. owner
  if not (holdsLock and holdsRecord) then
    -- Give back what is still ours; leave the rest to whoever holds it now.
    if locked and holdsLock then
      redis.call('DEL', KEYS[2])
    end
    if KEYS[3] and holdsRecord then
      redis.call('DEL', KEYS[3])
    end
    return -2
  end
end
local result = -1
-- A reply is parked only in the session it was loaded with (a new one would escape the live-session count).
local parked = ARGV[11] ~= '' and redis.call('HGET', KEYS[4], 'park') == '1'
  and redis.call('HGET', session, '#c') == ARGV[4]
if ARGV[4] ~= '' then
  local meta = redis.call('HMGET', session, '#c', '#a')
  if meta[1] ~= ARGV[4] then
    result = 0
  else
    local n, r = tonumber(ARGV[6]), tonumber(ARGV[7])
    if n > 0 then
      redis.call('HSET', session, unpack(ARGV, 13, 12 + 2 * n))
    end
    if r > 0 then
      redis.call('HDEL', session, unpack(ARGV, 13 + 2 * n, 12 + 2 * n + r))
    end
    -- Begin keeps the key's time to live (see session-begin.lua); only a new timeout sets it here,
    -- counted from the last access, which '#e' then records.
    if ARGV[5] ~= '' then
      local timeout = tonumber(ARGV[5])
      redis.call('HSET', session, '#m', ARGV[5], '#e', meta[2])
      if timeout > 0 then
        redis.call('PEXPIRE', session, math.max(tonumber(meta[2]) + timeout * 1000 - now, 0) + tonumber(ARGV[2]))
      else
        redis.call('PERSIST', session)
      end
    end
    result = 1
  end
end
if parked then
  redis.call('HSET', session, ARGV[11], ARGV[12])
  redis.call('DEL', KEYS[4])
  result = 2
end
if owner ~= '' then
  if locked then
    redis.call('DEL', KEYS[2])
  end
  if KEYS[3] then
    if ARGV[8] == '' then
      redis.call('DEL', KEYS[3])
    else
      redis.call('SET', KEYS[3], parked and 'h:' or ARGV[8], 'PX', ARGV[9])
    end
  end
end
return result

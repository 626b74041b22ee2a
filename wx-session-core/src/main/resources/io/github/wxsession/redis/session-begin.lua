-- Begins a unit of work on one session: de-duplication, lock, load and touch in one round trip.
-- KEYS[1] session hash, KEYS[2] session lock, KEYS[3] de-dup record and KEYS[4] its late record
-- (only for a message)
-- ARGV[1] now (epoch ms, from the caller's clock; it only dates the session's access)
-- ARGV[2] 'c' load or create, 'l' load only, 'n' no session (a message without a sender)
-- ARGV[3] max inactive seconds of a created session
-- ARGV[4] expiry grace ms, added to the key's time to live
-- ARGV[5] owner token: the value of the lock and, as 'p:<owner>', of an in-progress record
-- ARGV[6] lease ms: the lock and the in-progress record live this long unless renewed, by Redis's clock
-- ARGV[7] '1' to take the session lock
-- ARGV[8] '1' to count this delivery if the message is in progress (its first try, not its polls)
-- ARGV[9] de-dup TTL ms, how long the late record lives
-- Reply: {status, fields...}; the statuses are mirrored in BeginStatus.java. In progress: {7, n} for
-- the n-th delivery when counted.
local session, lock, now = KEYS[1], KEYS[2], tonumber(ARGV[1])

if KEYS[3] then
  local record = redis.call('GET', KEYS[3])
  if record then
    if string.sub(record, 1, 2) == 'h:' then
      return {6, string.sub(record, 3)}
    end
    -- 'p:': its holder is alive, or its lease would have run out and Redis deleted the record.
    if ARGV[8] == '1' then
      local joined = redis.call('HINCRBY', KEYS[4], 'n', 1)
      redis.call('PEXPIRE', KEYS[4], ARGV[9])
      return {7, joined + 1}
    end
    return {7}
  end
end
if ARGV[7] == '1' and not redis.call('SET', lock, ARGV[5], 'NX', 'PX', ARGV[6]) then
  return {0}
end
if KEYS[3] then
  redis.call('SET', KEYS[3], 'p:' .. ARGV[5], 'PX', ARGV[6])
end
if ARGV[2] == 'n' then
  return {8}
end

local grace = tonumber(ARGV[4])
local meta = redis.call('HMGET', session, '#a', '#m')
if meta[1] then
  local timeout = tonumber(meta[2])
  if timeout <= 0 or now < tonumber(meta[1]) + timeout * 1000 then
    redis.call('HSET', session, '#a', ARGV[1])
    if timeout > 0 then
      redis.call('PEXPIRE', session, timeout * 1000 + grace)
    end
    local fields = redis.call('HGETALL', session)
    table.insert(fields, 1, 1)
    return fields
  end
end

local old = {}
if meta[1] then
  old = redis.call('HGETALL', session)
  redis.call('DEL', session)
end
if ARGV[2] == 'c' then
  redis.call('HSET', session, '#c', ARGV[1], '#a', ARGV[1], '#m', ARGV[3])
  local timeout = tonumber(ARGV[3])
  if timeout > 0 then
    redis.call('PEXPIRE', session, timeout * 1000 + grace)
  end
  table.insert(old, 1, meta[1] and 3 or 2)
  return old
end
table.insert(old, 1, meta[1] and 4 or 5)
return old

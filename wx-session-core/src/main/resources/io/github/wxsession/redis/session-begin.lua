-- Begins a unit of work on one session: de-duplication, lock, load and touch in one round trip.
-- KEYS[1] session hash, KEYS[2] session lock, KEYS[3] de-dup record (only for a message)
-- ARGV[1] now (epoch ms, from the caller's clock)
-- ARGV[2] 'c' load or create, 'l' load only, 'n' no session (a de-dup claim without a sender)
-- ARGV[3] max inactive seconds of a created session
-- ARGV[4] expiry grace ms, added to the key's time to live
-- ARGV[5] owner '<deadline>|<token>': the value of the lock and of an in-progress record
-- ARGV[6] lock lease ms (Redis's own backstop; the deadline in the value is what counts)
-- ARGV[7] de-dup TTL ms
-- ARGV[8] '1' to take the session lock
-- Reply: {status, fields...}; the statuses are mirrored in BeginStatus.java.
local session, lock, now = KEYS[1], KEYS[2], tonumber(ARGV[1])

-- A lock or in-progress value counts while its deadline, on the callers' clocks, is ahead.
local function alive(value)
  local deadline = string.match(value, '^(%d+)|')
  return deadline ~= nil and tonumber(deadline) > now
end

if KEYS[3] then
  local record = redis.call('GET', KEYS[3])
  if record then
    if string.sub(record, 1, 2) == 'h:' then
      return {6, string.sub(record, 3)}
    end
    if alive(string.sub(record, 3)) then
      return {7}
    end
    -- else its holder died before finishing: claim it again below
  end
end
if ARGV[8] == '1' then
  local held = redis.call('GET', lock)
  if held and alive(held) then
    return {0}
  end
  redis.call('SET', lock, ARGV[5], 'PX', ARGV[6])
end
if KEYS[3] then
  redis.call('SET', KEYS[3], 'p:' .. ARGV[5], 'PX', ARGV[7])
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

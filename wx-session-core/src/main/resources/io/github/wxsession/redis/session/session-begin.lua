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
-- One read: the fields answer the unit of work and carry '#a' (last access), '#m' (max inactive
-- seconds) and '#e' (the access from which the key's time to live was last set).
local fields = redis.call('HGETALL', session)
local accessedAt, accessed, timeout, renewed
for i = 1, #fields, 2 do
  local name = fields[i]
  if name == '#a' then
    accessedAt, accessed = i + 1, tonumber(fields[i + 1])
  elseif name == '#m' then
    timeout = tonumber(fields[i + 1])
  elseif name == '#e' then
    renewed = tonumber(fields[i + 1])
  end
end
if accessed then
  if timeout <= 0 or now < accessed + timeout * 1000 then
    -- The key outlives the session's expiry by at least half the grace: its time to live is set
    -- again only once half the grace has passed since it was last set, not on every access.
    if timeout > 0 and (not renewed or now - renewed > grace / 2) then
      redis.call('HSET', session, '#a', ARGV[1], '#e', ARGV[1])
      redis.call('PEXPIRE', session, timeout * 1000 + grace)
    else
      redis.call('HSET', session, '#a', ARGV[1])
    end
    fields[accessedAt] = ARGV[1]
    table.insert(fields, 1, 1)
    return fields
  end
end

-- Idle past its timeout, or absent. Loading only, an expired session is left for the caller to
-- destroy with its count (LiveSessionCount.java); creating, it is replaced and its slot passes on.
local old = {}
if accessed then
  old = fields
end
if ARGV[2] == 'c' then
  if accessed then
    redis.call('DEL', session)
  end
  redis.call('HSET', session, '#c', ARGV[1], '#a', ARGV[1], '#m', ARGV[3], '#e', ARGV[1])
  local created = tonumber(ARGV[3])
  if created > 0 then
    redis.call('PEXPIRE', session, created * 1000 + grace)
  end
  table.insert(old, 1, accessed and 3 or 2)
  return old
end
table.insert(old, 1, accessed and 4 or 5)
return old

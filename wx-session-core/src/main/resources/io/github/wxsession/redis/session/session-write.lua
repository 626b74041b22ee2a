-- Writes one change of a session through (direct mode), unless the session is gone: deleted,
-- replaced by a newer one of the same id, or idle past its timeout. Never resurrects a session.
-- KEYS[1] session hash
-- ARGV[1] now (epoch ms), ARGV[2] the session's creation time '#c' (which session is meant)
-- ARGV[3] 's' set field ARGV[4] to ARGV[5]; 'd' delete field ARGV[4];
--         'm' set max inactive to ARGV[4] seconds, ARGV[5] expiry grace ms
-- Reply: {0} gone; {1} done; {1, previous value} when a set or delete replaced or removed one
local session, now = KEYS[1], tonumber(ARGV[1])
local meta = redis.call('HMGET', session, '#c', '#a', '#m')
if meta[1] ~= ARGV[2] then
  return {0}
end
local accessed, timeout = tonumber(meta[2]), tonumber(meta[3])
if timeout > 0 and now >= accessed + timeout * 1000 then
  return {0}
end
local op = ARGV[3]
if op == 'm' then
  timeout = tonumber(ARGV[4])
  redis.call('HSET', session, '#m', ARGV[4], '#e', meta[2])
  if timeout > 0 then
    redis.call('PEXPIRE', session, math.max(accessed + timeout * 1000 - now, 0) + tonumber(ARGV[5]))
  else
    redis.call('PERSIST', session)
  end
  return {1}
end
local previous = redis.call('HGET', session, ARGV[4])
if op == 's' then
  redis.call('HSET', session, ARGV[4], ARGV[5])
else
  redis.call('HDEL', session, ARGV[4])
end
if previous then
  return {1, previous}
end
return {1}

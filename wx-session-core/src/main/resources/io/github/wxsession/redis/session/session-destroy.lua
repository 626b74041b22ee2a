-- Deletes a session and answers its fields, so exactly one caller learns it ended and can tell
-- its listeners with the attributes readable. Answers {} when there is nothing to delete.
-- KEYS[1] session hash
-- ARGV[1] now (epoch ms)
-- ARGV[2] the creation time '#c' of the session meant (invalidate), '' for whichever is there
-- ARGV[3] '1' to delete only if it is idle past its timeout (expiry)
local session, now = KEYS[1], tonumber(ARGV[1])
local meta = redis.call('HMGET', session, '#c', '#a', '#m')
if not meta[1] or (ARGV[2] ~= '' and meta[1] ~= ARGV[2]) then
  return {}
end
if ARGV[3] == '1' then
  local timeout = tonumber(meta[3])
  if timeout <= 0 or now < tonumber(meta[2]) + timeout * 1000 then
    return {}
  end
end
local fields = redis.call('HGETALL', session)
redis.call('DEL', session)
return fields

-- Asks the delivery that is handling a message to park its reply in the sender's session, for
-- WeChat's last delivery, which stops waiting for it; atomic with that delivery's session-end.lua.
-- KEYS[1] the message's de-dup record, KEYS[2] its late record
-- ARGV[1] de-dup TTL ms
-- Reply: {1} asked, {6, reply} handled meanwhile, {0} nobody holds the message any more
local record = redis.call('GET', KEYS[1])
if not record then
  return {0}
end
if string.sub(record, 1, 2) == 'h:' then
  return {6, string.sub(record, 3)}
end
redis.call('HSET', KEYS[2], 'park', '1')
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return {1}

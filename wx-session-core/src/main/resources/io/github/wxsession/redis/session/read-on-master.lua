-- One read of session state, as a script so that it runs on the master: Lettuce sends EVAL (unlike
-- EVAL_RO) only to the master, whatever read-from the application set, so the store never reads a
-- replica that has yet to receive its own last write.
-- KEYS[1] the key; ARGV[1] the read command (GET or HMGET), ARGV[2..] its further arguments.
-- Reply: the command's reply as an array (GET's in an array of one); a key of another type (no
-- session of ours, whatever its name) reads as absent: an array of nils.
local reply = redis.pcall(ARGV[1], KEYS[1], unpack(ARGV, 2))
if type(reply) == 'table' and reply.err then
  local absent = {}
  for i = 1, math.max(#ARGV - 1, 1) do
    absent[i] = false
  end
  return absent
end
if type(reply) == 'table' then
  return reply
end
return {reply}

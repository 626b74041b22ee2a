-- wrk script for scripts/load-test.sh: replays a request file written by LoadTraffic.
--   wrk ... -s scripts/load-replay.lua -- <file> <offset> <threads>
-- The file holds complete HTTP requests, each after a line with its length. Each thread loads
-- it once at init and hands the requests out in order, wrapping at the end, so a request costs
-- wrk a table lookup and nothing else. Thread i starts at offset + i * (count / threads), so
-- threads send different messages; the offset lets consecutive wrk runs against one server
-- carry on where the last stopped instead of repeating its MsgIds.

local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local requests, count, index = {}, 0, 0

function init(args)
  local file = assert(io.open(args[1], "rb"))
  while true do
    local length = file:read("*n")
    if not length then break end
    file:read(1)
    count = count + 1
    requests[count] = file:read(length)
  end
  file:close()
  assert(count > 0, "no requests in " .. args[1])
  local offset = tonumber(args[2] or "0")
  local threads = tonumber(args[3] or "1")
  index = (offset + id * math.floor(count / threads)) % count
end

function request()
  index = index + 1
  if index > count then index = 1 end
  return requests[index]
end

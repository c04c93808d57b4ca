-- wrk script for bench/load/run.sh: GET /api/v1/contacts/{id} with a random
-- id in 1..RAPPORT_LOAD_CONTACTS (default 100000), with the API token of
-- RAPPORT_TOKEN in Authorization. Each wrk thread seeds its own generator.
--
-- There is deliberately no response() callback: with one, wrk hands every
-- header and body to Lua, which costs the load generator (on the same two
-- cores) more than it costs the floor. Errors are still counted: wrk prints
-- "Non-2xx or 3xx responses" and "Socket errors", and run.sh refuses a round
-- that has any.

local token = os.getenv("RAPPORT_TOKEN") or ""
local contacts = tonumber(os.getenv("RAPPORT_LOAD_CONTACTS") or "100000")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  return wrk.format(nil, "/api/v1/contacts/" .. math.random(1, contacts))
end

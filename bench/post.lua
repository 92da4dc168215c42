-- wrk script: POSTs one JSON body (file $BENCH_BODY) with the headers in $BENCH_HEADERS
-- ("Name: value" separated by "|") for $BENCH_SECS seconds, then sends nothing more, so that
-- every request sent has completed when wrk stops (run wrk with -d a few seconds longer).
-- Prints "SENT <n>" (requests written) when done; the request records are checked against it.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
  local body = f:read("*a")
  f:close()
  local headers = { ["Content-Type"] = "application/json" }
  local spec = os.getenv("BENCH_HEADERS") or ""
  for h in string.gmatch(spec, "[^|]+") do
    local name, value = string.match(h, "^%s*([^:]+):%s*(.-)%s*$")
    if name then headers[name] = value end
  end
  req = wrk.format("POST", nil, headers, body)
  sent = 0
  stop_at = now_ms() + tonumber(os.getenv("BENCH_SECS") or "10") * 1000
end

-- no new request after the stop time: the connection waits (an hour) until wrk exits
function delay()
  if now_ms() >= stop_at then
    return 3600000
  end
  return 0
end

function request()
  sent = sent + 1
  return req
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("sent")
  end
  -- wrk calls request() once more before the run, to check the request (script_verify_request)
  io.write(string.format("SENT %d\n", total - 1))
end

-- wrk script: cycles every thread through the request paths listed one per line in the
-- file named by the first script argument (so no single row is hot), and prints a JSON
-- summary line that bench/lib/load.ts parses.
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Threads start at different offsets so they do not walk the same rows in step.
  counter = math.random(0, #paths - 1)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, _requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p95Us":%d,"p99Us":%d,"socketErrors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end

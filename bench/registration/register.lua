-- wrk script for the registration bench: every request is a registration with an e-mail of its
-- own (wrk thread number + a counter per thread), so the app decides each one instead of
-- refusing a duplicate. `wrk -s register.lua URL -- TAG`: TAG keeps e-mails distinct across runs.
-- done() prints one JSON line the bench reads (wrk's times are microseconds).

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local tag = "bench"
local counter = 0
function init(args)
  tag = args[1] or tag
end

local headers = { ["Content-Type"] = "application/json" }
function request()
  counter = counter + 1
  local seat = (counter % 2 == 1) and "online" or "venue"
  local body = string.format('{"name":"参加者 %d-%d","email":"wrk%d-%d-%s@example.jp","seatType":"%s"}',
    thread_number, counter, thread_number, counter, tag, seat)
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end

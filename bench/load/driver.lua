-- The wrk script of one load phase. bench/load/wrk_driver.py puts before it:
--   endpoints = { {kind = "page" | "api" | "plain", template = "/members/{member}/", weight = 15}, ... }
--   endpoints = kind "api_post" POSTs a JSON answer (an RSVP) with the visitor's token
--   viewers   = { {session = "...", token = "...", members = {12, 40}, groups = {"slug"},
--                  occurrences = {7, 9}, aid_requests = {3}, terms = {"vivienda"}}, ... }
--   seed      = 1
-- Each request picks an endpoint by weight and a visitor at random, and fills the address
-- with something that visitor may see. Any answer but a 200 counts as an error (a redirect to
-- the login or the code of conduct included), and so does any socket error.

local total_weight = 0
for _, endpoint in ipairs(endpoints) do
  total_weight = total_weight + endpoint.weight
end

local threads = {}
local answers = {"going", "maybe", "not_going"}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  math.randomseed(seed * 1000 + thread_number)
  bad = 0
  statuses = {}
end

local function pick(list)
  return list[math.random(#list)]
end

local function pick_endpoint()
  local left = math.random() * total_weight
  for _, endpoint in ipairs(endpoints) do
    left = left - endpoint.weight
    if left <= 0 then
      return endpoint
    end
  end
  return endpoints[#endpoints]
end

function request()
  local endpoint = pick_endpoint()
  local viewer = pick(viewers)
  local path = endpoint.template
  -- Each {name} in the address becomes one of the visitor's `names` (their members, groups,
  -- occurrences, aid requests, search terms ...).
  path = path:gsub("{([%w_]+)}", function(name)
    return tostring(pick(viewer[name .. "s"]))
  end)
  local headers = {}
  if endpoint.kind == "api" or endpoint.kind == "api_post" then
    headers["Authorization"] = "Bearer " .. viewer.token
    headers["Accept"] = "application/json"
  end
  if endpoint.kind == "api_post" then
    -- An answer that changes something most of the time: seats are taken and freed.
    headers["Content-Type"] = "application/json"
    local body = '{"answer": "' .. pick(answers) .. '"}'
    return wrk.format("POST", path, headers, body)
  elseif endpoint.kind == "page" then
    headers["Cookie"] = "sessionid=" .. viewer.session
  end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

-- One line of JSON for wrk.py, after wrk's own report.
function done(summary, latency, requests)
  local errors, codes = 0, {}
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("bad")
    for code, count in pairs(thread:get("statuses")) do
      codes[tostring(code)] = (codes[tostring(code)] or 0) + count
    end
  end
  for kind, count in pairs(summary.errors) do
    -- "status" counts the answers of 400 and above, already counted one by one above.
    if kind ~= "status" and count > 0 then
      codes[kind] = count
      errors = errors + count
    end
  end
  local parts = {}
  for code, count in pairs(codes) do
    table.insert(parts, string.format('"%s": %d', code, count))
  end
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, '
      .. '"mean_ms": %.2f, "errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, errors, table.concat(parts, ", ")
  ))
end

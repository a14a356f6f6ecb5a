-- Requests for bench/abuse.sh. Every request names its client in X-Forwarded-For (the edge trusts 127.0.0.1 as its
-- proxy, as behind a load balancer). Set by environment variables:
--   QA_MODE       hot   (a legitimate reader: zipf over the QA_HOT most popular products, 10.1.<thread>.1)
--                 flood (abusive readers on QA_ATTACKERS addresses 10.9.0.<k>: a third unique page keys of real
--                        products, a third unknown product ids, a third random searches)
--   QA_PRODUCTS   how many products exist (ids 1..N); QA_HOT; QA_ATTACKERS (default 4)
--   QA_DELAY_MS   pause of each connection between requests (default 0: as fast as answers come)
--   QA_ATTACKER_NET  the first three parts of the attackers' addresses (default 10.9.0)
-- done() prints "statuses 2xx=<n> 429=<n> 5xx=<n> other=<n>".
local mode = os.getenv("QA_MODE") or "hot"
local products = tonumber(os.getenv("QA_PRODUCTS") or "100000")
local hot = tonumber(os.getenv("QA_HOT") or "1000")
local attackers = tonumber(os.getenv("QA_ATTACKERS") or "4")
local pause = tonumber(os.getenv("QA_DELAY_MS") or "0")
local attacker_net = os.getenv("QA_ATTACKER_NET") or "10.9.0"
local maxcount = tonumber(os.getenv("QA_MAX_COUNT") or "100")
local threads = {}
local counter = 0

local fresh_seed = dofile("bench/wrk/fresh_seed.lua")

function setup(thread)
  counter = counter + 1
  thread:set("seed", fresh_seed())
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed or os.time())
  ok, limited, failed, other = 0, 0, 0, 0
end

local letters = "abcdefghijklmnopqrstuvwxyz"
local function word()
  local out = {}
  for i = 1, math.random(4, 9) do
    local k = math.random(1, #letters)
    out[i] = letters:sub(k, k)
  end
  return table.concat(out)
end

function request()
  if mode == "hot" then
    local id = math.floor(hot ^ math.random())
    return wrk.format("GET", "/api/v1/products/" .. id .. "/questions?count=5", { ["X-Forwarded-For"] = "10.1." .. id % 250 .. ".1" })
  end

  local headers = { ["X-Forwarded-For"] = attacker_net .. "." .. math.random(1, attackers) }
  local kind = math.random(1, 3)
  if kind == 1 then
    return wrk.format("GET", "/api/v1/products/" .. math.random(1, products) .. "/questions?page=" .. math.random(1, 3)
      .. "&count=" .. math.random(1, maxcount) .. "&sort=" .. (math.random() < 0.5 and "newest" or "helpful"), headers)
  elseif kind == 2 then
    return wrk.format("GET", "/api/v1/products/" .. (9000000000 + math.random(1, 1000000000)) .. "/questions", headers)
  end
  return wrk.format("GET", "/api/v1/products/" .. math.random(1, products) .. "/questions/search?q=" .. word() .. "+" .. word(), headers)
end

function delay()
  return pause
end

function response(status, headers, body)
  if status < 300 then ok = ok + 1
  elseif status == 429 then limited = limited + 1
  elseif status >= 500 then failed = failed + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local a, b, c, d = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("ok"); b = b + t:get("limited"); c = c + t:get("failed"); d = d + t:get("other")
  end
  io.write(string.format("statuses 2xx=%d 429=%d 5xx=%d other=%d\n", a, b, c, d))
end

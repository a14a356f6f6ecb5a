-- Requests for bench/run.sh. Set by environment variables:
--   QA_MODE      hot | zipf | uniform | mixed | legacy
--   QA_PRODUCTS  how many products exist (ids 1..N); QA_HOT how many are "popular" (hot mode)
--   QA_QUESTIONS how many questions exist (mixed mode writes vote on ids 1..Q)
-- Zipf s = 1.0 is drawn as floor(N^u): P(id = k) is proportional to 1/k, id 1 the most popular.
local mode = os.getenv("QA_MODE") or "zipf"
local products = tonumber(os.getenv("QA_PRODUCTS") or "10000000")
local hot = tonumber(os.getenv("QA_HOT") or "10000")
local questions = tonumber(os.getenv("QA_QUESTIONS") or "25000000")

local function zipf(n)
  return math.floor(n ^ math.random())
end

local function page(id)
  return wrk.format("GET", "/api/v1/products/" .. id .. "/questions?count=5")
end

-- Each thread draws from its own seed, fresh on every run.
local fresh_seed = dofile("bench/wrk/fresh_seed.lua")

function setup(thread)
  thread:set("seed", fresh_seed())
end

function init(args)
  math.randomseed(seed or os.time())
end

function request()
  if mode == "hot" then
    return page(zipf(hot))
  elseif mode == "uniform" then
    return page(math.random(1, products))
  elseif mode == "legacy" then
    return wrk.format("GET", "/item?id=" .. zipf(products))
  elseif mode == "mixed" and math.random() < 0.05 then
    -- Writes: 60% votes, 20% new questions (on products readers favour), 20% new answers.
    local json = { ["Content-Type"] = "application/json" }
    local kind = math.random()
    if kind < 0.6 then
      return wrk.format("POST", "/api/v1/questions/" .. math.random(1, questions) .. "/votes", json, '{"direction":"up"}')
    elseif kind < 0.8 then
      return wrk.format("POST", "/api/v1/products/" .. zipf(products) .. "/questions", json,
        '{"body":"Does it work with the bench?","askerName":"bench","askerEmail":"bench@example.com"}')
    end
    return wrk.format("POST", "/api/v1/questions/" .. math.random(1, questions) .. "/answers", json,
      '{"body":"It does, measured.","answererName":"bench","answererEmail":"bench@example.com"}')
  end
  return page(zipf(products))
end

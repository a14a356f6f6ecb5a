-- A random seed from /dev/urandom, for each wrk thread and run: a fixed seed would replay the same ids run after run,
-- and a later scenario would measure the cache its predecessor filled. Loaded by the scripts beside it with
-- dofile("bench/wrk/fresh_seed.lua") (wrk runs from the repository's root).
return function()
  local urandom = io.open("/dev/urandom", "rb")
  local bytes = urandom:read(4)
  urandom:close()
  local seed = 0
  for i = 1, 4 do seed = seed * 256 + bytes:byte(i) end
  return seed
end

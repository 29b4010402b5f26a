local counts = {}
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) five = 0; four = 0; two = 0 end
response = function(status, headers, body)
  if status >= 500 then five = five + 1 elseif status >= 400 then four = four + 1 else two = two + 1 end
end
done = function(summary, latency, requests)
  local f, q, t = 0, 0, 0
  for _, th in ipairs(threads) do f = f + th:get("five"); q = q + th:get("four"); t = t + th:get("two") end
  io.write(string.format("status: 2xx=%d 4xx=%d 5xx=%d\n", t, q, f))
end

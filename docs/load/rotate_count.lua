-- every request a different unknown username: each costs one bcrypt (the throttle is per username)
counter = 0
request = function()
  counter = counter + 1
  local user = "u" .. counter .. "-" .. math.random(1, 1000000000)
  local creds = user .. ":wrong-password"
  -- base64 via a tiny encoder
  local b='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  local enc = ((creds:gsub('.', function(x)
    local r,bb='',x:byte()
    for i=8,1,-1 do r=r..(bb%2^i-bb%2^(i-1)>0 and '1' or '0') end
    return r;
  end)..'0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if (#x < 6) then return '' end
    local c=0
    for i=1,6 do c=c+(x:sub(i,i)=='1' and 2^(6-i) or 0) end
    return b:sub(c+1,c+1)
  end)..({ '', '==', '=' })[#creds%3+1])
  return wrk.format("GET", "/syncdb", {["Authorization"] = "Basic " .. enc})
end
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

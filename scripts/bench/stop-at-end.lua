-- wrk script of the status load (bench.py): each wrk thread stops at the first answer that shows the import
-- ended (or any non-200), so that every latency wrk reports was measured while the import ran.
local ended = false

response = function(status, headers, body)
  if not ended and (status ~= 200 or not body:find('"status":"processing"', 1, true)) then
    ended = true
    wrk.thread:stop()
  end
end

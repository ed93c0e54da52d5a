-- wrk: print one JSON line with requests per second, p50 and p95 (ms) and errors
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'JSON {"rps": %.1f, "p50": %.3f, "p95": %.3f, "errors": %d, "requests": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    errors, summary.requests))
end

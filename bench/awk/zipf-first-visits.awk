# Used by bench/run.sh (the steady state).
# stdin: "minute req/s ..." per minute → "minute floor": the share of that minute's reads that are first visits of their
# id (the misses of a cache that keeps everything), for qa.lua's zipf ids floor(N^u): P(id = k) = ln((k+1)/k) / ln N.
BEGIN {
  lnN = log(n); b = 0
  for (k = 1; k < n; k = hi) {
    hi = int(k * 1.01); if (hi < k + 1) hi = k + 1; if (hi > n) hi = n
    c = hi - k; mid = k + c / 2
    size[++b] = c; p[b] = log((mid + 1) / mid) / lnN
  }
}
{
  reads = $2 * 60; first = 0
  for (i = 1; i <= b; i++) first += size[i] * (exp(before * log(1 - p[i])) - exp((before + reads) * log(1 - p[i])))
  printf "%d %.4f\n", $1, first / reads
  before += reads
}

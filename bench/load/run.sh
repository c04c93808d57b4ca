#!/usr/bin/env bash
# Load benchmark of GET /api/v1/contacts/{id} (issue 6), Rapport beside its
# floor, in one run:
#
#   - Rapport: `rapport serve` on a copy of the SQLite fixture of
#     `rapport gen --contacts 100000 --interactions 2000000 --seed 1`, called
#     with a read token (every request authenticates it);
#   - the floor: bench/load/floor, a bare net/http server that answers the
#     same path with the same status, headers and JSON bytes, copied from
#     Rapport once at startup (no database or auth work per request).
#
# It measures throughput with wrk (bench/load/get.lua: random ids in
# 1..100000, with the token), A/B alternating for $ROUNDS rounds (AB, BA, ...),
# and latency at a fixed $RATE requests per second with bench/load/rate (open
# loop, latency from each request's due time), and prints a summary in
# Markdown: each round's requests per second, the medians and their ratio,
# the p99 at $RATE req/s, and, since the machine may be shared, the server's
# CPU time per request (from /proc), how busy the cores were, the run queue
# (sampled every second), the load average, and Rapport's own p99 inside the
# handler (from its /metrics) in the fixed-rate rounds.
#
# Usage, from anywhere in the repository:
#
#   bench/load/run.sh
#
# Settings (environment): ROUNDS=5 DURATION=10s THREADS=2 CONNS=50 WARMUP=5s
# RATE=500 RATE_ROUNDS=3 RATE_DURATION=20s; PIN_WRK=CPU-LIST runs wrk under
# `taskset -c CPU-LIST` (default: not pinned); OUT=DIR copies the raw outputs
# and summary.md there; KEEP=1 keeps the work folder.
#
# The fixture is generated the first time (about 35 s) into
# $RAPPORT_BENCH_DIR (default $TMPDIR/rapport-bench, the same file the Go
# benchmarks use) and copied for each run, since the token and the server's
# scheduled work write to the database. Needs go, curl and wrk (installed
# with apt-get when missing and run as root).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-50}
WARMUP=${WARMUP:-5s}
RATE=${RATE:-500}
RATE_ROUNDS=${RATE_ROUNDS:-3}
RATE_DURATION=${RATE_DURATION:-20s}
PIN_WRK=${PIN_WRK:-}
OUT=${OUT:-}
KEEP=${KEEP:-}
CONTACTS=100000
INTERACTIONS=2000000
NOW=2026-11-20T09:00:00Z # bench.Now: the fixture's "now"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

command -v go >/dev/null || die "go is not installed"
command -v curl >/dev/null || die "curl is not installed"
if ! command -v wrk >/dev/null; then
	[ "$(id -u)" = 0 ] || die "wrk is not installed: apt-get install wrk"
	say "installing wrk (apt-get)"
	apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
WRK=(wrk)
if [ -n "$PIN_WRK" ]; then
	WRK=(taskset -c "$PIN_WRK" wrk)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rapport-load.XXXXXX")
PIDS=()
RUNQ_PID=
cleanup() {
	local pid
	[ -z "$RUNQ_PID" ] || kill "$RUNQ_PID" 2>/dev/null || true
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ -n "$OUT" ]; then
		mkdir -p "$OUT" && cp "$WORK"/*.txt "$WORK"/*.tsv "$WORK"/*.log "$WORK"/summary.md "$OUT"/ 2>/dev/null || true
	fi
	if [ -n "$KEEP" ]; then
		say "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

# --- build, once -----------------------------------------------------------
say "building rapport, the floor and the rate generator into $WORK"
go build -o "$WORK/rapport" ./cmd/rapport
go build -o "$WORK/floor" ./bench/load/floor
go build -o "$WORK/rate" ./bench/load/rate

# --- the database --------------------------------------------------------------
BENCH_DIR=${RAPPORT_BENCH_DIR:-${TMPDIR:-/tmp}/rapport-bench}
FIX="$BENCH_DIR/gen-$CONTACTS-$INTERACTIONS-seed1.db"
if [ ! -f "$FIX" ]; then
	say "generating $FIX (about 35 s)"
	mkdir -p "$BENCH_DIR"
	rm -f "$FIX.partial" "$FIX.partial-wal" "$FIX.partial-shm"
	RAPPORT_NOW=$NOW TZ=UTC "$WORK/rapport" --db "$FIX.partial" init >/dev/null
	RAPPORT_NOW=$NOW TZ=UTC "$WORK/rapport" --db "$FIX.partial" gen \
		--contacts "$CONTACTS" --interactions "$INTERACTIONS" --seed 1 >/dev/null
	rm -f "$FIX.partial-wal" "$FIX.partial-shm" # closed cleanly: checkpointed
	mv "$FIX.partial" "$FIX"
fi
DB="$WORK/load.db"
cp "$FIX" "$DB"
[ ! -f "$FIX-wal" ] || cp "$FIX-wal" "$DB-wal"
TOKEN=$("$WORK/rapport" --db "$DB" token create --scope read --name load --json |
	sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not create a token"
export RAPPORT_TOKEN=$TOKEN RAPPORT_LOAD_CONTACTS=$CONTACTS

# --- the servers ---------------------------------------------------------------
free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port"
}
wait_up() { # URL PID LOG
	for _ in $(seq 240); do
		curl -sf -o /dev/null "$1" && return
		kill -0 "$2" 2>/dev/null || { cat "$3" >&2; die "$1: the server stopped"; }
		sleep 0.5
	done
	cat "$3" >&2
	die "$1: not up after 2 minutes"
}
RPORT=$(free_port)
TZ=UTC "$WORK/rapport" serve --addr "127.0.0.1:$RPORT" --db "$DB" --log-level warn >"$WORK/rapport.log" 2>&1 &
RPID=$!
PIDS+=("$RPID")
RAPPORT_URL="http://127.0.0.1:$RPORT"
wait_up "$RAPPORT_URL/readyz" "$RPID" "$WORK/rapport.log"

FPORT=$(free_port)
say "floor: copying the answers for ids 1..$CONTACTS from Rapport"
"$WORK/floor" -addr "127.0.0.1:$FPORT" -from "$RAPPORT_URL" -token "$TOKEN" -contacts "$CONTACTS" >"$WORK/floor.log" 2>&1 &
FPID=$!
PIDS+=("$FPID")
FLOOR_URL="http://127.0.0.1:$FPORT"
wait_up "$FLOOR_URL/healthz" "$FPID" "$WORK/floor.log"

# Same answer, byte for byte (but the Date header)?
for id in 1 4242 99999; do
	a=$(curl -sfi -H "Authorization: Bearer $TOKEN" "$RAPPORT_URL/api/v1/contacts/$id" | grep -v '^Date:')
	b=$(curl -sfi "$FLOOR_URL/api/v1/contacts/$id" | grep -v '^Date:')
	[ "$a" = "$b" ] || die "contact $id: the floor's answer differs from Rapport's"
done

# --- helpers -----------------------------------------------------------------
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat; } # total idle
to_ms() { # a wrk duration (500.00us, 8.92ms, 1.02s, 1.00m) in ms
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
		else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
		else print "?" }'
}
# The run queue (runnable threads, all processes: procs_running of
# /proc/stat), sampled every second during a run: how crowded the 2 cores
# were by everything on the machine, this benchmark included.
runq_start() {
	(while :; do awk '/^procs_running/ {print $2}' /proc/stat; sleep 1; done) >"$WORK/runq.txt" 2>/dev/null &
	RUNQ_PID=$!
}
runq_stop() { # prints "median max"
	kill "$RUNQ_PID" 2>/dev/null || true
	wait "$RUNQ_PID" 2>/dev/null || true
	printf '%s %s\n' "$(median <"$WORK/runq.txt")" "$(sort -g "$WORK/runq.txt" | tail -1)"
}
median() { sort -g | awk '{a[NR] = $1} END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minmax() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.0f–%.0f\n", lo, hi}'; }

# run_wrk ROUND NAME URL PID: one wrk run; appends a line to rounds.tsv.
run_wrk() {
	local round=$1 name=$2 url=$3 pid=$4 out="$WORK/wrk-$1-$2.txt"
	local c0 c1 m0 m1 rps p50 p99 reqs
	c0=$(cpu_ticks "$pid")
	m0=$(machine_ticks)
	runq_start
	"${WRK[@]}" -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/load/get.lua "$url" >"$out"
	c1=$(cpu_ticks "$pid")
	m1=$(machine_ticks)
	local runq
	runq=$(runq_stop)
	if grep -qE 'Non-2xx|Socket errors' "$out"; then
		cat "$out" >&2
		die "round $round, $name: errors"
	fi
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
	reqs=$(awk '/requests in/ {print $1}' "$out")
	p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
	p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
	# server CPU per request (µs), and how busy the whole machine was (%)
	local cpu busy
	cpu=$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", (b - a) / hz * 1e6 / n}')
	busy=$(awk -v a="$m0" -v b="$m1" 'BEGIN {split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; printf "%.0f", 100 * (t - (y[2] - x[2])) / t}')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "$busy" "${runq% *}" "${runq#* }" >>"$WORK/rounds.tsv"
	say "$(printf 'round %s %-7s %9s req/s  p50 %6s ms  p99 %6s ms  server CPU %4s µs/req  machine busy %s%%  run queue %s (max %s)' "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "$busy" "${runq% *}" "${runq#* }")"
}

# run_rate ROUND NAME URL: one fixed-rate run; appends a line to rate.tsv.
# Rapport's own view, from its /metrics: the request duration histogram of
# the route (time inside the handler) and the Go GC cycles.
scrape() { curl -sf "$RAPPORT_URL/metrics" | awk '
	/^rapport_http_request_duration_seconds_bucket\{route="GET \/api\/v1\/contacts\/\{id\}"/ {
		match($0, /le="[^"]*"/); print "b", substr($0, RSTART + 4, RLENGTH - 5), $NF }
	/^go_gc_duration_seconds_count/ {print "gc", "-", $NF}'; }
# handler_p99 BEFORE AFTER: the bucket (ms) that holds the 99th percentile
# of the requests between two scrapes, and how many GC cycles ran.
handler_p99() {
	awk 'NR == FNR {a[$1 " " $2] = $3; next} {d[$1 " " $2] = $3 - a[$1 " " $2]; if ($1 == "b") {le[++n] = $2}}
		END { total = d["b +Inf"]; p = "?"
			for (i = 1; i <= n; i++) if (total > 0 && d["b " le[i]] >= 0.99 * total) { p = (le[i] == "+Inf") ? "inf" : le[i] * 1000; break }
			printf "%s %d\n", p, d["gc -"] }' "$1" "$2"
}

run_rate() {
	local round=$1 name=$2 url=$3 line m0 m1 busy runq hp="- -"
	m0=$(machine_ticks)
	scrape >"$WORK/metrics-before.txt"
	runq_start
	line=$("$WORK/rate" -url "$url" -token "$TOKEN" -rate "$RATE" -duration "$RATE_DURATION" -warmup 3s \
		-seed "$round" -contacts "$CONTACTS" -series "$WORK/series-$round-$name.tsv")
	m1=$(machine_ticks)
	runq=$(runq_stop)
	scrape >"$WORK/metrics-after.txt"
	if [ "$name" = rapport ]; then
		hp=$(handler_p99 "$WORK/metrics-before.txt" "$WORK/metrics-after.txt") # includes the 3 s of warmup
	fi
	busy=$(awk -v a="$m0" -v b="$m1" 'BEGIN {split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; printf "%.0f", 100 * (t - (y[2] - x[2])) / t}')
	echo "$line" >>"$WORK/rate-raw.txt"
	kv() { tr ' ' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$(kv achieved_rps)" "$(kv p50_ms)" "$(kv p99_ms)" "$(kv p999_ms)" \
		"$(kv max_ms)" "$(kv send_late_p99_ms)" "$(kv errors)" "$busy" "${runq% *}" "${runq#* }" "${hp% *}" "${hp#* }" >>"$WORK/rate.tsv"
	say "$(printf 'rate %s %-7s %s rps  p50 %s  p99 %s  p99.9 %s  max %s ms (generator late p99 %s ms)  machine busy %s%%  run queue %s (max %s)  in-handler p99 <= %s ms, %s GCs' \
		"$round" "$name" "$(kv achieved_rps)" "$(kv p50_ms)" "$(kv p99_ms)" "$(kv p999_ms)" "$(kv max_ms)" "$(kv send_late_p99_ms)" "$busy" "${runq% *}" "${runq#* }" "${hp% *}" "${hp#* }")"
}

# --- throughput: wrk, A/B alternating ------------------------------------------
UPTIME_BEFORE=$(uptime)
say "load before: $UPTIME_BEFORE"
say "warming up both for $WARMUP"
"${WRK[@]}" -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s bench/load/get.lua "$RAPPORT_URL" >/dev/null
"${WRK[@]}" -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s bench/load/get.lua "$FLOOR_URL" >/dev/null
: >"$WORK/rounds.tsv"
for r in $(seq "$ROUNDS"); do
	if [ $((r % 2)) = 1 ]; then
		run_wrk "$r" rapport "$RAPPORT_URL" "$RPID"
		run_wrk "$r" floor "$FLOOR_URL" "$FPID"
	else
		run_wrk "$r" floor "$FLOOR_URL" "$FPID"
		run_wrk "$r" rapport "$RAPPORT_URL" "$RPID"
	fi
done

# --- latency at a fixed rate ---------------------------------------------------
: >"$WORK/rate.tsv"
for r in $(seq "$RATE_ROUNDS"); do
	if [ $((r % 2)) = 1 ]; then
		run_rate "$r" rapport "$RAPPORT_URL"
		run_rate "$r" floor "$FLOOR_URL"
	else
		run_rate "$r" floor "$FLOOR_URL"
		run_rate "$r" rapport "$RAPPORT_URL"
	fi
done
UPTIME_AFTER=$(uptime)

# --- summary -----------------------------------------------------------------
col() { awk -F'\t' -v n="$1" -v c="$2" '$2 == n {print $c}' "$3"; }
R_RPS=$(col rapport 3 "$WORK/rounds.tsv" | median)
F_RPS=$(col floor 3 "$WORK/rounds.tsv" | median)
RATIO=$(awk -v a="$R_RPS" -v b="$F_RPS" 'BEGIN {printf "%.1f", 100 * a / b}')
# the ratio of each round's pair (A/B side by side), and their median
PAIRED=$(awk -F'\t' '$2 == "rapport" {r[$1] = $3} $2 == "floor" {f[$1] = $3} END {for (k in r) printf "%.1f\n", 100 * r[k] / f[k]}' "$WORK/rounds.tsv" | median)
R_CPU=$(col rapport 6 "$WORK/rounds.tsv" | median)
F_CPU=$(col floor 6 "$WORK/rounds.tsv" | median)
R_P99=$(col rapport 5 "$WORK/rate.tsv" | median)
F_P99=$(col floor 5 "$WORK/rate.tsv" | median)
{
	echo "GET /api/v1/contacts/{id}, SQLite, $CONTACTS contacts; wrk -t$THREADS -c$CONNS -d$DURATION${PIN_WRK:+ (taskset -c $PIN_WRK)}, $ROUNDS rounds A/B; $RATE_ROUNDS × $RATE_DURATION at $RATE rps"
	echo
	echo "| round | Rapport req/s | floor req/s | ratio | Rapport server CPU µs/req | floor µs/req | machine busy % (R/F) | run queue median/max (R; F) |"
	echo "|---|---|---|---|---|---|---|---|"
	for r in $(seq "$ROUNDS"); do
		awk -F'\t' -v r="$r" '$1 == r && $2 == "rapport" {rr = $3; rc = $6; rb = $7; rq = $8 "/" $9} $1 == r && $2 == "floor" {fr = $3; fc = $6; fb = $7; fq = $8 "/" $9}
			END {printf "| %s | %.0f | %.0f | %.1f%% | %s | %s | %s/%s | %s; %s |\n", r, rr, fr, 100 * rr / fr, rc, fc, rb, fb, rq, fq}' "$WORK/rounds.tsv"
	done
	printf '| **median** | **%.0f** (%s) | **%.0f** (%s) | **%s%%** (of the medians; %s%%, median of the rounds) | %s | %s | | |\n' \
		"$R_RPS" "$(col rapport 3 "$WORK/rounds.tsv" | minmax)" "$F_RPS" "$(col floor 3 "$WORK/rounds.tsv" | minmax)" "$RATIO" "$PAIRED" "$R_CPU" "$F_CPU"
	echo
	echo "| at $RATE rps | round | achieved | p50 ms | p99 ms | p99.9 ms | max ms | generator late p99 ms | machine busy % | run queue median/max | in-handler p99 (bucket) ms |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	sort -t$'\t' -k2,2r -k1,1n "$WORK/rate.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s/%s | %s |\n", $2, $1, $3, $4, $5, $6, $7, $8, $10, $11, $12, ($13 == "-" ? "" : "≤ " $13)}'
	echo
	printf 'Rapport: median %.0f req/s, floor %.0f req/s: ratio %s%% (median of the rounds'"'"' ratios: %s%%; target: at least 25%%)\n' "$R_RPS" "$F_RPS" "$RATIO" "$PAIRED"
	printf 'server CPU per request: Rapport %s µs, floor %s µs (%.1f×)\n' "$R_CPU" "$F_CPU" "$(awk -v a="$R_CPU" -v b="$F_CPU" 'BEGIN {print a / b}')"
	echo "p99 at $RATE rps: Rapport $R_P99 ms (rounds: $(col rapport 5 "$WORK/rate.tsv" | tr '\n' ' ')), floor $F_P99 ms (target: Rapport under 20 ms)"
	echo "load before: $UPTIME_BEFORE"
	echo "load after:  $UPTIME_AFTER"
} >"$WORK/summary.md"
echo
cat "$WORK/summary.md"

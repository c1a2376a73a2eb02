# Helpers for .ci/run: each leg runs vitest somewhere, and its counts are added to the total.
passed=0
failed=0
started_pids=()

record_failure() { failed=$((failed + 1)); }

# leg NAME DIR COMMAND...: runs COMMAND in DIR and adds the counts of DIR's vitest JSON report.
leg() {
  local name=$1 dir=$2
  shift 2
  echo "=== leg: $name ($*) ==="
  rm -f "$dir/test-output/vitest-results.json"
  (cd "$dir" && "$@")
  local status=$?
  local counts
  counts=$(count_report "$dir/test-output/vitest-results.json" "$status")
  echo "leg $name: $counts"
  passed=$((passed + ${counts%% *}))
  local f=${counts#* passed, }
  failed=$((failed + ${f%% *}))
}

# count_report FILE STATUS: "N passed, N failed" from a vitest JSON report; a suite that fails
# before its tests run counts as one failure, and so does a non-zero exit with nothing failed.
count_report() {
  if [[ ! -f $1 ]]; then echo "0 passed, 1 failed"; return; fi
  node -e '
    const r = require(process.argv[1]);
    const silentSuites = r.testResults.filter((s) => s.status === "failed" && !s.assertionResults.some((a) => a.status === "failed")).length;
    let failed = r.numFailedTests + silentSuites;
    if (failed === 0 && process.argv[2] !== "0") failed = 1;
    console.log(`${r.numPassedTests} passed, ${failed} failed`);
  ' "$1" "$2"
}

# check_start DIR: the README's start command answers /healthz, then stops with its whole group.
check_start() {
  local dir=$1 port
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  echo "=== leg: start ($dir, PORT=$port npm start) ==="
  # setsid makes the started process a group leader, so stopping it stops npm, tsx and node together.
  PORT=$port HOST=127.0.0.1 setsid bash -c 'cd "$1" && exec npm start' _ "$dir" >"$dir/start.log" 2>&1 &
  local pid=$!
  started_pids+=("$pid")
  local ok=0
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.5
  done
  if ((ok)); then
    echo "start: /healthz answered 200 on port $port"
    passed=$((passed + 1))
  else
    echo "start: /healthz did not answer within 60 s; the server printed:"
    tail -20 "$dir/start.log"
    record_failure
  fi
  stop_started
}

# Stops every process group started here (npm, tsx and the server alike).
stop_started() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null
  done
  started_pids=()
}

finish() {
  echo "${passed} passed, ${failed} failed"
  ((failed == 0)) || exit 1
  exit 0
}

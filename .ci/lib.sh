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

# oscal_leg REPO: NIST's tooling checks the OSCAL we import and the OSCAL we export, one test each.
# Imported: NIST's two catalogs in reference/oscal/ (well-formedness, the OSCAL model, and OSCAL's
# constraints). Preferred: the OSCAL CLI from Maven Central, dev.metaschema.oscal:oscal-cli-enhanced
# (zip, classifier oscal-cli), `oscal-cli catalog validate`. Where that artifact cannot be resolved (the
# Maven mirror of the machine this was written on does not carry it), the same engine from its parts:
# the Metaschema CLI (dev.metaschema.java:metaschema-cli, zip) with liboscal-java on its class path
# (OSCAL's Metapath functions such as has-oscal-namespace) and the OSCAL 1.2.2 catalog model
# (.ci/oscal-model/).
# Exported: see oscal_mapping_checks below (always the Metaschema CLI, with the OSCAL 1.2.2 mapping model).
OSCAL_CLI_VERSION=${OSCAL_CLI_VERSION:-3.2.0}
METASCHEMA_CLI_VERSION=${METASCHEMA_CLI_VERSION:-2.2.0}
LIBOSCAL_VERSION=${LIBOSCAL_VERSION:-5.2.0}
# The exported pairs NIST's tooling checks: a curated set (strengths, notes, conditions, unmapped refs
# that are not OSCAL tokens) and NIST's largest (642 RELATED pairs from SP 800-53, ids like "AC-2(1)").
OSCAL_EXPORTED_PAIRS=${OSCAL_EXPORTED_PAIRS:-"soc2--iso42001 nist-800-53--iso27001"}
oscal_leg() {
  local repo=$1 work
  echo "=== leg: oscal (NIST OSCAL validation of the imported catalogs and exported mapping-collections) ==="
  work=$(mktemp -d /tmp/crosswalk-oscal.XXXXXX)
  local copy="org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy"
  local catalogs=("$repo/reference/oscal/NIST_CSF_v2.0_catalog-min.json" "$repo/reference/oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json")
  # The Metaschema CLI and liboscal-java validate the exported mapping-collections, and the catalogs
  # when the OSCAL CLI is not to be had.
  local metaschema=""
  if mvn -q -B "$copy" -DoutputDirectory="$work" -Dartifact="dev.metaschema.java:metaschema-cli:$METASCHEMA_CLI_VERSION:zip:metaschema-cli" >/dev/null 2>&1 \
    && mvn -q -B "$copy" -DoutputDirectory="$work" -Dartifact="dev.metaschema.oscal:liboscal-java:$LIBOSCAL_VERSION" >/dev/null 2>&1; then
    unzip -q "$work"/metaschema-cli-*.zip -d "$work/metaschema-cli"
    metaschema="$work/metaschema-cli/bin/metaschema-cli"
    export CLASSPATH_PREFIX="$work/liboscal-java-$LIBOSCAL_VERSION.jar"
  fi
  local validate
  if mvn -q -B "$copy" -DoutputDirectory="$work" -Dartifact="dev.metaschema.oscal:oscal-cli-enhanced:$OSCAL_CLI_VERSION:zip:oscal-cli" >/dev/null 2>&1; then
    unzip -q "$work"/oscal-cli-enhanced-*.zip -d "$work/oscal-cli"
    echo "oscal: OSCAL CLI $OSCAL_CLI_VERSION (dev.metaschema.oscal:oscal-cli-enhanced)"
    validate=("$work/oscal-cli/bin/oscal-cli" catalog validate)
  elif [[ -n $metaschema ]]; then
    echo "oscal: oscal-cli-enhanced $OSCAL_CLI_VERSION not resolvable; Metaschema CLI $METASCHEMA_CLI_VERSION with liboscal-java $LIBOSCAL_VERSION and the OSCAL 1.2.2 catalog model"
    validate=("$metaschema" validate-content --as json -m "$repo/.ci/oscal-model/oscal_catalog_metaschema.xml")
  else
    echo "oscal: neither the OSCAL CLI nor the Metaschema CLI could be fetched from Maven Central"
    record_failure; unset CLASSPATH_PREFIX; rm -rf "$work"; return
  fi
  local file output
  for file in "${catalogs[@]}"; do
    if output=$("${validate[@]}" "$file" 2>&1) && grep -q "is valid" <<<"$output"; then
      echo "oscal: valid: ${file#"$repo"/}"
      passed=$((passed + 1))
    else
      echo "oscal: INVALID: ${file#"$repo"/}"
      grep -v '^\s*at ' <<<"$output" | tail -20
      record_failure
    fi
  done
  if [[ -n $metaschema ]]; then
    oscal_mapping_checks "$repo" "$work" "$metaschema"
  else
    echo "oscal: the Metaschema CLI could not be fetched; the exported mapping-collections cannot be validated"
    record_failure
  fi
  unset CLASSPATH_PREFIX
  rm -rf "$work"
}

# oscal_mapping_checks REPO WORK METASCHEMA_CLI: the OSCAL 1.2.2 mapping model (reference/oscal/ with
# the metadata and control-common modules it imports from .ci/oscal-model/), one test each for:
# - reference/oscal/oscal_mapping_schema.json (the JSON schema the vitest suite validates every export
#   against) is what the Metaschema CLI generates from that model, byte for byte;
# - each pair in OSCAL_EXPORTED_PAIRS, exported by `crosswalk table --format oscal`, is valid: the
#   content against the model's JSON schema ("is valid" with constraint validation off), then the
#   model's constraints, judged from the SARIF report by .ci/oscal-findings.mjs (liboscal-java 5.2.0
#   cannot evaluate the allowed-values on `relationship`, which that script names and sets aside).
oscal_mapping_checks() {
  local repo=$1 work=$2 metaschema=$3 model="$2/mapping-model"
  mkdir -p "$model"
  cp -r "$repo/.ci/oscal-model/." "$model/"
  cp "$repo"/reference/oscal/oscal_mapping*_metaschema.xml "$model/"
  echo "oscal: Metaschema CLI $METASCHEMA_CLI_VERSION with liboscal-java $LIBOSCAL_VERSION and the OSCAL 1.2.2 mapping model, on exported mapping-collections"
  local output
  if output=$("$metaschema" generate-schema --as JSON "$model/oscal_mapping_metaschema.xml" "$work/oscal_mapping_schema.json" 2>&1) \
    && cmp -s "$work/oscal_mapping_schema.json" "$repo/reference/oscal/oscal_mapping_schema.json"; then
    echo "oscal: reference/oscal/oscal_mapping_schema.json is the model's JSON schema as the Metaschema CLI generates it"
    passed=$((passed + 1))
  else
    echo "oscal: reference/oscal/oscal_mapping_schema.json differs from the JSON schema the Metaschema CLI generates from the model"
    grep -v '^\s*at ' <<<"$output" | tail -5
    record_failure
  fi
  local pair file findings
  for pair in $OSCAL_EXPORTED_PAIRS; do
    file="$work/$pair.oscal.json"
    if ! output=$(cd "$repo" && npm run -s crosswalk -- table --from "${pair%%--*}" --to "${pair##*--}" --format oscal -o "$file" 2>&1); then
      echo "oscal: could not export $pair: $output"
      record_failure; continue
    fi
    if ! output=$("$metaschema" validate-content --as json -m "$model/oscal_mapping_metaschema.xml" --disable-constraint-validation "$file" 2>&1) \
      || ! grep -q "is valid" <<<"$output"; then
      echo "oscal: INVALID (model/JSON schema): exported $pair"
      grep -v '^\s*at ' <<<"$output" | tail -20
      record_failure; continue
    fi
    "$metaschema" validate-content --as json -m "$model/oscal_mapping_metaschema.xml" -o "$work/$pair.sarif" "$file" >/dev/null 2>&1
    if [[ -f $work/$pair.sarif ]] && findings=$(node "$repo/.ci/oscal-findings.mjs" "$work/$pair.sarif"); then
      echo "oscal: valid: exported $pair ($(node -e 'console.log(require(process.argv[1])["mapping-collection"].mappings.maps.length)' "$file") maps); $findings"
      passed=$((passed + 1))
    else
      echo "oscal: INVALID (constraints): exported $pair"
      echo "${findings:-no SARIF report was written}"
      record_failure
    fi
  done
}

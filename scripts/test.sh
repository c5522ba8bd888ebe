#!/usr/bin/env bash
# DraftPad's test command: installs what the tests need, builds the solution,
# runs every test and closes with one line "N passed, N failed, N skipped".
#
# Needs: the .NET SDK 10.0.x, Node.js 20+ and npm. Run from anywhere.
#
# Environment knobs:
#   DRAFTPAD_LONG=1             long randomized runs (read by the tests themselves)
#   DRAFTPAD_SEED=<n>           replay one seed of the randomized tests (read by the tests)
#   DRAFTPAD_TEST_FILTER=<expr> passed to `dotnet test --filter`
#   DRAFTPAD_HANG_TIMEOUT=<t>   a test host with no progress for this long is
#                               killed and the run fails (default 20m, 120m with DRAFTPAD_LONG=1)
#
# Exit status: non-zero when npm ci fails, the build fails, any test fails,
# a test host crashes or hangs, or no test ran at all.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RESULTS_DIR="$ROOT/artifacts/test-results"

step() { printf '\n==> %s\n' "$*"; }

# ensure_apt_packages pkg...
# Installs the named Debian packages that are not installed yet (apt-get update
# runs once, and only when something is missing). Nothing uses it yet: later
# features add e.g. redis-server (Redis-backed store tests) and chromium +
# chromium-driver (browser tests) here.
APT_UPDATED=0
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "error: need root (or sudo) to install: ${missing[*]}" >&2
      return 1
    fi
  fi
  step "apt-get install ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then
    "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# --- 1. Node packages for the yjs interop tests ------------------------------
if [ -f tests/interop/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: tests/interop needs Node.js 20+ and npm, and npm is not on PATH" >&2
    exit 1
  fi
  step "npm ci (tests/interop)"
  if ! (cd tests/interop && npm ci --no-audit --no-fund); then
    echo "error: npm ci failed in tests/interop" >&2
    exit 1
  fi
else
  step "tests/interop/package.json not found: skipping npm ci (interop tests not set up yet)"
fi

# --- 1b. Browser client: Chromium for its browser tests, npm ci, vite build -----
# The server serves client/dist; the browser tests drive Debian's Chromium with
# playwright-core (no downloaded browsers).
CLIENT_TESTS=0
if [ -f client/package.json ]; then
  ensure_apt_packages chromium
  step "npm ci + build (client)"
  if ! (cd client && npm ci --no-audit --no-fund && npm run build); then
    echo "error: the browser client did not install or build" >&2
    exit 1
  fi
  CLIENT_TESTS=1
fi

# --- 1c. Redis scale-out (issue 7): redis-server for the Redis tests ----------
# Each Redis test fixture starts its own redis-server (free loopback port,
# temporary folder, appendonly yes) and stops it; nothing is started here. The
# tests run the binary named by DRAFTPAD_REDIS_SERVER (default: redis-server on
# PATH). docker-compose only validates docker-compose.yml (no Docker engine).
ensure_apt_packages redis-server docker-compose
if [ -z "${DRAFTPAD_REDIS_SERVER:-}" ]; then
  DRAFTPAD_REDIS_SERVER="$(command -v redis-server || echo /usr/bin/redis-server)"
fi
export DRAFTPAD_REDIS_SERVER
step "docker-compose config (docker-compose.yml)"
if ! docker-compose -f docker-compose.yml config -q; then
  echo "error: docker-compose.yml is not valid" >&2
  exit 1
fi
# --- end of 1c ------------------------------------------------------------------

# --- 2. Build -----------------------------------------------------------------
step "dotnet build DraftPad.sln -c Release"
if ! dotnet build DraftPad.sln -c Release; then
  echo "error: build failed; no tests were run" >&2
  exit 1
fi

# --- 3. Test ------------------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

if [ "${DRAFTPAD_LONG:-0}" = "1" ]; then
  hang_timeout="${DRAFTPAD_HANG_TIMEOUT:-120m}"
else
  hang_timeout="${DRAFTPAD_HANG_TIMEOUT:-20m}"
fi

test_args=(
  DraftPad.sln -c Release --no-build
  --results-directory "$RESULTS_DIR"
  # Plain "trx" (no LogFileName): each test project gets its own file; a fixed
  # LogFileName would make the projects overwrite each other's results.
  --logger trx
  --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none
)
if [ -n "${DRAFTPAD_TEST_FILTER:-}" ]; then
  test_args+=(--filter "$DRAFTPAD_TEST_FILTER")
fi

step "dotnet test (DRAFTPAD_LONG=${DRAFTPAD_LONG:-0}${DRAFTPAD_TEST_FILTER:+, filter: $DRAFTPAD_TEST_FILTER})"
test_rc=0
dotnet test "${test_args[@]}" || test_rc=$?

# --- 3b. Client tests: Vitest (unit) and headless Chromium (browser) -----------
# Each writes a machine-readable summary that step 4 adds to the counts.
CLIENT_RESULTS="$RESULTS_DIR/client"
mkdir -p "$CLIENT_RESULTS"
if [ "$CLIENT_TESTS" -eq 1 ] && [ -z "${DRAFTPAD_TEST_FILTER:-}" ]; then
  step "client unit tests (vitest)"
  (cd client && npx vitest run --reporter=default --reporter=json \
      --outputFile.json="$CLIENT_RESULTS/vitest.json") || test_rc=1
  step "client browser tests (headless Chromium against a real server)"
  (cd client && DRAFTPAD_SERVER_DLL="$ROOT/server/DraftPad.Server/bin/Release/net10.0/DraftPad.Server.dll" \
      node --test-reporter=spec --test-reporter-destination=stdout \
           --test-reporter=tap --test-reporter-destination="$CLIENT_RESULTS/browser.tap" \
           tests/browser/run.mjs) || test_rc=1
fi

# --- 4. Count -----------------------------------------------------------------
# Every .trx holds one line like
#   <Counters total="3" executed="2" passed="2" failed="0" error="0" timeout="0" aborted="0" .../>
# failed = failed + error + timeout + aborted; skipped = total - executed.
trx_files=()
while IFS= read -r -d '' f; do trx_files+=("$f"); done \
  < <(find "$RESULTS_DIR" -name '*.trx' -type f -print0)

passed=0 failed=0 skipped=0
if [ "${#trx_files[@]}" -gt 0 ]; then
  read -r passed failed skipped < <(
    awk '
      function attr(line, name,   m) {
        if (match(line, " " name "=\"[0-9]+\"")) {
          m = substr(line, RSTART, RLENGTH)
          sub(/^[^"]*"/, "", m); sub(/"$/, "", m)
          return m + 0
        }
        return 0
      }
      /<Counters / {
        p += attr($0, "passed")
        f += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
        s += attr($0, "total") - attr($0, "executed")
      }
      END { printf "%d %d %d\n", p, f, s }
    ' "${trx_files[@]}"
  )
fi

# Client results: vitest's JSON report and node:test's TAP summary lines.
if [ -f "$CLIENT_RESULTS/vitest.json" ]; then
  read -r p f s < <(node -e '
    const r = require(process.argv[1]);
    console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests);
  ' "$CLIENT_RESULTS/vitest.json")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
fi
if [ -f "$CLIENT_RESULTS/browser.tap" ]; then
  tap_count() { awk -v k="$1" '$1 == "#" && $2 == k { n = $3 } END { print n + 0 }' "$CLIENT_RESULTS/browser.tap"; }
  passed=$((passed + $(tap_count pass)))
  failed=$((failed + $(tap_count fail) + $(tap_count cancelled)))
  skipped=$((skipped + $(tap_count skipped) + $(tap_count todo)))
fi

status=0
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "error: a test run exited with $test_rc but recorded no failed test: a test host crashed, hung or was aborted (see above)" >&2
  status=1
fi
if [ "$failed" -gt 0 ]; then
  status=1
fi
if [ "$((passed + failed))" -eq 0 ]; then
  echo "error: no test ran (${#trx_files[@]} result file(s) in $RESULTS_DIR)" >&2
  status=1
fi

echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"

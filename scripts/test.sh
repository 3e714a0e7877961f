#!/usr/bin/env bash
# npm test: install what is missing, start the real services the tests use, then
# typecheck, lint and run every jest tier (unit, int, workflow, e2e, fault).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then npm ci; fi

# PostgreSQL: the tests use TEST_DATABASE_URL (default: the local server). Start the
# machine's cluster when it is installed but down.
if [[ -z "${TEST_DATABASE_URL:-}" ]] && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "[test] starting the local PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
fi

# Temporal: a fresh in-memory dev server of its own on a free port, stopped when the run
# ends, so no state or server survives from an earlier run. TEMPORAL_ADDRESS uses yours instead.
# What this run started, stopped when it ends (whatever the user runs stays up).
cleanup=()
trap 'for step in "${cleanup[@]}"; do $step || true; done' EXIT
if [[ -z "${TEMPORAL_ADDRESS:-}" ]]; then
  TEMPORAL_PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  export TEMPORAL_PORT TEMPORAL_DB_FILE=memory TEMPORAL_UI=off
  cleanup+=("scripts/temporal.sh stop")
  scripts/temporal.sh start
  export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
  TEMPORAL_CLI_PATH="$(scripts/temporal.sh path)"
  export TEMPORAL_CLI_PATH
fi

echo "[test] typecheck"
npx tsc --noEmit -p tsconfig.json
echo "[test] lint"
npx eslint --max-warnings 0 .
echo "[test] build (process-level tests run the compiled services)"
npm run --silent build
echo "[test] jest"
# Temporal suites share one dev server; running files one at a time keeps them from starving each other on small machines.
# The "record" project re-records replay fixtures and only runs when asked for by name.
# The full run also enforces the coverage floors of the tree and of the domain (jest.config.js).
# --forceExit: when a suite fails inside its setup, a worker it started may outlive it; the
# run must still end (red) instead of hanging until CI's time limit.
jest=(npx jest --runInBand --forceExit)

# The cluster tier runs on a Temporal cluster on PostgreSQL (scripts/temporal-cluster.sh), started
# only for it so its idle nodes do not slow the other tiers. TEMPORAL_CLUSTER_ADDRESS uses yours.
with_cluster() {
  if [[ -z "${TEMPORAL_CLUSTER_ADDRESS:-}" ]]; then
    TEMPORAL_CLUSTER_PORT="$(node scripts/free-port-range.js 40)"
    export TEMPORAL_CLUSTER_PORT TEMPORAL_CLUSTER_DATABASE="${TEMPORAL_CLUSTER_DATABASE:-temporal_cluster_test}" TEMPORAL_CLUSTER_FRESH=1
    cleanup=("scripts/temporal-cluster.sh stop" ${cleanup[@]+"${cleanup[@]}"})
    scripts/temporal-cluster.sh start
    TEMPORAL_CLUSTER_ADDRESS="$(scripts/temporal-cluster.sh address)"
    export TEMPORAL_CLUSTER_ADDRESS
  fi
  "$@"
}

if [[ " $* " == *" --selectProjects "* ]]; then
  if [[ " $* " =~ " --selectProjects "([a-z ]+ )?"cluster " ]]; then with_cluster "${jest[@]}" "$@"; else "${jest[@]}" "$@"; fi
else
  "${jest[@]}" --coverage --selectProjects unit int workflow e2e fault browser "$@"
  echo "[test] jest: the cluster tier"
  # Arguments meant for the other tiers (a path pattern) may match no cluster suite.
  with_cluster "${jest[@]}" --selectProjects cluster ${*:+--passWithNoTests} "$@"
fi

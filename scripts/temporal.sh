#!/usr/bin/env bash
# The one place that knows how to get and start the Temporal CLI dev server.
#   scripts/temporal.sh path     print the path of a usable `temporal` binary (building the pinned one if needed)
#   scripts/temporal.sh start    start the dev server in the background if it is not answering; wait until healthy
#   scripts/temporal.sh stop     stop the dev server this script started
#   scripts/temporal.sh search-attributes   the dispute search attributes, Name=Type a line (scripts/temporal-cluster.sh registers the same)
# Environment: TEMPORAL_CLI_PATH (use this binary), TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233),
#   TEMPORAL_DB_FILE (file-persisted state; default .data/temporal/dev.db; "memory" keeps it in memory),
#   TEMPORAL_NAMESPACE (default), TEMPORAL_UI (on|off).
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1"   # pinned: later tags carry a go.mod replace directive and cannot be go-installed
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${TEMPORAL_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dispute-temporal}"
PINNED_BIN="$CACHE_DIR/bin-$TEMPORAL_CLI_VERSION/temporal"
PORT="${TEMPORAL_PORT:-7233}"
UI_PORT="${TEMPORAL_UI_PORT:-8233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
DB_FILE="${TEMPORAL_DB_FILE:-$ROOT/.data/temporal/dev.db}"
RUN_DIR="$ROOT/.data/temporal"
PID_FILE="$RUN_DIR/server-$PORT.pid"
LOG_FILE="$RUN_DIR/server-$PORT.log"

# Custom search attributes the dispute workflows keep current (see libs/contracts/src/search-attributes.ts).
SEARCH_ATTRIBUTES=(
  "DisputeStatus=Keyword"
  "DisputeBuyerId=Keyword"
  "DisputeSellerId=Keyword"
  "DisputeOrderId=Keyword"
  "DisputeNextDeadline=Datetime"
)

log() { echo "[temporal] $*" >&2; }

cli_path() {
  if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
    [[ -x "$TEMPORAL_CLI_PATH" ]] || { log "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file"; exit 1; }
    echo "$TEMPORAL_CLI_PATH"; return
  fi
  if [[ -x "$PINNED_BIN" ]]; then echo "$PINNED_BIN"; return; fi
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return; fi
  command -v go >/dev/null 2>&1 || { log "no temporal CLI on PATH and no Go toolchain to build $TEMPORAL_CLI_VERSION; install one of them"; exit 1; }
  log "building Temporal CLI $TEMPORAL_CLI_VERSION with Go into $(dirname "$PINNED_BIN") (first time only, takes minutes)"
  mkdir -p "$(dirname "$PINNED_BIN")"
  GOBIN="$(dirname "$PINNED_BIN")" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
  echo "$PINNED_BIN"
}

healthy() {
  "$1" operator cluster health --address "127.0.0.1:$PORT" >/dev/null 2>&1
}

start() {
  local bin; bin="$(cli_path)"
  if healthy "$bin"; then log "dev server already answering on 127.0.0.1:$PORT"; ensure_search_attributes "$bin"; return; fi
  mkdir -p "$RUN_DIR"
  local args=(server start-dev --ip 127.0.0.1 --port "$PORT" --namespace "$NAMESPACE" --log-format json --log-level warn)
  if [[ "$DB_FILE" != "memory" ]]; then mkdir -p "$(dirname "$DB_FILE")"; args+=(--db-filename "$DB_FILE"); fi
  args+=(
    --dynamic-config-value frontend.enableExecuteMultiOperation=true
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true
    --dynamic-config-value system.forceSearchAttributesCacheRefreshOnRead=true)
  if [[ "${TEMPORAL_UI:-on}" == "off" ]]; then args+=(--headless); else args+=(--ui-port "$UI_PORT"); fi
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$attribute"); done
  log "starting dev server on 127.0.0.1:$PORT (state: $DB_FILE, log: $LOG_FILE)"
  nohup setsid "$bin" "${args[@]}" >"$LOG_FILE" 2>&1 < /dev/null &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 120); do
    if healthy "$bin"; then ensure_search_attributes "$bin"; log "ready"; return; fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then log "dev server exited; last lines of $LOG_FILE:"; tail -20 "$LOG_FILE" >&2; exit 1; fi
    sleep 0.5
  done
  log "dev server did not become healthy within 60 s"; exit 1
}

# A server started elsewhere (or an older data file) may lack our attributes: add the missing ones.
ensure_search_attributes() {
  local bin="$1" existing
  existing="$("$bin" operator search-attribute list --address "127.0.0.1:$PORT" --namespace "$NAMESPACE" 2>/dev/null || true)"
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do
    local name="${attribute%%=*}" type="${attribute##*=}"
    if ! grep -q "\b$name\b" <<<"$existing"; then
      "$bin" operator search-attribute create --address "127.0.0.1:$PORT" --namespace "$NAMESPACE" --name "$name" --type "$type" >/dev/null
    fi
  done
}

stop() {
  [[ -f "$PID_FILE" ]] || { log "no dev server started by this script on port $PORT"; return; }
  local pid; pid="$(cat "$PID_FILE")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$PID_FILE"
}

case "${1:-}" in
  path) cli_path ;;
  start) start ;;
  stop) stop ;;
  search-attributes) printf '%s\n' "${SEARCH_ATTRIBUTES[@]}" ;;
  *) echo "usage: $0 path|start|stop|search-attributes" >&2; exit 2 ;;
esac

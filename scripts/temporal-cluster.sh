#!/usr/bin/env bash
# The production shape of Temporal on one machine: a cluster of Temporal server processes (each
# runs frontend, history, matching and worker) on PostgreSQL, found by each other through the
# shared database (cluster_membership), with several history shards and advanced visibility on
# PostgreSQL. The sibling of scripts/temporal.sh (the dev server), used by the cluster test tier
# and `npm run bench -- --engine cluster`.
#   scripts/temporal-cluster.sh path            build the pinned server and SQL tool once; print the server's path
#   scripts/temporal-cluster.sh start           create the databases and schemas if needed, start every node, wait until healthy
#   scripts/temporal-cluster.sh stop            stop every node (SIGTERM, then SIGKILL after 20 s)
#   scripts/temporal-cluster.sh kill-node N     SIGKILL node N (no clean shutdown: what a crashed host looks like)
#   scripts/temporal-cluster.sh start-node N    start node N again and wait until the cluster is healthy
#   scripts/temporal-cluster.sh address         the frontend address clients use (node 0)
# Environment: TEMPORAL_CLUSTER_PORT (first port, default 7300; node i uses 20 ports from
#   PORT + 20*i), TEMPORAL_CLUSTER_NODES (2), TEMPORAL_CLUSTER_SHARDS (16, so that each of two
#   nodes holds some; fixed once the database exists), TEMPORAL_CLUSTER_DATABASE (temporal_cluster; visibility in <name>_visibility),
#   TEMPORAL_CLUSTER_FRESH=1 (drop and re-create both databases on start), TEMPORAL_CLUSTER_MAX_CONNS (5),
#   PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1, 5432, postgres, empty).
set -euo pipefail

TEMPORAL_SERVER_VERSION="v1.29.1"   # pinned: the server CLI v1.5.1 embeds, and a module with no replace directive
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${TEMPORAL_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dispute-temporal}"
BIN_DIR="$CACHE_DIR/server-$TEMPORAL_SERVER_VERSION"
BASE_PORT="${TEMPORAL_CLUSTER_PORT:-7300}"
NODES="${TEMPORAL_CLUSTER_NODES:-2}"
SHARDS="${TEMPORAL_CLUSTER_SHARDS:-16}"
# Connections per service and store: each node runs four services, each with its own pool per
# store, so a node holds up to 4 x (MAX_CONNS + 2) connections. The default keeps two nodes, the
# apps and the tests under PostgreSQL's default limit of 100 (at 20, as in the server's sample
# configuration, a loaded bench ran out: "too many clients already").
MAX_CONNS="${TEMPORAL_CLUSTER_MAX_CONNS:-5}"
DATABASE="${TEMPORAL_CLUSTER_DATABASE:-temporal_cluster}"
VISIBILITY_DATABASE="${DATABASE}_visibility"
PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_USER="${PGUSER:-postgres}"
PG_PASSWORD="${PGPASSWORD:-}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RUN_DIR="$ROOT/.data/temporal-cluster/$BASE_PORT"

log() { echo "[temporal-cluster] $*" >&2; }

# Node i's ports: frontend gRPC, history, matching, worker, frontend HTTP, their four membership ports, metrics.
port() { echo $((BASE_PORT + 20 * $1 + $2)); }
frontend_address() { echo "127.0.0.1:$(port "${1:-0}" 0)"; }

build() {
  if [[ -x "$BIN_DIR/temporal-server" && -x "$BIN_DIR/temporal-sql-tool" ]]; then return; fi
  command -v go >/dev/null 2>&1 || { log "no Go toolchain to build the Temporal server $TEMPORAL_SERVER_VERSION"; exit 1; }
  log "building Temporal server $TEMPORAL_SERVER_VERSION with Go into $BIN_DIR (first time only, takes minutes)"
  mkdir -p "$BIN_DIR/build"
  GOBIN="$BIN_DIR/build" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" >&2
  GOBIN="$BIN_DIR/build" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2
  mv "$BIN_DIR/build/server" "$BIN_DIR/temporal-server"
  mv "$BIN_DIR/build/sql" "$BIN_DIR/temporal-sql-tool"
  rmdir "$BIN_DIR/build"
}

# The schema files ship in the module's source, which `go install` left in the module cache.
schema_dir() {
  local dir; dir="$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"
  [[ -d "$dir" ]] || GOFLAGS=-mod=mod go mod download "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" >&2
  echo "$dir"
}

# Its output goes to a log, shown when a step fails.
sql_tool() {
  SQL_PASSWORD="$PG_PASSWORD" "$BIN_DIR/temporal-sql-tool" --plugin postgres12 --ep "$PG_HOST" -p "$PG_PORT" -u "$PG_USER" "$@" >>"$RUN_DIR/schema.log" 2>&1 \
    || { log "temporal-sql-tool $* failed; last lines of $RUN_DIR/schema.log:"; tail -20 "$RUN_DIR/schema.log" >&2; exit 1; }
}

database_exists() {
  [[ "$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == "1" ]]
}

# Creates both databases with their schemas, brought to the version this server ships.
prepare_databases() {
  local schemas; schemas="$(schema_dir)"
  if [[ "${TEMPORAL_CLUSTER_FRESH:-0}" == "1" ]]; then
    for db in "$DATABASE" "$VISIBILITY_DATABASE"; do
      PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    done
  fi
  local pair db kind
  for pair in "$DATABASE:temporal" "$VISIBILITY_DATABASE:visibility"; do
    db="${pair%%:*}" kind="${pair##*:}"
    if ! database_exists "$db"; then
      log "creating database $db ($kind schema)"
      sql_tool --db "$db" create-database
      sql_tool --db "$db" setup-schema -v 0.0
    fi
    # A no-op when the schema is current.
    sql_tool --db "$db" update-schema -d "$schemas/$kind/versioned"
  done
}

write_config() {
  local node="$1" dir="$RUN_DIR/node-$1"
  mkdir -p "$dir/config"
  cat >"$dir/config/cluster.yaml" <<YAML
log:
  stdout: true
  level: warn
  format: json
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: $SHARDS
  datastores:
    default:
      sql:
        pluginName: postgres12
        databaseName: $DATABASE
        connectAddr: "$PG_HOST:$PG_PORT"
        connectProtocol: tcp
        user: "$PG_USER"
        password: "$PG_PASSWORD"
        maxConns: $MAX_CONNS
        maxIdleConns: $MAX_CONNS
        maxConnLifetime: 1h
    visibility:
      sql:
        pluginName: postgres12
        databaseName: $VISIBILITY_DATABASE
        connectAddr: "$PG_HOST:$PG_PORT"
        connectProtocol: tcp
        user: "$PG_USER"
        password: "$PG_PASSWORD"
        maxConns: 2
        maxIdleConns: 2
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:$(port "$node" 9)"
services:
  frontend:
    rpc: { grpcPort: $(port "$node" 0), membershipPort: $(port "$node" 5), httpPort: $(port "$node" 4), bindOnLocalHost: true }
  history:
    rpc: { grpcPort: $(port "$node" 1), membershipPort: $(port "$node" 6), bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $(port "$node" 2), membershipPort: $(port "$node" 7), bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $(port "$node" 3), membershipPort: $(port "$node" 8), bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "$(frontend_address 0)"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "$ROOT/deploy/temporal/dynamicconfig.yaml"
  pollInterval: 10s
YAML
}

# The CLI (scripts/temporal.sh finds or builds it), looked up once.
CLI_BIN=""
cli() {
  [[ -n "$CLI_BIN" ]] || CLI_BIN="$("$ROOT/scripts/temporal.sh" path)"
  "$CLI_BIN" "$@"
}

# Healthy: nodes 0 to $1 (default: all) are up and serving, and the ring answers.
healthy() {
  local node
  for node in $(seq 0 "${1:-$((NODES - 1))}"); do
    [[ -f "$RUN_DIR/node-$node.pid" ]] && kill -0 "$(cat "$RUN_DIR/node-$node.pid")" 2>/dev/null || return 1
    cli operator cluster health --address "$(frontend_address "$node")" >/dev/null 2>&1 || return 1
  done
  # Every node's services have joined the ring: the namespace call goes through history.
  cli operator namespace describe --address "$(frontend_address 0)" --namespace temporal-system >/dev/null 2>&1
}

start_node() {
  local node="$1"
  if [[ -f "$RUN_DIR/node-$node.pid" ]] && kill -0 "$(cat "$RUN_DIR/node-$node.pid")" 2>/dev/null; then return; fi
  write_config "$node"
  log "starting node $node (frontend $(frontend_address "$node"), log $RUN_DIR/node-$node.log)"
  nohup setsid "$BIN_DIR/temporal-server" --root "$RUN_DIR/node-$node" --config config --env cluster --allow-no-auth start \
    >>"$RUN_DIR/node-$node.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/node-$node.pid"
}

wait_healthy() {
  local last="${1:-$((NODES - 1))}"
  for _ in $(seq 1 240); do
    if healthy "$last"; then return; fi
    local node
    for node in $(seq 0 "$last"); do
      if ! kill -0 "$(cat "$RUN_DIR/node-$node.pid")" 2>/dev/null; then log "node $node exited; last lines of its log:"; tail -8 "$RUN_DIR/node-$node.log" | cut -c1-400 >&2; exit 1; fi
    done
    sleep 0.5
  done
  log "the cluster did not become healthy within 120 s"; exit 1
}

# The namespace and the dispute search attributes (the same list as scripts/temporal.sh).
ensure_namespace() {
  local address; address="$(frontend_address 0)"
  if ! cli operator namespace describe --address "$address" --namespace "$NAMESPACE" >/dev/null 2>&1; then
    cli operator namespace create --address "$address" --namespace "$NAMESPACE" --retention 72h >/dev/null
  fi
  local attribute
  while read -r attribute; do
    local name="${attribute%%=*}" type="${attribute##*=}"
    # A new namespace reaches every node's namespace cache within seconds; until then it is "not found".
    for attempt in $(seq 1 60); do
      if cli operator search-attribute list --address "$address" --namespace "$NAMESPACE" 2>/dev/null | grep -q "\b$name\b"; then break; fi
      cli operator search-attribute create --address "$address" --namespace "$NAMESPACE" --name "$name" --type "$type" >/dev/null 2>&1 && break
      [[ "$attempt" -lt 60 ]] || { log "could not register the search attribute $name"; exit 1; }
      sleep 0.5
    done
  done < <("$ROOT/scripts/temporal.sh" search-attributes)
}

start() {
  build
  mkdir -p "$RUN_DIR"
  prepare_databases
  # Node 0 first: on a new database it writes the cluster metadata, which nodes starting at the
  # same moment would race to insert (the loser exits on the duplicate key).
  start_node 0
  wait_healthy 0
  local node
  for node in $(seq 1 $((NODES - 1))); do start_node "$node"; done
  wait_healthy
  ensure_namespace
  log "ready: $NODES nodes, $SHARDS history shards, clients at $(frontend_address 0)"
}

stop_node() {
  local node="$1" signal="$2" pid_file="$RUN_DIR/node-$1.pid"
  [[ -f "$pid_file" ]] || return 0
  local pid; pid="$(cat "$pid_file")"
  kill "-$signal" -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  rm -f "$pid_file"
}

stop() {
  local node
  for node in $(seq 0 $((NODES - 1))); do stop_node "$node" TERM & done
  wait
}

case "${1:-}" in
  path) build; echo "$BIN_DIR/temporal-server" ;;
  start) start ;;
  stop) stop ;;
  kill-node) stop_node "${2:?node number}" KILL ;;
  start-node) build; start_node "${2:?node number}"; wait_healthy ;;
  address) frontend_address 0 ;;
  *) echo "usage: $0 path|start|stop|kill-node N|start-node N|address" >&2; exit 2 ;;
esac

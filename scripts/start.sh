#!/usr/bin/env bash
# npm start: install what is missing, build, start the Temporal dev server (file-persisted,
# UI on), then run migrations, seed data, the worker and the API on embedded defaults.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Supported: the Node.js LTS lines 22 and 24 (CI runs on 24, scripts/node.sh). Node 20 is past its
# end of life but still runs the service; anything older cannot.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
case "$node_major" in
  22|24) ;;
  20) echo "[start] Node.js $(node --version) is past its end of life (April 2026). The service still runs on it, but it supports Node.js 22 and 24 (LTS) and some dependencies need 22: upgrade when you can." >&2 ;;
  21|23) echo "[start] Node.js $(node --version) is not an LTS line; the service supports Node.js 22 and 24 (LTS)." >&2 ;;
  *) if (( node_major < 20 )); then echo "[start] Node.js $(node --version) is too old: the service needs Node.js 22 or 24 (LTS)." >&2; exit 1; fi
     echo "[start] Node.js $(node --version) is newer than the lines the service is tested on (22 and 24)." >&2 ;;
esac
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then npm ci; fi
npm run --silent build
scripts/temporal.sh start
exec node dist/scripts/dev-stack.js

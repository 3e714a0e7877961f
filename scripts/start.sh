#!/usr/bin/env bash
# npm start: install what is missing, build, start the Temporal dev server (file-persisted,
# UI on), then run migrations, seed data, the worker and the API on embedded defaults.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then npm ci; fi
npm run --silent build
scripts/temporal.sh start
exec node dist/scripts/dev-stack.js

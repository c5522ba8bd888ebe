#!/usr/bin/env bash
# DraftPad's run command: builds the browser client when needed (npm ci + vite build),
# then builds and starts the server on http://127.0.0.1:5080 (override with
# --urls http://127.0.0.1:PORT). Extra arguments go to the server.
# Needs: the .NET SDK 10.0.x, Node.js 20+ and npm.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# The client is rebuilt when dist is missing or older than any of its sources.
client_stale() {
  [ -f client/dist/index.html ] || return 0
  [ -n "$(find client/src client/index.html client/package.json client/package-lock.json \
            client/vite.config.ts client/tsconfig.json -newer client/dist/index.html -print -quit)" ]
}
if [ -f client/package.json ] && client_stale; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "warning: npm is not on PATH: the browser client is not built (the API and hub still run)" >&2
  else
    echo "==> building the browser client (npm ci + vite build)"
    (cd client && { [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build)
  fi
fi

exec dotnet run --project server/DraftPad.Server -c Release -- "$@"

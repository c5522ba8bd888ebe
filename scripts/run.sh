#!/usr/bin/env bash
# DraftPad's run command: builds and starts the server on http://127.0.0.1:5080
# (override with --urls http://127.0.0.1:PORT). Extra arguments go to the server.
# Needs: the .NET SDK 10.0.x. Later milestones add the browser client build here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

exec dotnet run --project server/DraftPad.Server -c Release -- "$@"

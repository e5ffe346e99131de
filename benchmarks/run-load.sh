#!/usr/bin/env bash
# The load test with its full default settings: builds Release (both bots and the tool), then measures PolicyBot
# against the bare echo bot on loopback ports and writes the Markdown report. Extra arguments go to the tool,
# e.g. a quick run: benchmarks/run-load.sh --rounds 1 --turns 3000 --duration 10 --memory-turns 1000,5000
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build benchmarks/EchoBot/EchoBot.csproj -c Release --nologo -v quiet
dotnet build src/PolicyBot/PolicyBot.csproj -c Release --nologo -v quiet
dotnet build benchmarks/PolicyBot.LoadTest/PolicyBot.LoadTest.csproj -c Release --nologo -v quiet

exec dotnet benchmarks/PolicyBot.LoadTest/bin/Release/net10.0/policybot-load.dll \
  --no-build --out benchmarks/load-results.md "$@"

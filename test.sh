#!/usr/bin/env bash
# Runs every test of PolicyBot. Installs what the tests need when it is missing (a fresh machine has none of it):
# Redis and Chromium from Debian's packages, Node.js for the npm-based checks, and the npm packages themselves.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, from the committed lock files (the Web Chat bundle; for the tests that compare with an official
# library, the Adaptive Card templating library and the Snowball stemmers), again when a lock file changed since.
for dir in src/PolicyBot tests/js; do
  if [ -f "$dir/package-lock.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }; then
    echo "test.sh: npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test PolicyBot.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test projects, in the plain form CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Total: $passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"

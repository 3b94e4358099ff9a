#!/usr/bin/env bash
# Runs every check and every test, exactly as CI does: set-up, lint, typecheck, then the unit and integration
# suites (the integration project starts its own Kamailio testbed on 127.0.0.1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

echo "[test] lint (Biome)"
pnpm lint

echo "[test] typecheck"
pnpm typecheck

echo "[test] vitest: unit and integration projects"
report="$(mktemp -t simplekit-vitest-XXXXXX.json)"
status=0
pnpm vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" || true
rm -f "$report"
exit "$status"

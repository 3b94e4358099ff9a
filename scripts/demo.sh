#!/usr/bin/env bash
# The README's demo: set-up, then `simplekit demo` (a scripted alice-and-bob scenario against a local testbed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec node apps/cli/dist/bin.js demo "$@"

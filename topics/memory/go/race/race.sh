#!/usr/bin/env bash
# Regenerates race-output.txt: the race detector's report on main.go, run from this folder.
# The count it prints varies from run to run; the report's shape does not.
set -uo pipefail
cd "$(dirname "$0")"
{
  echo "# $(go version | cut -d' ' -f3-), go run -race . ($(nproc) cores)"
  go run -race . 2>&1
} > race-output.txt

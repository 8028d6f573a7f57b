#!/usr/bin/env bash
# Regenerates gctrace-output.txt: main.go run with GODEBUG=gctrace=1, one trace
# line per GC cycle on stderr, interleaved with the program's own report lines.
# The first line names the Go version, the OS/architecture and the core count.
#
# It builds first and sets GODEBUG only for the run: `GODEBUG=gctrace=1 go run`
# would also trace the go command's own collections. Times and some sizes change
# from run to run; the shape of the lines does not. Notebook 04 quotes this file
# whole and discusses particular cycles (gc 1, gc 4, ...), so after running this
# again, paste the new lines into the notebook and check the prose against them.
set -euo pipefail
cd "$(dirname "$0")"
bin="$(mktemp -d)/gctrace"
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" .
{
  echo "# $(go version | cut -d' ' -f3-), $(nproc) cores, GODEBUG=gctrace=1 ./gctrace"
  GODEBUG=gctrace=1 "$bin" 2>&1
} > gctrace-output.txt
echo "wrote gctrace-output.txt ($(wc -l < gctrace-output.txt) lines)"

#!/usr/bin/env bash
# Records what Go's escape analysis decides for escape.go, with the toolchain's
# version on the first line of each file:
#
#   gcflags-m.txt    go build -gcflags=-m     (decisions: inlining, escapes)
#   gcflags-m2.txt   go build -gcflags=-m=2   (the same, with the reasons)
#
# Run it from anywhere; it needs a Go toolchain on PATH (Prep's build does not).
# Both files are committed: notebook 02 quotes them, and GoEscapeOutputTest
# checks that every quoted line is still in them. Line numbers point into
# escape.go, so run this again after editing it.
set -euo pipefail
cd "$(dirname "$0")"
for level in m m=2; do
  out="gcflags-${level/=/}.txt"
  {
    go version | sed 's/^go version //'
    echo "\$ go build -gcflags=-$level -o /dev/null ."
    go build -gcflags=-$level -o /dev/null . 2>&1
  } > "$out"
  echo "wrote $out ($(wc -l < "$out") lines)"
done

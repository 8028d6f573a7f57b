#!/usr/bin/env bash
# The course check, run by `./mvnw verify` (course-check/pom.xml): prove the catalog, every notebook,
# every solution and every stub through prep itself. The notebooks run in one JShell JVM and the
# graders in one worker JVM, each mostly on one core, so on a 2-core machine the notebook check runs
# beside the two verify passes instead of after them. Its output is held back and printed whole when
# it ends, so the log reads in order. Exit status: the first failure's, else 0.
#
# usage: course-check.sh <java> <runner class path> <project root>
set -uo pipefail
java=$1 classpath=$2 root=$3

prep() { "$java" "-Dprep.home=$root" -classpath "$classpath" dev.prep.runner.cli.PrepCommand "$@"; }

prep dev check || exit $?

notebook_log=$(mktemp)
trap 'rm -f "$notebook_log"' EXIT
prep notebook check >"$notebook_log" 2>&1 &
notebooks=$!

prep verify --solutions
solutions=$?
prep verify --stubs
stubs=$?

wait "$notebooks"
notebook_status=$?
echo "--- prep notebook check (ran beside the verify passes) ---"
cat "$notebook_log"

for status in "$solutions" "$stubs" "$notebook_status"; do
  if [ "$status" -ne 0 ]; then exit "$status"; fi
done

#!/usr/bin/env bash
# Trains the JDK 25 AOT caches (JEPs 483, 514, 515) that make prep and its workers start faster:
#   runner/target/prep.aot     the runner JVM         (one check of a reference solution)
#   runner/target/grade.aot    grading worker JVMs    (verify --solutions)
#   runner/target/notebook.aot notebook worker JVMs   (notebook check of one topic)
# Run by ./prep after it builds; the caches live in target/ and are never committed. A cache that
# no longer matches the class path is ignored by the JVM, so a stale one costs speed, not correctness.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.jdk25.sh
prep_find_jdk25
ROOT="$PWD"
CP="$(ls "$ROOT"/runner/target/prep-runner-*.jar):$(cat runner/target/classpath.txt)" # as ./prep spells it
rm -f runner/target/*.aot
first_topic=$(basename "$(dirname "$(grep -l '^order *= *1\b' topics/*/topic.toml | head -n 1)")")
first=$(awk '/^\[\[exercises\]\]/ {f = 1} f && /^name *=/ {gsub(/"/, "", $3); print $3; exit}' "topics/$first_topic/topic.toml")
export PREP_AOT_TRAINING=1
"$PREP_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$CP" dev.prep.runner.cli.PrepCommand --home . verify --solutions "$first_topic"
"$PREP_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$CP" dev.prep.runner.cli.PrepCommand --home . notebook check "$first_topic"
unset PREP_AOT_TRAINING
"$PREP_JAVA" -XX:AOTCacheOutput="$ROOT/runner/target/prep.aot" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$CP" \
  dev.prep.runner.cli.PrepCommand --home . check "$first_topic/$first" --solution
ls -l runner/target/*.aot

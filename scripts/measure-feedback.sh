#!/usr/bin/env bash
# Measures how fast Prep answers, for docs/PERFORMANCE.md:
#   (a) cold  ./prep check <exercise>          (a new runner JVM and a new worker JVM each time)
#   (b) warm  re-grade in ./prep watch         (time from save to report, worker already running)
#   (c) the same grader through ./mvnw -q test (the baseline Prep must beat by 10x)
# Usage: scripts/measure-feedback.sh [exercise] [runs]    e.g. scripts/measure-feedback.sh slices/append-growth 11
set -euo pipefail
cd "$(dirname "$0")/.."
EXERCISE="${1:-slices/append-growth}"
RUNS="${2:-11}"
. ./.jdk25.sh
prep_find_jdk25

./prep status >/dev/null   # builds what is missing, outside the measurement

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms_now() { date +%s%3N; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "jdk:     $("$PREP_JAVA" -version 2>&1 | head -n 1)"
echo "date:    $(date -u +%Y-%m-%d)"
echo "exercise: $EXERCISE (the reference solution, so every test runs)"

cold=()
for _ in $(seq "$RUNS"); do
  t0=$(ms_now); ./prep check "$EXERCISE" --solution >/dev/null 2>&1 || true; t1=$(ms_now)
  cold+=($((t1 - t0)))
done
echo "(a) cold prep check, ms: ${cold[*]} -> median $(printf '%s\n' "${cold[@]}" | median)"

# (b): drive prep watch through a pipe; every save is a touch of the learner's file; prep prints "checked in N ms".
file=$(./prep list "${EXERCISE%%/*}" >/dev/null; grep -A8 "name = \"${EXERCISE#*/}\"" "topics/${EXERCISE%%/*}/topic.toml" | sed -n 's/^files = \["\([^"]*\)".*/\1/p' | head -n 1)
learner="exercises/${EXERCISE%%/*}/$file"
backup=$(mktemp); cp "$learner" "$backup"
cp "solutions/${EXERCISE%%/*}/$file" "$learner"
log=$(mktemp); fifo=$(mktemp -u); mkfifo "$fifo"
NO_COLOR=1 ./prep watch "$EXERCISE" <"$fifo" >"$log" 2>&1 &
watch_pid=$!
exec 3>"$fifo"
sleep 4
for _ in $(seq "$RUNS"); do touch "$learner"; sleep 1.5; done
echo q >&3; exec 3>&-
wait "$watch_pid" || true
cp "$backup" "$learner"; rm -f "$backup" "$fifo"
warm=($(grep -oE 'checked in [0-9.]+ (ms|s)' "$log" | tail -n +2 | awk '{ if ($4 == "s") print int($3*1000); else print $3 }'))
echo "(b) warm re-grade in watch, ms: ${warm[*]} -> median $(printf '%s\n' "${warm[@]}" | median)"
rm -f "$log"

maven=()
grader=$(grep -A8 "name = \"${EXERCISE#*/}\"" "topics/${EXERCISE%%/*}/topic.toml" | sed -n 's/^grader = "\(.*\)"/\1/p' | head -n 1)
for _ in 1 2 3; do
  t0=$(ms_now)
  ./mvnw -q -o -B -pl solutions test -DskipGraders=false -Dtest="${grader##*.}" -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 || true
  t1=$(ms_now)
  maven+=($((t1 - t0)))
done
echo "(c) ./mvnw -q test of the same grader, ms: ${maven[*]} -> median $(printf '%s\n' "${maven[@]}" | median)"

#!/usr/bin/env bash
# Throughput of the Spark night against executor count on this machine: runs SparkNight night (rates, calibration,
# extraction) through spark-submit.sh on a raw folder once per master and repetition, each with a fresh output folder
# and ledger, and prints one line per run: master, each job's task count, wall seconds on the driver and (in brackets)
# seconds spent inside its tasks, then the process's wall time and max RSS (the driver JVM, which holds the executors
# in local mode).
#
#   ./drpkit demo --size small --out demo-out --no-keck
#   examples/spark/benchmark.sh demo-out/raw 2 'local[1]' 'local[2]'
#
# Arguments: RAW REPETITIONS MASTER...; JAVA_OPTS as for spark-submit.sh (default -Xmx2g).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
raw=$(cd "$1" && pwd)
reps=$2
shift 2
jar=$(ls "$here"/target/drpkit-spark-*-submit.jar | head -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/drpkit-spark-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
export JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
printf '%-10s %-22s %-22s %-22s %s\n' master rates calibrated extracted 'wall, max RSS'
for master in "$@"; do
  for rep in $(seq 1 "$reps"); do
    rm -rf "$work/red" "$work"/ledger*
    /usr/bin/time -f 'TIME %e s, %M kB' -o "$work/time" "$here/spark-submit.sh" --master "$master" "$jar" night \
      --raw "$raw" --out "file://$work/red" --ledger "jdbc:h2:file:$work/ledger;AUTO_SERVER=TRUE" \
      > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    line() { sed -n "s/^$1: \([0-9]*\) tasks in \([0-9.]*\) s (\([0-9.]*\) s inside tasks).*/\1: \2 s (\3 s)/p" "$work/out"; }
    printf '%-10s %-22s %-22s %-22s %s\n' "$master" "$(line rates)" "$(line calibrated)" "$(line extracted)" \
      "$(sed -n 's/^TIME //p' "$work/time")"
  done
done

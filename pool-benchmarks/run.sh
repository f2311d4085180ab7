#!/usr/bin/env bash
# Builds pool-benchmarks, runs every benchmark against the peer pools in one run, and writes docs/benchmarks.md and
# the summary table in the README's performance section.
#
#   pool-benchmarks/run.sh [short|long]
#
# short (the default) takes under ten minutes on two cores; long narrows the errors and adds the five-minute
# chaos soak. Needs the PostgreSQL the tests
# use (POOL_TEST_URL, POOL_TEST_USER, POOL_TEST_PASSWORD; default jdbc:postgresql://127.0.0.1:5432/test as postgres).
# Runs on the newest JDK in /usr/lib/jvm, or on BENCH_JAVA_HOME when set: the virtual-thread load needs JDK 21+.
set -euo pipefail

mode=${1:-short}
case "$mode" in
  short | long) ;;
  *) echo "usage: $0 [short|long]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
started=$(date +%s)

newest_jdk() {
  local best="" best_version=0 dir version
  for dir in /usr/lib/jvm/*/; do
    [ -x "$dir/bin/javac" ] || continue
    version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 \
      | awk -F'= ' '/java.specification.version/ {print $2}')
    version=${version%%.*}
    if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then best="${dir%/}"; best_version=$version; fi
  done
  echo "$best"
}

jdk=${BENCH_JAVA_HOME:-$(newest_jdk)}
if [ -n "$jdk" ]; then export JAVA_HOME="$jdk"; export PATH="$JAVA_HOME/bin:$PATH"; fi
echo "[bench] $mode run on $(java -version 2>&1 | head -n 1)"

# The module and pool-core; pool-core's tests are ./mvnw verify's job, not this one's.
./mvnw -B -q -Pbench -pl pool-benchmarks -am -DskipTests package

results=pool-benchmarks/target/bench-results
rm -rf "$results"
mkdir -p "$results"
printf 'env\t-\t%s\tstarted\tNaN\tNaN\t\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" > "$results/env.tsv"
classpath="pool-benchmarks/target/pool-benchmarks.jar:pool-benchmarks/target/lib/*"
# Other processes' load is the main source of noise on a shared machine: the report shows it per phase.
note_load() {
  printf 'env\t-\t%s\tload before %s\tNaN\tNaN\t\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" "$1" \
    >> "$results/env.tsv"
}
bench() {
  local main=$1
  local phase_start
  phase_start=$(date +%s)
  note_load "${main%%.*}"
  java -cp "$classpath" "io.poolkit.bench.$main" "$mode" "$results"
  echo "[bench] $main took $(( $(date +%s) - phase_start )) s"
}

bench jmh.JmhMain
bench load.LoadMain
bench startup.ColdStartMain
bench memory.MemoryMain
note_load report
java -cp "$classpath" io.poolkit.bench.report.ReportMain "$mode" "$results" docs/benchmarks.md README.md \
  "$(( $(date +%s) - started ))"
if [ "$mode" = long ]; then
  # The chaos soak's long form: five minutes of killed backends and cut, stalled and refused connections under
  # 64 threads; it fails the run if a request hangs, a write is lost or phantom, or the pool does not recover.
  soak_start=$(date +%s)
  ./mvnw -B -q -pl pool-core test -Dtest=ChaosSoakTest -Dpoolkit.soak.seconds=300
  echo "[bench] chaos soak (300 s) passed in $(( $(date +%s) - soak_start )) s"
fi
echo "[bench] done in $(( $(date +%s) - started )) s; raw results in $results"

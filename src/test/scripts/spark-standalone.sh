#!/usr/bin/env bash
# A real Spark standalone cluster on this machine (a master and one worker on 127.0.0.1, executors in their own
# JVMs), porophase-spark.jar submitted to it as to any cluster, its outputs compared with the CLI's:
#   (a) analyze test-images             (client deploy mode)  summary.csv == the CLI's summary.csv
#   (b) volume on a generated OME-Zarr  (client and cluster deploy mode) == analyze-volume --blockwise and the
#       in-memory analyze-volume; --save-mask --volume-format zarr chunk for chunk == the CLI's mask
#   (c) the executor JVM (CoarseGrainedExecutorBackend) killed with kill -9 in the middle of a volume run: Spark
#       runs its tasks again on a new executor; the output set is whole, equal to the undisturbed run, and holds
#       no staging or temporary file
# Spark's jars come from the Maven class path (spark-core, spark-sql, provided scope): a SPARK_HOME is made whose
# jars/ links to them, as a Spark distribution's jars/ holds them (the worker builds its executors' class path
# from $SPARK_HOME/jars/*). Needs `mvn package` (target/porophase-spark.jar, porophase-cli.jar, test-classes).
#
# usage: src/test/scripts/spark-standalone.sh [WORKDIR]     (default: a new folder under /tmp; kept for reading)
# env:   SPARK_MASTER_PORT (7077), WORKER_CORES (2), WORKER_MEMORY (3g), EXECUTOR_MEMORY (768m), SKIP_CLUSTER_MODE=1
# exit:  0 every check passed; 1 a check failed (named on stderr); 2 the cluster could not be started
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
W=${1:-$(mktemp -d /tmp/porophase-standalone.XXXXXX)}
mkdir -p "$W"
W=$(cd "$W" && pwd)
PORT=${SPARK_MASTER_PORT:-7077}
MASTER=spark://127.0.0.1:$PORT
CORES=${WORKER_CORES:-2}
WMEM=${WORKER_MEMORY:-3g}
EMEM=${EXECUTOR_MEMORY:-768m}
JAR=$ROOT/target/porophase-spark.jar
CLI=$ROOT/target/porophase-cli.jar
for f in "$JAR" "$CLI" "$ROOT/target/test-classes/org/porophase/analysis/BlockwiseBench.class"; do
  [ -e "$f" ] || { echo "error: $f is missing: run 'mvn -B -o package -DskipTests' (and test-compile) first" >&2; exit 2; }
done
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { echo "FAILED: $*" >&2; FAILED=1; }
FAILED=0
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# --- a SPARK_HOME made of the Maven class path -------------------------------------------------------------------
SH=$W/spark-home
if [ ! -d "$SH/jars" ]; then
  mkdir -p "$SH/jars" "$SH/conf"
  mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$W/cp.txt" >/dev/null
  tr ':' '\n' < "$W/cp.txt" > "$W/cp-lines.txt"
  # the jar of jul-to-slf4j gives the slf4j 2 release that Spark's logging needs (the class path holds jhdf's slf4j-api 1.7)
  JUL=$(grep '/jul-to-slf4j-' "$W/cp-lines.txt" | head -1)
  V=$(basename "$JUL" .jar); V=${V#jul-to-slf4j-}
  SLF4J=$(dirname "$(dirname "$(dirname "$JUL")")")/slf4j-api/$V/slf4j-api-$V.jar
  while read -r j; do
    case "$j" in
      # ours (bundled inside porophase-spark.jar, or test and front-end libraries), as SparkJarIT leaves them out
      */org/yaml/*|*/io/jhdf/*|*/net/imagej/*|*/info/picocli/*|*/org/scijava/*|*/org/junit/*|*/com/tngtech/*|*/org/lz4/*|*/org/opentest4j/*|*/org/apiguardian/*) continue ;;
      */org/slf4j/slf4j-api/1.*) [ -f "$SLF4J" ] && j=$SLF4J ;;
    esac
    ln -sf "$j" "$SH/jars/$(basename "$j")"
  done < "$W/cp-lines.txt"
  echo "Spark $(basename "$(ls "$SH"/jars/spark-core_*.jar)" .jar) from the Maven class path" > "$SH/RELEASE"
  # log to stderr at INFO as a distribution's default, quieter for the chattiest classes
  cat > "$SH/conf/log4j2.properties" <<'EOF'
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
logger.jetty.name = org.sparkproject.jetty
logger.jetty.level = warn
logger.netty.name = io.netty
logger.netty.level = warn
EOF
fi
export SPARK_HOME=$SH SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS=$W/local
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# the JVM options of Spark's launcher on Java 17 (org.apache.spark.launcher.JavaModuleOptions), as in the pom
read -r -a JOPTS <<< "$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' pom.xml)"
SCP="$SH/conf/:$SH/jars/*"
spark_class() { "$JAVA_HOME/bin/java" "${JOPTS[@]}" -cp "$SCP" "$@"; }
# a daemon in the background: the subshell becomes the JVM (exec), so $! is the JVM's pid and the trap ends it
spark_daemon() { ( exec "$JAVA_HOME/bin/java" "${JOPTS[@]}" -cp "$SCP" "$@" ) & }

# --- the cluster ---------------------------------------------------------------------------------------------------
log "master $MASTER, worker: $CORES cores, $WMEM; SPARK_HOME=$SH; logs in $W"
spark_daemon -Xmx256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$W/master.log" 2>&1
PIDS+=($!)
wait_for() { # FILE PATTERN SECONDS
  for _ in $(seq 1 "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done
  return 1
}
wait_for "$W/master.log" "I have been elected leader" 120 || { tail -30 "$W/master.log" >&2; echo "error: the master did not start" >&2; exit 2; }
# Spark takes the next port when one is taken: then another master (an earlier run's?) holds $PORT and the worker would join it
grep -q "Starting Spark master at $MASTER\$" "$W/master.log" \
  || { grep "Starting Spark master" "$W/master.log" >&2; echo "error: port $PORT is taken (another master?); set SPARK_MASTER_PORT" >&2; exit 2; }
mkdir -p "$W/worker"
spark_daemon -Xmx256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$CORES" --memory "$WMEM" \
  --work-dir "$W/worker" --webui-port 0 "$MASTER" > "$W/worker.log" 2>&1
PIDS+=($!)
wait_for "$W/worker.log" "Successfully registered with master" 120 || { tail -30 "$W/worker.log" >&2; echo "error: the worker did not register" >&2; exit 2; }
log "cluster up"

# spark-submit (org.apache.spark.deploy.SparkSubmit, what bin/spark-submit runs) in client deploy mode: the driver is
# this JVM, the executors are the worker's. Arguments after the jar are PoroPhase's.
submit() { # LOG [spark options…] -- [porophase arguments…]
  local out=$1; shift
  local so=()
  while [ "$1" != "--" ]; do so+=("$1"); shift; done
  shift
  spark_class -Xmx1g org.apache.spark.deploy.SparkSubmit --master "$MASTER" --executor-memory "$EMEM" \
    --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 "${so[@]}" \
    --class org.porophase.spark.PoroPhaseSpark "$JAR" "$@" > "$out" 2>&1
}
cli() { "$JAVA_HOME/bin/java" -Xmx1g -jar "$CLI" "$@"; }
# a summary.json without what describes the run rather than the result (as SparkVolumeTest.RUN_KEYS: timings, memory,
# the block-wise key, parameters, input path and hash)
metrics() {
  jq -S 'walk(if type == "object" then del(.timings_s, .in_memory_mask, .mask_memory_bytes, .labelling_memory_bytes, .blockwise,
          .parameters, .memory_bytes, .input, .input_sha256, .source) else . end)' "$1"
}
same_metrics() { # A.json B.json WHAT
  if diff <(metrics "$1") <(metrics "$2") > "$W/diff.txt"; then log "ok: $3"; else fail "$3: $(head -20 "$W/diff.txt")"; fi
}
no_strays() { # DIR WHAT
  local s
  s=$(find "$1" \( -name '.porophase-*' -o -name '*.tmp' -o -name '.chunk-*' \) | head -5)
  if [ -z "$s" ]; then log "ok: no staging or temporary file in $2"; else fail "$2 holds $s"; fi
}

# --- (a) analyze test-images: the summary table equals the CLI's -------------------------------------------------
log "(a) analyze test-images, client deploy mode"
cli analyze test-images --out "$W/cli-analyze" --quiet > "$W/cli-analyze.log" 2>&1 || true
if submit "$W/spark-analyze.log" --deploy-mode client --total-executor-cores "$CORES" -- \
    analyze test-images --out "$W/spark-analyze" --quiet --no-parquet; then
  grep -q "Granted executor ID" "$W/spark-analyze.log" || fail "(a) no executor was granted by the standalone master"
  # the inputs were given relative to this folder: the executors (whose working directory is the worker's
  # work/APP/N/) resolve them against the driver's; the CLI records a volume's input as given, the runner as resolved
  if cmp -s <(sed "s|$ROOT/||g" "$W/cli-analyze/summary.csv") <(sed "s|$ROOT/||g" "$W/spark-analyze/summary.csv"); then
    log "ok: (a) summary.csv equals the CLI's ($(($(wc -l < "$W/spark-analyze/summary.csv") - 1)) rows; input paths relative to $ROOT)"
  else
    fail "(a) summary.csv differs from the CLI's: $(diff "$W/cli-analyze/summary.csv" "$W/spark-analyze/summary.csv" | head -5)"
  fi
  for j in "$W"/cli-analyze/*.summary.json; do
    same_metrics "$j" "$W/spark-analyze/$(basename "$j")" "(a) $(basename "$j")"
  done
  no_strays "$W/spark-analyze" "(a) the output folder"
else
  fail "(a) spark-submit analyze exited $? (see $W/spark-analyze.log)"; tail -20 "$W/spark-analyze.log" >&2
fi

# --- (b) volume on an OME-Zarr: equals analyze-volume --blockwise and in memory ------------------------------------
Z=$W/vol.zarr
if [ ! -d "$Z" ]; then
  "$JAVA_HOME/bin/java" -Xmx512m -cp "$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$W/cp.txt" 2>/dev/null || true)" \
    org.porophase.analysis.BlockwiseBench gen 128 32 "$Z" 6 0.35 2 > "$W/gen.log" 2>&1
fi
VOPTS=(--block-size 32 --save-mask --volume-format zarr --quiet)
log "(b) CLI: analyze-volume --blockwise and in memory on $Z (128³, 32³ chunks)"
cli analyze-volume "$Z" --blockwise "${VOPTS[@]}" --out "$W/cli-blockwise" > "$W/cli-blockwise.log" 2>&1 || fail "(b) CLI blockwise (see $W/cli-blockwise.log)"
cli analyze-volume "$Z" --out "$W/cli-memory" --quiet > "$W/cli-memory.log" 2>&1 || fail "(b) CLI in memory (see $W/cli-memory.log)"
log "(b) volume, client deploy mode"
if submit "$W/spark-volume.log" --deploy-mode client --total-executor-cores "$CORES" -- volume "$Z" "${VOPTS[@]}" --out "$W/spark-volume"; then
  same_metrics "$W/cli-blockwise/vol.summary.json" "$W/spark-volume/vol.summary.json" "(b) volume = analyze-volume --blockwise"
  same_metrics "$W/cli-memory/vol.summary.json" "$W/spark-volume/vol.summary.json" "(b) volume = analyze-volume in memory"
  if diff -r -x .zattrs "$W/cli-blockwise/vol.mask.ome.zarr" "$W/spark-volume/vol.mask.ome.zarr" > "$W/diff.txt"; then
    log "ok: (b) the mask OME-Zarr equals the CLI's chunk for chunk ($(find "$W/spark-volume/vol.mask.ome.zarr/0" -type f | wc -l) files)"
  else
    fail "(b) the mask OME-Zarr differs: $(head -5 "$W/diff.txt")"
  fi
  no_strays "$W/spark-volume" "(b) the output folder"
else
  fail "(b) spark-submit volume exited (see $W/spark-volume.log)"; tail -20 "$W/spark-volume.log" >&2
fi

if [ "${SKIP_CLUSTER_MODE:-0}" != 1 ]; then
  # cluster deploy mode: the master has the worker start the driver too (org.apache.spark.deploy.Client); the
  # driver then takes one of the worker's cores, its log is the worker's driver-*/stderr
  log "(b') volume, cluster deploy mode"
  if submit "$W/spark-volume-cluster.log" --deploy-mode cluster --driver-memory 1g --conf spark.standalone.submit.waitAppCompletion=true \
      --conf "spark.driver.extraJavaOptions=${JOPTS[*]}" -- volume "$Z" "${VOPTS[@]}" --out "$W/spark-volume-cluster"; then
    D=$(ls -d "$W"/worker/driver-* 2>/dev/null | tail -1)
    grep -q "State of driver.* is FINISHED\|FINISHED" "$W/spark-volume-cluster.log" || fail "(b') the driver did not finish (see $W/spark-volume-cluster.log, $D/stderr)"
    same_metrics "$W/spark-volume/vol.summary.json" "$W/spark-volume-cluster/vol.summary.json" "(b') cluster deploy mode = client deploy mode"
    diff -r -x .zattrs "$W/spark-volume/vol.mask.ome.zarr" "$W/spark-volume-cluster/vol.mask.ome.zarr" > /dev/null \
      && log "ok: (b') the mask equals client mode's" || fail "(b') the mask differs from client mode's"
  else
    fail "(b') spark-submit --deploy-mode cluster failed (see $W/spark-volume-cluster.log)"; tail -20 "$W/spark-volume-cluster.log" >&2
  fi
fi

# --- (c) an executor killed mid-job -------------------------------------------------------------------------------
# job 0 histogram, 1 measure, 2 volumes (the tasks write the mask's chunks), 3 distance, 4 local thickness
KILL_STAGE=${KILL_STAGE:-2}
log "(c) volume with one executor killed (kill -9) in stage $KILL_STAGE (2: the pass writing the mask's chunks)"
rm -rf "$W/spark-volume-kill"
submit "$W/spark-volume-kill.log" --deploy-mode client --total-executor-cores "$CORES" --executor-cores 1 \
  --conf spark.task.maxFailures=4 -- volume "$Z" "${VOPTS[@]}" --out "$W/spark-volume-kill" &
SUB=$!
PIDS+=($SUB)
# kill once some of the stage's tasks have finished (the others are running or waiting)
KILLED=
for _ in $(seq 1 3000); do
  if grep -q "Finished task .* in stage $KILL_STAGE\.0" "$W/spark-volume-kill.log" 2>/dev/null; then
    # the executors of this run: java processes of our SPARK_HOME running CoarseGrainedExecutorBackend
    E=$(ps -eo pid=,args= | grep "[C]oarseGrainedExecutorBackend" | grep -F -- "$SH/" | awk '{print $1}' | head -1)
    if [ -n "$E" ]; then kill -9 "$E"; KILLED=$E; log "(c) killed executor JVM pid $E"; fi
    break
  fi
  kill -0 "$SUB" 2>/dev/null || break
  sleep 0.2
done
if wait "$SUB"; then RC=0; else RC=$?; fi
if [ -z "$KILLED" ]; then
  fail "(c) no executor was killed (the run ended first?)"
else
  grep -q "Lost executor\|ExecutorLostFailure\|Executor .* removed\|executor lost" "$W/spark-volume-kill.log" \
    && log "ok: (c) the driver saw the executor lost: $(grep -m1 -o 'Lost executor [0-9]* on [^:]*' "$W/spark-volume-kill.log" || true)" \
    || fail "(c) the driver log does not mention the lost executor"
  N=$(grep -c "Granted executor ID" "$W/spark-volume-kill.log" || true)
  log "(c) executors granted to the run: $N; tasks re-run: $(grep -c 'Starting task [0-9]*\.[1-9]' "$W/spark-volume-kill.log" || true)"
  [ "$RC" = 0 ] || fail "(c) the run exited $RC after the executor was killed (see $W/spark-volume-kill.log)"
  same_metrics "$W/spark-volume/vol.summary.json" "$W/spark-volume-kill/vol.summary.json" "(c) killed run = undisturbed run"
  diff -r -x .zattrs "$W/spark-volume/vol.mask.ome.zarr" "$W/spark-volume-kill/vol.mask.ome.zarr" > /dev/null \
    && log "ok: (c) the mask equals the undisturbed run's" || fail "(c) the mask differs from the undisturbed run's"
  diff <(cd "$W/spark-volume" && find . -type f | sort) <(cd "$W/spark-volume-kill" && find . -type f | sort) > "$W/diff.txt" \
    && log "ok: (c) the same files as the undisturbed run" || fail "(c) the output set differs: $(head -5 "$W/diff.txt")"
  no_strays "$W/spark-volume-kill" "(c) the output folder"
fi

if [ "$FAILED" = 0 ]; then log "all checks passed (work folder $W)"; else log "some checks failed (work folder $W)"; fi
exit "$FAILED"

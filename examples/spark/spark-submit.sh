#!/usr/bin/env bash
# spark-submit without a Spark installation: runs org.apache.spark.deploy.SparkSubmit (the class a distribution's
# bin/spark-submit runs) on Spark's own jars from the local Maven repository, so the README's spark-submit lines run
# the same way on a laptop. Spark's jars are the runtime class path of spark-core_2.13 at the module's
# <spark.version>, resolved once by Maven into a Spark home of links ($DRPKIT_SPARK_HOME, default
# ${TMPDIR:-/tmp}/drpkit-spark-home-<version>: jars/, RELEASE), which also serves local-cluster[...] masters
# (their executors are separate JVMs started from SPARK_HOME/jars). With SPARK_HOME set to a real installation, its
# bin/spark-submit is run instead.
#
#   examples/spark/spark-submit.sh --master 'local[2]' examples/spark/target/drpkit-spark-0.1.0-SNAPSHOT-submit.jar \
#       night --raw demo-out/raw --out file://$PWD/spark-red
#
# Environment: JAVA_OPTS (the driver JVM's options, e.g. -Xmx2g), MVN_ARGS (default -o: offline; empty to let Maven
# download Spark's jars once).
set -euo pipefail
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$here/pom.xml" | head -n 1)
home=${DRPKIT_SPARK_HOME:-${TMPDIR:-/tmp}/drpkit-spark-home-$version}
if [ ! -f "$home/RELEASE" ]; then
  mkdir -p "$home/jars" "$home/.pom"
  cat > "$home/.pom/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.drpkit</groupId><artifactId>spark-home</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
  (cd "$home/.pom" && mvn -q -B ${MVN_ARGS--o} dependency:build-classpath -Dmdep.outputFile="$home/.pom/classpath")
  tr ':' '\n' < "$home/.pom/classpath" | while read -r jar; do ln -sf "$jar" "$home/jars/"; done
  echo "Spark $version (spark-core_2.13 and its runtime dependencies, linked from the local Maven repository)" \
    > "$home/RELEASE"
fi
export SPARK_HOME="$home"
export SPARK_SCALA_VERSION=2.13   # Spark's launcher asks, for executors it starts (local-cluster, standalone)
# a local master listens on loopback only (unless SPARK_LOCAL_IP says otherwise)
prev=""
for a in "$@"; do
  case "$prev|$a" in
    "--master|local"*|"|--master=local"*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
  esac
  prev="$a"
done
# the module options Spark's launcher passes on Java 17 (the same list as the module's surefire argLine)
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions $opens -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit "$@"

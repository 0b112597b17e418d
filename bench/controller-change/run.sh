#!/usr/bin/env bash
# Controller change benchmark (not a test): see bench/controller-change/README.md.
# Arguments: rows (1000000), documents per archiving phase (15000), bulk size (50).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl batch-jobs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Xmx3g -cp "batch-jobs/target/test-classes:batch-jobs/target/classes:$(cat batch-jobs/target/bench.classpath)" \
  fi.arkisto.batch.controllerchange.bench.ControllerChangeBenchmark "$@"

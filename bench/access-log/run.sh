#!/usr/bin/env bash
# Log extract benchmark (not a test): see bench/access-log/README.md.
# Arguments: audit events (10000000), measured requests (2000), queried clients (200), events per queried client (150).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl archive-store -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Xmx1g -cp "archive-store/target/test-classes:archive-store/target/classes:$(cat archive-store/target/bench.classpath)" \
  fi.arkisto.store.accesslog.bench.AccessLogExtractBenchmark "$@"

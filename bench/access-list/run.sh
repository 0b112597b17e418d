#!/usr/bin/env bash
# Client document list benchmark (not a test): see bench/access-list/README.md.
# Arguments: rows (1000000), measured requests per kind (2000), queried clients (200).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl archive-store -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Xmx1g -cp "archive-store/target/test-classes:archive-store/target/classes:$(cat archive-store/target/bench.classpath)" \
  fi.arkisto.store.document.bench.ClientDocumentListBenchmark "$@"

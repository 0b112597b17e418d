#!/usr/bin/env bash
# Queue ingestion benchmark (not a test): see bench/queue/README.md.
# Arguments: documents (2000), offered rate per second (200), consumers (4).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl camel-routes -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "camel-routes/target/test-classes:camel-routes/target/classes:$(cat camel-routes/target/bench.classpath)" \
  fi.arkisto.routes.queue.bench.QueueBenchmark "$@"

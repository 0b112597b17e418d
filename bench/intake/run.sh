#!/usr/bin/env bash
# Online intake benchmark (not a test): see bench/intake/README.md.
# Arguments: documents per phase (2000), offered rate per second (200), queue consumers (32), REST clients (32).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)" \
  fi.arkisto.app.bench.IntakeBenchmark "$@"

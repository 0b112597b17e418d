#!/usr/bin/env bash
# Legacy migration benchmark (issue 5). Usage from the repository root:
#   bench/migration/run.sh [rows ...]        default: 10000 100000
# Needs the local PostgreSQL (127.0.0.1:5432, trust); starts an embedded S3 server and a test PKI itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
./mvnw -B -ntp -q -pl batch-jobs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
exec java -Xmx512m -cp "batch-jobs/target/test-classes:batch-jobs/target/classes:$(cat "$cp_file")" \
  fi.arkisto.batch.migration.MigrationBenchmark "$@"

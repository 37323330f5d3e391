#!/usr/bin/env bash
# County-scale import benchmark: generates the synthetic Yongchun register (578,096 people) and imports
# its police and insurance extracts, each compared with a bare COPY of the same file (same run, same
# database), and against a COPY of its persons into a table keyed and indexed like person; then the same police
# extract as XLSX. The bench JVM has a 512 MB heap. Uses the local PostgreSQL at 127.0.0.1:5432 (database canbao_bench), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
# -Xmx512m: the imports must fit issue 17's heap bound (a 600k-row import under 512 MB), the XLSX run included
./mvnw -B -ntp -Pbench verify -Dit.test=ImportBench -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.xlsx=true \
  -Dbench.jvm=-Xmx512m | grep -A24 '==== county-scale'

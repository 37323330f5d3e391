#!/usr/bin/env bash
# County-scale import benchmark: generates the synthetic Yongchun register (578,096 people) and imports
# its police and insurance extracts, each compared with a bare COPY of the same file (same run, same
# database). Uses the local PostgreSQL at 127.0.0.1:5432 (database canbao_bench), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -Pbench verify -Dit.test=ImportBench -Dfailsafe.failIfNoSpecifiedTests=false | grep -A19 '==== county-scale'

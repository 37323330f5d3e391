#!/usr/bin/env bash
# Province-scale benchmark (issue 18): the synthetic province's counties (Yongchun and 合成一县 …, about 578,000
# residents each; 10 by default, -Dbench.counties=N) one after the other into one database, each through the same
# steps (imports, campaign, publication, outreach start, dashboard refresh); the first county's steps, run in a
# province of one county, are the baseline of the others'. Then a day's payments and the nightly dashboard refresh,
# a county leader's reads at province size, and Camunda's table sizes. Takes about 40 minutes and 25 GB of disk.
# Uses the local PostgreSQL at 127.0.0.1:5432 (database canbao_bench_province), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -Pbench verify -Dit.test=ProvinceBench -Dfailsafe.failIfNoSpecifiedTests=false "$@" \
  | grep -E -A30 '==== province-scale|^county .* done'

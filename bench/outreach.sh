#!/usr/bin/env bash
# County-scale outreach benchmark: on the synthetic Yongchun register, start outreach for every uninsured or
# lapsed resident (compared with as many starts of a one-step no-op process in the same run), then drain the
# first reminders through the real Twilio SDK to a local stub at 100 messages/s and check the limit held.
# Uses the local PostgreSQL at 127.0.0.1:5432 (database canbao_bench_outreach), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -Pbench verify -Dit.test=OutreachBench -Dfailsafe.failIfNoSpecifiedTests=false "$@" | grep -A12 '==== county-scale'

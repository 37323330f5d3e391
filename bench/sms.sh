#!/usr/bin/env bash
# SMS dispatch under provider latency: the real dispatch worker(s) and Twilio SDK against a local stub of Twilio's
# Messages API answering after 0 (the baseline), 300 ms and 1 s, on one node and on two, at 10/s (the default) and
# 100/s. Uses the local PostgreSQL at 127.0.0.1:5432 (database canbao_bench_sms), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -Pbench verify -Dit.test=SmsLatencyBench -Dfailsafe.failIfNoSpecifiedTests=false | grep -A20 '==== SMS dispatch'

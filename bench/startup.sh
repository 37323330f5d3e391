#!/usr/bin/env bash
# Start-up benchmark: the packaged application on its embedded PostgreSQL, cold (new data directory:
# initdb, Flyway, Camunda schema, demo county without its register) and warm (same directory again), with the heap after a
# full GC; baseline measured in the same run: a bare `pg_ctl start` of the same data directory.
# Usage: bench/startup.sh            (builds the jar first when target/ has none)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/canbao-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests package
  jar=$(ls target/canbao-*.jar | grep -v '\.original$' | head -1)
fi
work=$(mktemp -d /tmp/canbao-bench-XXXX)
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
args=(--server.port=18080 --canbao.embedded-db.data-dir="$work/pg" --canbao.embedded-db.port=15499
      --canbao.demo.credentials-file="$work/demo-users.txt" --canbao.demo.register=false --logging.level.root=warn
      --logging.level.cn.canbao.base.StartupReport=info)

run() { # $1 = label; prints seconds to ready and MB of heap used after a full GC
  local log="$work/$1.log" start end
  start=$(date +%s.%N)
  java -jar "$jar" "${args[@]}" >"$log" 2>&1 & echo $! >"$work/pid"
  until grep -q 'Canbao ready' "$log"; do
    kill -0 "$(cat "$work/pid")" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
  done
  end=$(date +%s.%N)
  jcmd "$(cat "$work/pid")" GC.run >/dev/null
  local heap
  heap=$(jcmd "$(cat "$work/pid")" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  kill "$(cat "$work/pid")"; wait "$(cat "$work/pid")" 2>/dev/null || true
  printf '%s %.1f %d\n' "$1" "$(awk "BEGIN{print $end - $start}")" "$((heap / 1024))"
}

cold=$(run cold); warm=$(run warm)
pg_home=$(ls -d "$HOME"/.cache/canbao/postgres-* | head -1)
prefix=(); [ "$(id -u)" = 0 ] && prefix=(unshare -U)
start=$(date +%s.%N)
"${prefix[@]}" "$pg_home/bin/pg_ctl" -D "$work/pg" -l "$work/pg-bare.log" -w -o "-p 15499 -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
end=$(date +%s.%N)
"${prefix[@]}" "$pg_home/bin/pg_ctl" -D "$work/pg" -w stop -m fast >/dev/null
pg=$(awk "BEGIN{print $end - $start}")

read -r _ cold_s cold_mb <<<"$cold"; read -r _ warm_s warm_mb <<<"$warm"
printf 'start-up (JVM launch to "Canbao ready"), 2 cores:\n'
printf '  cold, new data dir + demo county : %6.1f s   heap after GC %4d MB\n' "$cold_s" "$cold_mb"
printf '  warm, same data dir              : %6.1f s   heap after GC %4d MB\n' "$warm_s" "$warm_mb"
printf '  baseline: bare pg_ctl start      : %6.2f s   (warm start = %.0fx the bare database start)\n' \
  "$pg" "$(awk "BEGIN{print $warm_s / $pg}")"

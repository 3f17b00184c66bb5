#!/usr/bin/env bash
# Makes the bundle's class-data-sharing archive (lib/gateway-<JVM build>.jsa) for the folder it is in:
# bin/gateway makes one on the first server run that ends, so this starts the fresh bundle once on a
# free loopback port and stops it. Run by 'mvn package' (-DskipCds skips it). The archive fits this
# folder and this JVM only, so the .tar.gz and the .deb leave it out: they make their own at first run.
#   cds-archive.sh BUNDLE_DIR
set -euo pipefail
bundle=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -f "$bundle"/lib/*.jsa
"$bundle/bin/gateway" --bind 127.0.0.1 --port 0 >"$log" 2>&1 &
pid=$!
for _ in $(seq 600); do
  grep -q "listening on" "$log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if ! grep -q "listening on" "$log"; then
  kill "$pid" 2>/dev/null || true
  echo "cds-archive.sh: the gateway did not start:" >&2
  cat "$log" >&2
  exit 1
fi
kill -TERM "$pid"
wait "$pid" || true # 143 after SIGTERM
archive=$(ls "$bundle"/lib/gateway-*.jsa 2>/dev/null | head -n 1)
[ -s "$archive" ] || { echo "cds-archive.sh: no archive was written" >&2; cat "$log" >&2; exit 1; }
echo "cds-archive.sh: wrote $archive ($(du -h "$archive" | cut -f1))"

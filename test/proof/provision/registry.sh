#!/usr/bin/env bash
# registry.sh: a throw-away container registry (Debian's docker-registry, distribution 2.8) on loopback.
#
#   registry.sh start DIR PORT   config, data and log in DIR; returns when GET /v2/ answers 200
#   registry.sh stop DIR         stops the registry started with DIR (by the PID in DIR/registry.pid)
#
# It listens on 127.0.0.1 only, without auth. It refuses to start when something already answers on the
# port (a registry left by a crashed run would answer the probe while ours dies on `bind`).
set -euo pipefail
cmd=${1:-} dir=${2:-}
[ -n "$dir" ] || { echo "usage: registry.sh start DIR PORT | stop DIR" >&2; exit 2; }

case "$cmd" in
start)
  port=${3:?port}
  addr=127.0.0.1:$port
  if curl -s -o /dev/null --max-time 2 "http://$addr/"; then
    echo "registry.sh: something already answers on $addr" >&2; exit 1
  fi
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $addr
  secret: build-proof-not-a-secret
EOF
  # distribution reads REGISTRY_* variables as overrides of its config: start it with none of them
  mapfile -t unset < <(compgen -e | grep '^REGISTRY_' | sed 's/^/-u/' || true)
  setsid env "${unset[@]}" docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 < /dev/null &
  echo $! > "$dir/registry.pid"
  code=000
  for _ in $(seq 1 200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$addr/v2/" || true)
    [ "$code" = 200 ] && exit 0
    kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null || break
    sleep 0.05
  done
  tail -5 "$dir/registry.log" >&2
  echo "registry.sh: the registry did not start on $addr (GET /v2/ -> $code)" >&2
  "$0" stop "$dir" || true
  exit 1
  ;;
stop)
  [ -s "$dir/registry.pid" ] || exit 0
  pid=$(cat "$dir/registry.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/registry.pid"
  ;;
*) echo "usage: registry.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac

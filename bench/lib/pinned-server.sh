# Sourced by bench/storm.sh and bench/bounds.sh: one server at a time, pinned to CPU 0, on a free loopback port.
#   port=$(free_port)
#   start_pinned "COMMAND" LOG      sets $server_pid (its process group) and $listener (the pid that listens on
#                                   $port, empty when nothing listened within 15 s)
#   stop_pinned                     SIGTERM to the group, SIGKILL after 5 s

free_port() {
  local p
  for p in $(seq 18700 18999 | shuf); do [ -z "$(ss -Hltn "sport = :$p")" ] && { echo "$p"; return; }; done
  return 1
}

start_pinned() { # COMMAND LOG (the command listens on $port)
  setsid taskset -c 0 bash -c "exec $1" >"$2" 2>&1 &
  server_pid=$!
  for _ in $(seq 1500); do ss -Hltn "sport = :$port" | grep -q . && break; sleep 0.01; done
  listener=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
}

stop_pinned() {
  kill -TERM -- "-$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 -- "-$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

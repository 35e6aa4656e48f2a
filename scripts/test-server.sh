#!/usr/bin/env bash
# Local SecantusDB (MongoDB wire protocol) server for tests and the demo.
#
#   scripts/test-server.sh start DIR [--test-commands]
#       Start secantusd-py on a free 127.0.0.1 port, in memory, in the background.
#       Writes DIR/pid, DIR/port, DIR/uri; logs to DIR/server.log. Waits until the
#       port answers (NONREL_SERVER_START_TIMEOUT seconds, default 30).
#   scripts/test-server.sh stop DIR
#       Stop the server whose PID is in DIR/pid (TERM, then KILL), remove its files.
#   scripts/test-server.sh status DIR
#       Exit 0 and print the URI if DIR's server is running.
#   scripts/test-server.sh with VAR [--test-commands] -- COMMAND [ARGS...]
#       If environment variable VAR is already set, run COMMAND against that server.
#       Otherwise start a server in a fresh directory under .server/, run COMMAND with
#       VAR set to its URI, and always stop the server afterwards (also on failure,
#       Ctrl-C or TERM). Exits with COMMAND's status.
#
# Environment:
#   NONREL_TEST_SERVER_BIN      secantusd-py to run (default: <repo>/.venv/bin/secantusd-py)
#   NONREL_SERVER_URI_OPTIONS   query string for the URI
#                               (default: retryWrites=false&serverSelectionTimeoutMS=5000)
#   NONREL_SERVER_ARGS          extra arguments for secantusd-py (word-split)
#   NONREL_SERVER_START_TIMEOUT seconds to wait for the port (default 30)
#
# Signals only processes it started itself: the server by the PID it recorded, and
# only while that PID still runs secantusd (guards against PID reuse); and, in
# 'with' mode on Ctrl-C/TERM, COMMAND's own process group and its descendants.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_BIN="${NONREL_TEST_SERVER_BIN:-$ROOT/.venv/bin/secantusd-py}"
URI_OPTIONS="${NONREL_SERVER_URI_OPTIONS-retryWrites=false&serverSelectionTimeoutMS=5000}"
START_TIMEOUT="${NONREL_SERVER_START_TIMEOUT:-30}"
STOP_GRACE=5 # seconds between TERM and KILL

say() { printf '%s\n' "test-server: $*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# A port nobody listens on: ask the kernel (bind to port 0) with the venv's python
# next to secantusd-py; otherwise probe random ports with bash's /dev/tcp.
pick_port() {
    local py port i
    py="$(dirname "$SERVER_BIN")/python3"
    if [[ -x "$py" ]] && port="$("$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null)" && [[ -n "$port" ]]; then
        printf '%s\n' "$port"
        return 0
    fi
    for ((i = 0; i < 50; i++)); do
        port=$((20000 + RANDOM % 40000))
        if ! port_answers "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    return 1
}

port_answers() {
    # Subshell so the descriptor is closed again straight away.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True while PID exists and is not a zombie (kill -0 succeeds on zombies).
running() {
    local line
    if [[ -r "/proc/$1/stat" ]]; then
        { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
        line="${line##*) }"
        [[ "${line%% *}" != Z ]]
    else
        kill -0 "$1" 2>/dev/null
    fi
}

# True if PID is alive and is a secantusd process (not a reused PID).
is_our_server() {
    local pid="$1" cmdline
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    running "$pid" || return 1
    if [[ -r "/proc/$pid/cmdline" ]]; then
        cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
        [[ "$cmdline" == *secantusd* ]] || return 1
    fi
    return 0
}

read_pid() {
    local f="$1/pid" pid=""
    if [[ -f "$f" ]]; then read -r pid <"$f" || true; fi
    printf '%s' "$pid"
}

show_log_tail() {
    local log="$1/server.log"
    if [[ -s "$log" ]]; then
        say "last lines of $log:"
        tail -n 20 "$log" | sed 's/^/    /' >&2
    fi
}

# start DIR TEST_COMMANDS(0|1) PDEATHSIG(0|1)
do_start() {
    local dir="$1" test_commands="$2" pdeathsig="$3"
    local pid port attempt deadline extra=()

    [[ -x "$SERVER_BIN" ]] || die "$SERVER_BIN not found (run 'make venv')"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"

    pid="$(read_pid "$dir")"
    if [[ -n "$pid" ]] && is_our_server "$pid"; then
        say "already running (pid $pid): $(cat "$dir/uri")"
        return 0
    fi
    rm -f "$dir/pid" "$dir/port" "$dir/uri"

    # Hermetic: an empty config file disables secantusd's config auto-discovery
    # (./secantusd.toml, ~/.secantus/...), and TMPDIR keeps its ':memory:' storage
    # directory inside DIR, so 'stop' removes it even after a KILL.
    : >"$dir/secantusd.toml"
    mkdir -p "$dir/tmp"
    if [[ "$test_commands" == 1 ]]; then
        extra+=(--enable-test-commands)
    fi
    if [[ -n "${NONREL_SERVER_ARGS:-}" ]]; then
        # shellcheck disable=SC2206 # deliberate word splitting
        extra+=($NONREL_SERVER_ARGS)
    fi
    # With 'with', the server gets TERM if this script dies without cleaning up.
    local launcher=()
    if [[ "$pdeathsig" == 1 ]] && command -v setpriv >/dev/null 2>&1; then
        launcher=(setpriv --pdeathsig TERM --)
    fi

    for attempt in 1 2 3; do
        port="$(pick_port)" || die "no free port found"
        say "starting secantusd-py on 127.0.0.1:$port (log: $dir/server.log)"
        (
            cd "$dir"
            export TMPDIR="$dir/tmp"
            exec "${launcher[@]}" "$SERVER_BIN" --config "$dir/secantusd.toml" \
                --host 127.0.0.1 --port "$port" --storage-path :memory: \
                "${extra[@]}" </dev/null >>"$dir/server.log" 2>&1
        ) &
        pid=$!
        printf '%s\n' "$pid" >"$dir/pid"

        deadline=$((SECONDS + START_TIMEOUT + 1)) # SECONDS ticks in whole seconds
        while ((SECONDS < deadline)); do
            if ! running "$pid"; then
                break # exited (e.g. lost the port to someone else): retry
            fi
            if port_answers "$port"; then
                printf '%s\n' "$port" >"$dir/port"
                printf 'mongodb://127.0.0.1:%s/%s\n' "$port" "${URI_OPTIONS:+?$URI_OPTIONS}" >"$dir/uri"
                say "ready (pid $pid): $(cat "$dir/uri")"
                return 0
            fi
            sleep 0.1
        done

        if running "$pid"; then
            say "server did not answer on port $port within ${START_TIMEOUT}s"
            show_log_tail "$dir"
            do_stop "$dir" quiet
            exit 1
        fi
        wait "$pid" 2>/dev/null || true
        rm -f "$dir/pid"
        say "server exited during startup (attempt $attempt)"
    done
    show_log_tail "$dir"
    die "could not start secantusd-py"
}

do_stop() {
    local dir="$1" quiet="${2:-}" pid i
    [[ -d "$dir" ]] || { [[ -n "$quiet" ]] || say "no server directory $dir"; return 0; }
    pid="$(read_pid "$dir")"
    if [[ -n "$pid" ]] && is_our_server "$pid"; then
        [[ -n "$quiet" ]] || say "stopping secantusd-py (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < STOP_GRACE * 10; i++)); do
            running "$pid" || break
            sleep 0.1
        done
        if running "$pid" && is_our_server "$pid"; then
            say "pid $pid ignored TERM for ${STOP_GRACE}s, sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
            for ((i = 0; i < 20; i++)); do
                running "$pid" || break
                sleep 0.1
            done
        fi
        # Reap it if it is our child (the 'with' case); harmless otherwise.
        wait "$pid" 2>/dev/null || true
    elif [[ -n "$pid" ]]; then
        [[ -n "$quiet" ]] || say "pid $pid from $dir/pid is not running"
    else
        [[ -n "$quiet" ]] || say "no server running in $dir"
    fi
    rm -f "$dir/pid" "$dir/port" "$dir/uri" "$dir/secantusd.toml"
    rm -rf "$dir/tmp"
}

do_status() {
    local dir="$1" pid
    pid="$(read_pid "$dir")"
    if [[ -n "$pid" ]] && is_our_server "$pid" && [[ -f "$dir/uri" ]]; then
        cat "$dir/uri"
        return 0
    fi
    return 1
}

# "PID:STARTTIME" for every descendant of PID $1 (from /proc; the start time makes
# a later kill safe against PID reuse).
descendants() {
    local f line pid rest ppid queue i
    local -A kids=() start=()
    local -a fields
    for f in /proc/[0-9]*/stat; do
        { read -r line <"$f"; } 2>/dev/null || continue
        pid="${line%% *}"
        rest="${line##*) }"
        read -ra fields <<<"$rest"
        ppid="${fields[1]}"
        kids[$ppid]+="$pid "
        start[$pid]="${fields[19]}"
    done
    queue=("$1")
    for ((i = 0; i < ${#queue[@]}; i++)); do
        for pid in ${kids[${queue[$i]}]:-}; do
            queue+=("$pid")
            printf '%s:%s\n' "$pid" "${start[$pid]}"
        done
    done
}

# True if PID $1 still exists with start time $2 and is not a zombie.
same_process_running() {
    local line rest
    local -a fields
    { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
    rest="${line##*) }"
    read -ra fields <<<"$rest"
    [[ "${fields[0]}" != Z && "${fields[19]}" == "$2" ]]
}

# COMMAND runs in its own process group (job control on just for the launch), so a
# Ctrl-C, or a TERM that make or a CI runner sends to this script, can be passed on
# to it. Consequence: COMMAND cannot read from the terminal.
CHILD=""
run_child() {
    local rc=0
    set -m
    "$@" &
    CHILD=$!
    set +m
    wait "$CHILD" || rc=$?
    CHILD=""
    return "$rc"
}

# on_signal NAME EXIT_CODE: stop COMMAND and exit; the EXIT trap, if any, then stops
# the server. COMMAND always gets SIGINT first, whatever we received: 'swift test'
# passes SIGINT on to the test runner it spawned (in a process group of its own),
# but on SIGTERM it dies and leaves the runner behind. Anything of COMMAND's that
# is still there after 10 s gets KILL.
on_signal() {
    local sig="$1" code="$2" i entry
    local -a procs
    trap '' INT TERM HUP
    if [[ -n "$CHILD" ]]; then
        say "SIG$sig: interrupting the command"
        mapfile -t procs < <(descendants "$CHILD")
        kill -INT -- "-$CHILD" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            running "$CHILD" || break
            sleep 0.1
        done
        if running "$CHILD"; then
            say "command still running after 10s, sending KILL"
            kill -KILL -- "-$CHILD" 2>/dev/null || true
        fi
        wait "$CHILD" 2>/dev/null || true
        for ((i = 0; i < 30; i++)); do
            for entry in "${procs[@]}"; do
                same_process_running "${entry%%:*}" "${entry##*:}" && break
                entry=""
            done
            [[ -n "${entry:-}" ]] || break
            sleep 0.1
        done
        for entry in "${procs[@]}"; do
            if same_process_running "${entry%%:*}" "${entry##*:}"; then
                say "killing leftover process ${entry%%:*}"
                kill -KILL "${entry%%:*}" 2>/dev/null || true
            fi
        done
        CHILD=""
    fi
    status="$code"
    exit "$code"
}

# with VAR TEST_COMMANDS -- COMMAND...
do_with() {
    local var="$1" test_commands="$2"
    shift 2
    [[ "$var" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "bad variable name: $var"

    status=0
    trap 'on_signal INT 130' INT
    trap 'on_signal TERM 143' TERM
    trap 'on_signal HUP 129' HUP

    if [[ -n "${!var:-}" ]]; then
        say "using existing server from $var: ${!var}"
        say "running: $*"
        run_child "$@" || status=$?
        exit "$status"
    fi

    mkdir -p "$ROOT/.server"
    RUN_DIR="$(mktemp -d "$ROOT/.server/run.XXXXXX")"
    cleanup() {
        local rc=$?
        trap - EXIT
        trap '' INT TERM HUP
        [[ "$status" != 0 ]] || status=$rc
        do_stop "$RUN_DIR" quiet
        if [[ "$status" == 0 ]]; then
            rm -rf "$RUN_DIR"
        else
            say "kept server log: $RUN_DIR/server.log"
        fi
        say "server stopped"
        exit "$status"
    }
    trap cleanup EXIT

    do_start "$RUN_DIR" "$test_commands" 1
    export "$var=$(cat "$RUN_DIR/uri")"
    say "running: $*"
    run_child "$@" || status=$?
    # cleanup runs from the EXIT trap
}

cmd="${1:-}"
[[ $# -ge 1 ]] && shift
case "$cmd" in
start)
    [[ $# -ge 1 ]] || usage
    dir="$1"; shift
    tc=0
    for a in "$@"; do
        case "$a" in
        --test-commands) tc=1 ;;
        *) usage ;;
        esac
    done
    do_start "$dir" "$tc" 0
    ;;
stop)
    [[ $# -eq 1 ]] || usage
    do_stop "$1"
    ;;
status)
    [[ $# -eq 1 ]] || usage
    do_status "$1"
    ;;
with)
    [[ $# -ge 1 ]] || usage
    var="$1"; shift
    tc=0
    while [[ $# -gt 0 && "$1" != "--" ]]; do
        case "$1" in
        --test-commands) tc=1 ;;
        *) usage ;;
        esac
        shift
    done
    [[ "${1:-}" == "--" ]] || usage
    shift
    [[ $# -ge 1 ]] || usage
    do_with "$var" "$tc" "$@"
    ;;
*)
    usage
    ;;
esac

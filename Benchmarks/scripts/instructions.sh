#!/usr/bin/env bash
# Instructions per operation (callgrind: user space, every thread), Nonrel and the C floor, for
# the tasks named on the command line. Unlike CPU time on a shared machine, these repeat to
# within a percent, so they show whether a change helped.
#
# Each program runs each task twice under valgrind, with 1 and with 3 timed iterations and no
# warm-up; the difference of the totals over the 2 extra iterations' operations cancels
# start-up, data loading and server set-up. Sizes are small (valgrind is ~50x slower) and can
# be changed with SIZES.
#
#   NONREL_MONGO_URI=mongodb://... Benchmarks/scripts/instructions.sh small_insert_one odm_nested_create
#   make bench-instructions BENCH_TASKS='small_insert_one find_one_by_id'
#
# Needs valgrind (apt-get install valgrind) and both programs built (make bench builds them).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${BENCH_DATA:-$root/../shared/specs}"
c_bin="$root/Benchmarks/.build/c/nonrel-c-bench"
swift_bin="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/nonrel-bench"
sizes="${SIZES:---n 300 --docs 2000 --bson-n 1000 --odm-n 200 --odm-large-n 3 --odm-nested-n 100}"

command -v valgrind >/dev/null || { echo "instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
for bin in "$c_bin" "$swift_bin"; do
    [[ -x "$bin" ]] || { echo "instructions: $bin is missing; run make bench first" >&2; exit 1; }
done
[[ $# -gt 0 ]] || { echo "usage: $0 TASK..." >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints "instructions ops_per_iteration" for one program, task and iteration count.
measure() {
    local bin="$1" task="$2" iterations="$3" out="$work/out.jsonl" total
    # shellcheck disable=SC2086
    total="$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --data "$data" \
        ${NONREL_MONGO_URI:+--uri "$NONREL_MONGO_URI"} --tasks "$task" --iterations "$iterations" --warmup 0 \
        --out "$out" $sizes 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')"
    [[ -n "$total" ]] || { echo "instructions: $bin failed on $task" >&2; exit 1; }
    echo "$total $(grep -o '"ops_per_iteration":[0-9]*' "$out" | tail -1 | cut -d: -f2)"
}

per_op() {
    local one three ops
    read -r one ops < <(measure "$1" "$2" 1)
    read -r three _ < <(measure "$1" "$2" 3)
    echo $(( (three - one) / (2 * ops) ))
}

printf '| task | Nonrel instructions/op | C instructions/op | ×C |\n|---|---:|---:|---:|\n'
for task in "$@"; do
    nonrel="$(per_op "$swift_bin" "$task")"
    c="$(per_op "$c_bin" "$task")"
    printf '| %s | %s | %s | %s |\n' "$task" "$nonrel" "$c" "$(awk -v a="$nonrel" -v b="$c" 'BEGIN { printf "%.2f", a / b }')"
done

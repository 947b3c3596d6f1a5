#!/usr/bin/env bash
# Run make targets one after the other: tools/steps.sh TARGET...
#
# Each step gets a banner; the first failing step stops the run. A summary with the
# seconds of every step is printed at the end, whether the run passed or not.
set -uo pipefail

make=${MAKE:-make}
declare -a names=() results=() seconds=()
started=$SECONDS

summary() {
    local i
    echo
    echo "==================== summary ===================="
    for i in "${!names[@]}"; do
        printf '%-16s %-7s %6ss\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}"
    done
    printf '%-16s %-7s %6ss\n' "total" "$1" "$((SECONDS - started))"
}

for step in "$@"; do
    echo
    echo "==================== make $step ===================="
    t0=$SECONDS
    "$make" --no-print-directory "$step"
    rc=$?
    names+=("$step")
    seconds+=("$((SECONDS - t0))")
    if [[ $rc -ne 0 ]]; then
        results+=("FAILED")
        echo
        echo "==================== make $step FAILED (exit $rc) ===================="
        summary FAILED
        exit $rc
    fi
    results+=("ok")
done
summary ok

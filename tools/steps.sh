#!/usr/bin/env bash
# Run make targets one after the other: tools/steps.sh STEP...
#
# Each step gets a banner; the first failing step stops the run. A summary with the
# seconds of every step is printed at the end, whether the run passed or not.
#
# A step written "bg:TARGET" starts in the background, its output kept in build/steps/TARGET.log, and
# the steps after it run meanwhile; "wait" (or the end of the list) waits for it, prints its output
# and counts its result. make test runs ansible-test sanity, which keeps one core busy for minutes,
# beside the short checks on the other core ("bg:sanity"; tools/sanity.sh works on a copy of its own).
set -uo pipefail

make=${MAKE:-make}
declare -a names=() results=() seconds=()
started=$SECONDS
background=''
background_pid=''
background_t0=0

summary() {
    local i
    echo
    echo "==================== summary ===================="
    for i in "${!names[@]}"; do
        printf '%-16s %-7s %6ss\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}"
    done
    printf '%-16s %-7s %6ss\n' "total" "$1" "$((SECONDS - started))"
}

record() { # $1 step, $2 exit code, $3 seconds; stops the run on a failure
    names+=("$1")
    seconds+=("$3")
    if [[ $2 -ne 0 ]]; then
        results+=("FAILED")
        echo
        echo "==================== make $1 FAILED (exit $2) ===================="
        if [[ -n $background_pid ]]; then
            kill -- "-$background_pid" 2>/dev/null || kill "$background_pid" 2>/dev/null
            wait "$background_pid" 2>/dev/null
            echo "(make $background, started in the background, was stopped)"
        fi
        summary FAILED
        exit "$2"
    fi
    results+=("ok")
}

wait_background() {
    [[ -n $background_pid ]] || return 0
    wait "$background_pid"
    local rc=$? step=$background
    background_pid=''
    echo
    echo "==================== make $step (ran in the background) ===================="
    cat "build/steps/$step.log"
    record "$step" "$rc" "$((SECONDS - background_t0))"
}

for step in "$@"; do
    if [[ $step == wait ]]; then
        wait_background
        continue
    fi
    if [[ $step == bg:* ]]; then
        wait_background
        background=${step#bg:}
        mkdir -p build/steps
        echo
        echo "==================== make $background (in the background: build/steps/$background.log) ===================="
        background_t0=$SECONDS
        set -m
        "$make" --no-print-directory "$background" >"build/steps/$background.log" 2>&1 &
        background_pid=$!
        set +m
        continue
    fi
    echo
    echo "==================== make $step ===================="
    t0=$SECONDS
    "$make" --no-print-directory "$step"
    record "$step" "$?" "$((SECONDS - t0))"
done
wait_background
summary ok

#!/usr/bin/env bash
# make demo: run playbooks/demo.yml against the XAPI emulator three times.
#
#   1. --check --diff   what would change (the emulator must see no writes)
#   2. --diff           apply it
#   3. --diff           apply again: nothing may change
#
# The emulator keeps its PBX in .demo/pbx.json, so a second `make demo` starts from the
# state the first one left (and run 1 then shows nothing to do). `rm -r .demo` starts over.
# TLS=1 makes the emulator serve HTTPS with a throwaway CA, passed to the modules as
# TCX_CA_PATH (as a real PBX is used); plain HTTP otherwise. PLAYBOOK=... runs another playbook.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
playbook=${PLAYBOOK:-playbooks/demo.yml}
py=.venv/bin/python
demo=.demo

if [[ ! -f "$playbook" ]]; then
    echo "demo: $playbook does not exist yet" >&2
    exit 1
fi
mkdir -p "$demo"

# 8765 when it is free, otherwise a port the emulator picks (--port 0).
port=$("$py" - <<'PY'
import socket
with socket.socket() as s:
    try:
        s.bind(("127.0.0.1", 8765))
        print(8765)
    except OSError:
        print(0)
PY
)

tls_option=
case "${TLS:-}" in 1 | yes | true) tls_option=--tls ;; esac
log=$demo/emulator.log
PYTHONUNBUFFERED=1 PYTHONPATH=tests/emulator "$py" -m tcx_emulator --port "$port" $tls_option --state "$demo/pbx.json" >"$log" 2>&1 &
emulator=$!
stop_emulator() {
    kill "$emulator" 2>/dev/null || true
    wait "$emulator" 2>/dev/null || true
}
trap stop_emulator EXIT

url=
for _ in $(seq 1 300); do
    url=$(sed -n 's/^listening on //p' "$log" | head -1)
    [[ -n "$url" ]] && break
    if ! kill -0 "$emulator" 2>/dev/null; then
        echo "demo: the emulator exited before it was ready:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "$url" ]]; then
    echo "demo: the emulator printed no 'listening on' line within 30 s:" >&2
    cat "$log" >&2
    exit 1
fi
echo "demo: emulator listening on $url (state in $demo/pbx.json, log in $log)"

printf '%s\n' 'localhost ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"' \
    >"$demo/inventory.ini"

export PATH="$root/.venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$root/.build"
export TCX_URL="$url" TCX_CLIENT_ID=900 TCX_CLIENT_SECRET=emulator-secret
ca_file=$(sed -n 's/^ca file: //p' "$log" | head -1)
if [[ -n "$ca_file" ]]; then
    export TCX_CA_PATH="$ca_file"
    echo "demo: trusting the emulator's CA $ca_file"
fi

declare -a labels=("check (--check --diff)" "apply (--diff)" "apply again (--diff)")
declare -a extra=("--check --diff" "--diff" "--diff")
declare -a changed=()

# Sum of changed=N over the hosts of the PLAY RECAP (colour codes stripped).
recap_changed() {
    sed -e 's/\x1b\[[0-9;]*m//g' "$1" \
        | awk '/^PLAY RECAP/ {r=1; next} r && /changed=/ {for (i=1;i<=NF;i++) if ($i ~ /^changed=/) {split($i,a,"="); n+=a[2]}} END {print n+0}'
}

for i in 0 1 2; do
    echo
    echo "==================== demo run $((i + 1)): ${labels[$i]} ===================="
    out=$demo/run-$((i + 1)).log
    # shellcheck disable=SC2086  # extra holds separate options on purpose
    if ! ansible-playbook -i "$demo/inventory.ini" ${extra[$i]} "$playbook" 2>&1 | tee "$out"; then
        echo "demo: run $((i + 1)) (${labels[$i]}) failed; its output is in $out" >&2
        exit 1
    fi
    changed+=("$(recap_changed "$out")")
done

echo
echo "==================== demo summary ===================="
for i in 0 1 2; do
    printf 'run %d  %-24s changed=%s\n' $((i + 1)) "${labels[$i]}" "${changed[$i]}"
done
if [[ "${changed[0]}" != "${changed[1]}" ]]; then
    echo "note: check mode predicted ${changed[0]} change(s), the real run made ${changed[1]}"
fi
if [[ "${changed[2]}" != 0 ]]; then
    echo "FAILED: the third run changed ${changed[2]} task(s); the playbook is not idempotent" >&2
    exit 1
fi
echo "ok: the third run changed nothing"

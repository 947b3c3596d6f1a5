#!/usr/bin/env bash
# Create or refresh a virtual environment of this project.
#
#   tools/mkvenv.sh main     .venv         Python >= 3.11, all of requirements-dev.txt
#   tools/mkvenv.sh latest   .venv-latest  Python >= 3.12, the newest pinned ansible-core only
#                                          (skipped with a note when no such Python exists)
#
# Interpreters are probed by running them, because pyenv shims of versions that are not
# selected exist on PATH but fail ("command not found"). PYTHON=/path/to/python (main) or
# PYTHON_LATEST=... (latest) overrides the probe.
#
# A stamp file in the venv records a hash of the requirement files and the interpreter;
# when it matches, nothing is done, so a second run is instant.
set -euo pipefail

mode=${1:?usage: tools/mkvenv.sh main|latest}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Print "major.minor" of an interpreter that runs, is new enough and can make venvs.
usable() { # $1 interpreter, $2 minimum minor version of Python 3
    "$1" - "$2" 2>/dev/null <<'PY'
import sys
import ensurepip, venv  # noqa: F401  (Debian splits these off into python3-venv)
if sys.version_info[:2] >= (3, int(sys.argv[1])):
    print("%d.%d" % sys.version_info[:2])
PY
}

pick() { # $1 minimum minor version, rest: candidates in order of preference
    local min=$1 c v
    shift
    for c in "$@"; do
        [[ -z "$c" ]] && continue
        command -v "$c" >/dev/null 2>&1 || [[ -x "$c" ]] || continue
        v=$(usable "$c" "$min") || true
        if [[ -n "$v" ]]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

case "$mode" in
main)
    venv=.venv
    reqs=(requirements-dev.txt requirements.txt)
    if [[ -n "${PYTHON:-}" ]]; then
        candidates=("$PYTHON")
    else
        candidates=(python3.11 python3 /root/.pyenv/versions/3.11.*/bin/python3.11
            python3.12 python3.13 python3.14 /root/.pyenv/versions/3.1[2-9]*/bin/python3.1?)
    fi
    if ! python=$(pick 11 "${candidates[@]}"); then
        echo "ERROR: no usable Python >= 3.11 found (tried: ${candidates[*]})." >&2
        echo "       Install Python 3.11 or newer with its venv module (Debian: python3-venv)," >&2
        echo "       or point PYTHON=/path/to/python3.11 at one." >&2
        exit 1
    fi
    ;;
latest)
    venv=.venv-latest
    reqs=(requirements-dev.txt)
    main_version=$(.venv/bin/python -c 'import sys; print(sys.version_info >= (3, 12))' 2>/dev/null || echo False)
    if [[ "$main_version" == True ]]; then
        echo "note: .venv already runs Python >= 3.12 and the newest ansible-core; .venv-latest is not needed."
        rm -rf "$venv"
        exit 0
    fi
    if [[ -n "${PYTHON_LATEST:-}" ]]; then
        candidates=("$PYTHON_LATEST")
    else
        # Newest first: pyenv's versions, sorted by version, newest on top.
        mapfile -t pyenv_pythons < <(printf '%s\n' /root/.pyenv/versions/3.1[2-9]*/bin/python3.1? | sort -rV)
        candidates=(python3.13 python3.12 python3.14 "${pyenv_pythons[@]}")
    fi
    if ! python=$(pick 12 "${candidates[@]}"); then
        echo "note: no Python >= 3.12 found; skipping .venv-latest (checks run on ansible-core of .venv only)."
        rm -rf "$venv"
        exit 0
    fi
    ;;
*)
    echo "usage: tools/mkvenv.sh main|latest" >&2
    exit 2
    ;;
esac

python=$("$python" -c 'import sys; print(sys.executable)')
# Bump when the way a venv is built changes (not for requirement changes: those are hashed).
recipe=1
stamp="$venv/.tcx-stamp"
want=$( { echo "$mode $recipe"; "$python" -c 'import sys; print(sys.version)'; echo "$python"; cat "${reqs[@]}"; } | sha256sum | cut -d' ' -f1)

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/python" ]] && "$venv/bin/python" -c '' 2>/dev/null; then
    echo "$venv is up to date ($("$venv/bin/python" --version), $("$venv/bin/python" -c 'import ansible; print("ansible-core", ansible.__version__)' 2>/dev/null || echo '?'))"
    exit 0
fi

echo "Creating $venv with $python ($("$python" --version 2>&1))"
rm -rf "$venv"
"$python" -m venv "$venv"
if [[ "$mode" == main ]]; then
    requirements="requirements-dev.txt"
else
    # Only ansible-core, at the version that requirements-dev.txt pins for Python >= 3.12.
    requirements="$venv/requirements-ansible-core.txt"
    grep -E '^ansible-core[ =<>!~]' requirements-dev.txt > "$requirements"
fi
# pip's warnings about configured find-links folders that do not exist are noise.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
echo "$want" > "$stamp"
echo "$venv ready: $("$venv/bin/python" --version), $("$venv/bin/python" -c 'import ansible; print("ansible-core", ansible.__version__)')"

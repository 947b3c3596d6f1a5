#!/usr/bin/env bash
# Create or refresh a virtual environment of this project.
#
#   tools/mkvenv.sh main      .venv          Python >= 3.11, requirements-dev.txt (ansible-core 2.19
#                                            on 3.11, the newest on >= 3.12)
#   tools/mkvenv.sh latest    .venv-latest   Python >= 3.12, the newest pinned ansible-core and
#                                            requirements-test.txt (skipped with a note when no
#                                            such Python exists, or when .venv already has it)
#   tools/mkvenv.sh floor     .venv-floor    Python 3.11 or 3.12, requirements-floor.txt: the oldest
#                                            ansible-core that meta/runtime.yml admits
#   tools/mkvenv.sh importer  .venv-importer Python >= 3.11, requirements-importer.txt (Galaxy's
#                                            importer, whose pins clash with .venv's)
#
# Interpreters are probed by running them, because pyenv shims of versions that are not
# selected exist on PATH but fail ("command not found"); pyenv's own installs (under
# $PYENV_ROOT, default ~/.pyenv) are tried too. PYTHON=/path/to/python (main, floor,
# importer) or PYTHON_LATEST=... (latest) overrides the probe.
#
# A stamp file in the venv records a hash of the requirement files and the interpreter;
# when it matches, nothing is done, so a second run is instant.
set -euo pipefail

mode=${1:?usage: tools/mkvenv.sh main|latest|floor|importer}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Print "major.minor" of an interpreter that runs, is new enough (and not too new) and can make venvs.
usable() { # $1 interpreter, $2 minimum minor version of Python 3, $3 maximum minor version
    "$1" - "$2" "$3" 2>/dev/null <<'PY'
import sys
import ensurepip, venv  # noqa: F401  (Debian splits these off into python3-venv)
if (3, int(sys.argv[1])) <= sys.version_info[:2] <= (3, int(sys.argv[2])):
    print("%d.%d" % sys.version_info[:2])
PY
}

pick() { # $1 minimum minor version, $2 maximum minor version, rest: candidates in order of preference
    local min=$1 max=$2 c v
    shift 2
    for c in "$@"; do
        [[ -z "$c" ]] && continue
        command -v "$c" >/dev/null 2>&1 || [[ -x "$c" ]] || continue
        v=$(usable "$c" "$min" "$max") || true
        if [[ -n "$v" ]]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

# pyenv's installed interpreters of Python 3.MINOR (a glob pattern), newest first.
pyenv_pythons() { # $1 minor version pattern, e.g. 11 or 1[2-9]
    local dir=${PYENV_ROOT:-$HOME/.pyenv}/versions
    [[ -d "$dir" ]] || return 0
    compgen -G "$dir/3.$1*/bin/python3" | sort -rV || true
}

case "$mode" in
main)
    venv=.venv
    reqs=(requirements-dev.txt requirements-test.txt requirements.txt)
    if [[ -n "${PYTHON:-}" ]]; then
        candidates=("$PYTHON")
    else
        mapfile -t pyenv_311 < <(pyenv_pythons 11)
        mapfile -t pyenv_newer < <(pyenv_pythons '1[2-9]')
        candidates=(python3.11 python3 "${pyenv_311[@]}" python3.12 python3.13 python3.14 "${pyenv_newer[@]}")
    fi
    if ! python=$(pick 11 99 "${candidates[@]}"); then
        echo "ERROR: no usable Python >= 3.11 found (tried: ${candidates[*]})." >&2
        echo "       Install Python 3.11 or newer with its venv module (Debian: python3-venv)," >&2
        echo "       or point PYTHON=/path/to/python3.11 at one." >&2
        exit 1
    fi
    ;;
latest)
    venv=.venv-latest
    reqs=(requirements-dev.txt requirements-test.txt)
    main_version=$(.venv/bin/python -c 'import sys; print(sys.version_info >= (3, 12))' 2>/dev/null || echo False)
    if [[ "$main_version" == True ]]; then
        echo "note: .venv already runs Python >= 3.12 and the newest ansible-core; .venv-latest is not needed."
        rm -rf "$venv"
        exit 0
    fi
    if [[ -n "${PYTHON_LATEST:-}" ]]; then
        candidates=("$PYTHON_LATEST")
    else
        mapfile -t pyenv_newer < <(pyenv_pythons '1[2-9]')
        candidates=(python3.13 python3.12 python3.14 "${pyenv_newer[@]}")
    fi
    if ! python=$(pick 12 99 "${candidates[@]}"); then
        echo "note: no Python >= 3.12 found; skipping .venv-latest (checks run on ansible-core of .venv only)."
        rm -rf "$venv"
        exit 0
    fi
    ;;
floor | importer)
    venv=.venv-$mode
    reqs=("requirements-$mode.txt")
    [[ "$mode" == floor ]] && reqs+=(requirements-test.txt)
    # ansible-core 2.17 runs its controller on Python 3.10 to 3.12; 3.11 is the project's floor.
    max=99
    [[ "$mode" == floor ]] && max=12
    if [[ -n "${PYTHON:-}" ]]; then
        candidates=("$PYTHON")
    else
        mapfile -t pyenv_311 < <(pyenv_pythons 11)
        mapfile -t pyenv_312 < <(pyenv_pythons 12)
        candidates=(python3.11 python3 "${pyenv_311[@]}" python3.12 "${pyenv_312[@]}" python3.13)
    fi
    if ! python=$(pick 11 "$max" "${candidates[@]}"); then
        echo "ERROR: no usable Python 3.11 to 3.$max found for $venv (tried: ${candidates[*]})." >&2
        echo "       Point PYTHON=/path/to/python3.11 at one." >&2
        exit 1
    fi
    ;;
*)
    echo "usage: tools/mkvenv.sh main|latest|floor|importer" >&2
    exit 2
    ;;
esac

# The interpreter itself, not a venv's (one of ours first on PATH, as in an activated .venv: make would delete
# the venv it runs from and then fail to build it again).
python=$("$python" -c 'import sys; print(sys._base_executable if sys.prefix != sys.base_prefix else sys.executable)')
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
case "$mode" in
main) requirements="requirements-dev.txt" ;;
latest)
    # The ansible-core that requirements-dev.txt pins for Python >= 3.12, and the test libraries.
    requirements="$venv/requirements-latest.txt"
    { grep -E '^ansible-core[ =<>!~]' requirements-dev.txt; echo "-r $root/requirements-test.txt"; } > "$requirements"
    ;;
*) requirements="requirements-$mode.txt" ;;
esac
# pip's warnings about configured find-links folders that do not exist are noise.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
echo "$want" > "$stamp"
echo "$venv ready: $("$venv/bin/python" --version), $("$venv/bin/python" -c 'import ansible; print("ansible-core", ansible.__version__)')"

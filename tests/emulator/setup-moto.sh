#!/usr/bin/env bash
# Installs moto's server (moto-requirements.txt) into the Python virtual environment the
# emulator tests use, creating it if needed. Idempotent: when the environment already holds
# exactly these requirements it only says so.
#
# The environment is $SHAPEGEN_MOTO_VENV, else $CARGO_TARGET_DIR/moto-venv, else
# target/moto-venv (relative paths are taken from the workspace root, as the tests do).
# PYTHON names the interpreter that creates it (default: python3; 3.9 or newer).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$root/$1" ;; esac; }
target=$(absolute "${CARGO_TARGET_DIR:-target}")
venv=$(absolute "${SHAPEGEN_MOTO_VENV:-$target/moto-venv}")
requirements=$here/moto-requirements.txt
stamp=$venv/shapegen-moto-requirements.txt
python=${PYTHON:-python3}

if [ -f "$stamp" ] && cmp -s "$stamp" "$requirements" &&
    "$venv/bin/python" -c 'import moto.server' 2>/dev/null; then
    echo "moto is installed in $venv"
    exit 0
fi

if ! command -v "$python" >/dev/null; then
    echo "error: $python not found; install Python 3.9 or newer (or set PYTHON)" >&2
    exit 1
fi
echo "installing moto into $venv (about 300 MB)"
rm -f "$stamp"
if ! "$python" -m venv "$venv"; then
    echo "error: $python cannot create a virtual environment (on Debian: apt-get install python3-venv)" >&2
    exit 1
fi
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements"
# The stamp says which requirements the environment holds; the tests compare it with theirs.
cp "$requirements" "$stamp"
echo "moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)') is installed in $venv"

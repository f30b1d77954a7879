#!/bin/sh
# Install a built wheel into a fresh virtual environment and run it from outside the checkout.
set -eu
wheel=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
samples=$(cd "$(dirname "$0")/../samples/wga-2023" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet "$wheel"
cd "$scratch"
"$scratch/venv/bin/contracttools" --version
"$scratch/venv/bin/contracttools" check "$samples"
"$scratch/venv/bin/python" -c '
from contracttools.resources import templates_dir
d = templates_dir()
names = sorted(p.name for p in d.iterdir())
assert "site-packages" in str(d), d
assert names, "no templates shipped"
print("templates found in", d, ":", ", ".join(names))
'

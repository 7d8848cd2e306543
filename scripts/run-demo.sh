#!/usr/bin/env bash
# The main job: set up, build, and start the GUI on the demo workspace (created
# on first start in the user's data directory).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display; running under Xvfb and saving a screenshot to build/demo.png"
  exec xvfb-run -a -s "-screen 0 1400x900x24" build/app/sftbench --demo --screenshot build/demo.png "$@"
fi
exec build/app/sftbench --demo "$@"

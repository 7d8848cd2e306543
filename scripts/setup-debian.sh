#!/usr/bin/env bash
# Installs every Debian 12 package SFT Workbench needs to build, run and test.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config
  qt6-base-dev libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqcustomplot-dev libgl-dev
  libtorch-dev libgloo-dev libopenblas0-pthread   # Gloo: c10d CPU collectives (data-parallel runs); OpenBLAS: 155 vs 6.5 GFLOP/s fp32 matmul with reference BLAS
  nlohmann-json3-dev libsentencepiece-dev libcpp-httplib-dev
  qt6-svg-dev                 # renders the application icon's PNG sizes from its SVG
  # package: CPack's .deb (dpkg-shlibdeps computes its Depends; file tells stripped binaries)
  dpkg-dev file
  # run: CJK font so Chinese text renders
  fonts-wqy-microhei
  # tests: offscreen/Xvfb GUI, reference implementations (PyTorch, NLTK Porter, HF tokenizers via npm)
  xvfb x11-apps python3-torch python3-nltk
  # tests: the installed desktop entry, AppStream metainfo and MIME type are validated
  desktop-file-utils appstream shared-mime-info
)
# Node.js + npm run the Hugging Face `tokenizers` reference. Some images ship Node.js with its own
# npm (NodeSource), which conflicts with Debian's npm package: install Debian's only when absent.
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# One prepared check of the worker on a GPU (or, with --device cpu, the same steps on tiny models on
# the CPU, as CI runs it): a Qt-free build of sftbench-cli, then CUDA vs CPU parity, logits against
# transformers (or tests/model/reference_llama.py), a LoRA adapter and its merge against PEFT, training
# speed (LoRA and full, MFU, profile phases, transformers + peft beside it) and gradient checkpointing.
# Writes one JSON report and a Markdown summary beside it after every step (a check stopped from
# outside leaves what it had), prints the summary at the end and exits 0 only when every correctness
# check passes (speed goals are reported, not enforced). See bench/gpu/README.md.
#
#   scripts/gpu-check.sh [--device cuda|cpu] [--build-dir DIR] [--work DIR] [--report FILE]
#       [--worker PATH (skip the build)] [--build-only] [--deadline SECONDS] [--torch-prefix DIR]
#       [--json-include DIR] [--python PY] [--quick]
set -euo pipefail
SCRIPT_START=$(date +%s.%N)   # the --deadline budget counts from here, the build included

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEVICE=cuda
BUILD_DIR=
WORK=
REPORT=
WORKER=
TORCH_PREFIX=
JSON_INCLUDE=
PY=${PYTHON:-}
QUICK=
BUILD_ONLY=
DEADLINE=

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "gpu-check: error: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --device) need_value "$@"; DEVICE=$2; shift 2 ;;
    --build-dir) need_value "$@"; BUILD_DIR=$2; shift 2 ;;
    --work) need_value "$@"; WORK=$2; shift 2 ;;
    --report) need_value "$@"; REPORT=$2; shift 2 ;;
    --worker) need_value "$@"; WORKER=$2; shift 2 ;;
    --torch-prefix) need_value "$@"; TORCH_PREFIX=$2; shift 2 ;;
    --json-include) need_value "$@"; JSON_INCLUDE=$2; shift 2 ;;
    --python) need_value "$@"; PY=$2; shift 2 ;;
    --quick) QUICK=--quick; shift ;;
    --build-only) BUILD_ONLY=1; shift ;;
    --deadline) need_value "$@"; DEADLINE=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
case "$DEVICE" in cuda|cpu) ;; *) die "--device must be cuda or cpu, got $DEVICE" ;; esac
[ -z "$BUILD_ONLY" ] || [ -z "$WORKER" ] || die "--build-only and --worker exclude each other"
# The wall-clock budget of the whole check (seconds from the script's start): one GPU command is
# stopped at 600 s, so by default no step starts after 450 s on CUDA; none on the CPU. 0: none.
if [ -z "$DEADLINE" ]; then
  if [ "$DEVICE" = cuda ]; then DEADLINE=450; else DEADLINE=0; fi
fi
[[ "$DEADLINE" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--deadline must be a number of seconds (0: none), got $DEADLINE"

WORK=${WORK:-${TMPDIR:-/tmp}/sftbench-gpu-check}
WORK=$(mkdir -p "$WORK" && cd "$WORK" && pwd)
BUILD_DIR=${BUILD_DIR:-$WORK/build}
REPORT=${REPORT:-$WORK/report.json}
export PYTHONDONTWRITEBYTECODE=1

# The python. cuda: the first of --python / $PYTHON, python3 on PATH, /usr/bin/python3 whose torch
# is a CUDA build (torch.version.cuda set): its LibTorch is built against and its torch runs
# transformers, peft and the kernels on the GPU. cpu: --python / $PYTHON, else Debian's system
# python3 when it has torch, else python3 on PATH.
if [ "$DEVICE" = cuda ]; then
  tried=()
  chosen=
  for cand in "$PY" "$(command -v python3 || true)" /usr/bin/python3; do
    [ -n "$cand" ] || continue
    case " ${tried[*]-} " in *" $cand "*) continue ;; esac
    tried+=("$cand")
    if "$cand" -c 'import sys, torch; sys.exit(0 if torch.version.cuda else 1)' 2>/dev/null; then
      chosen=$cand
      break
    fi
    [ "$cand" != "$PY" ] || echo "gpu-check: $PY has no torch with CUDA (torch.version.cuda is unset); trying the next python" >&2
  done
  [ -n "$chosen" ] || die "no python with a CUDA build of torch (tried: ${tried[*]}); give --python PY"
  PY=$chosen
elif [ -z "$PY" ]; then
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    PY=/usr/bin/python3
  else
    PY=$(command -v python3 || true)
  fi
fi
[ -n "$PY" ] || die "no python3 found (give --python PY)"
"$PY" -c 'import torch' 2>/dev/null || die "$PY cannot import torch (give --python PY with torch installed)"
echo "gpu-check: --device $DEVICE, python $PY ($("$PY" -c 'import torch; print("torch", torch.__version__)'))"

# A pip torch keeps its CUDA libraries (cuDNN, cuBLAS, NCCL...) in site-packages/nvidia/*/lib; the
# worker finds them through libtorch's RPATH, and this path as well in case it does not.
if [ "$DEVICE" = cuda ]; then
  NV_LIBS=$("$PY" - <<'EOF' 2>/dev/null || true
import glob, os, torch
site = os.path.dirname(os.path.dirname(torch.__file__))
print(":".join(sorted(glob.glob(os.path.join(site, "nvidia", "*", "lib")))))
EOF
)
  [ -z "$NV_LIBS" ] || export LD_LIBRARY_PATH="$NV_LIBS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

BUILD_JSON=$WORK/build.json
if [ -z "$WORKER" ]; then
  # 0. The Qt-free worker build: Release, Ninja, only the sftbench-cli target.
  rm -f "$BUILD_JSON"
  command -v cmake >/dev/null || die "cmake not found"
  command -v ninja >/dev/null || die "ninja not found"
  cmake_args=(-S "$REPO" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSFTBENCH_GUI=OFF
              -DCMAKE_DISABLE_FIND_PACKAGE_Qt6=ON -DBUILD_TESTING=OFF -DSFTBENCH_BENCH=OFF)
  if [ "$DEVICE" = cuda ]; then
    # The CUDA toolkit (Torch's CMake needs it even though nothing is compiled for the GPU): the nvcc
    # on PATH, else in $CUDA_HOME/bin, else in /usr/local/cuda/bin.
    NVCC=$(command -v nvcc || true)
    for cand in ${CUDA_HOME:+"$CUDA_HOME/bin/nvcc"} /usr/local/cuda/bin/nvcc; do
      if [ -z "$NVCC" ] && [ -x "$cand" ]; then NVCC=$cand; fi
    done
    where=" (unset)"
    [ -z "${CUDA_HOME:-}" ] || where=" = $CUDA_HOME/bin"
    [ -n "$NVCC" ] || die "cuda mode needs the CUDA toolkit's nvcc to build the worker and found none" \
      "(looked on PATH, in \$CUDA_HOME/bin$where, in /usr/local/cuda/bin):" \
      "install the toolkit, set CUDA_HOME, or give --worker PATH"
    # Torch's CMake finds the toolkit through FindCUDA (CUDA_TOOLKIT_ROOT_DIR), then CUDAToolkit.
    cuda_root=$(dirname "$(dirname "$(readlink -f "$NVCC")")")
    PATH="$(dirname "$NVCC"):$PATH"
    export PATH CUDA_HOME=${CUDA_HOME:-$cuda_root}
    echo "gpu-check: nvcc $NVCC (CUDA toolkit $cuda_root)"
    # pip torch's CMake package (TorchConfig.cmake).
    [ -n "$TORCH_PREFIX" ] || TORCH_PREFIX=$("$PY" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')
    cmake_args+=(-DCMAKE_PREFIX_PATH="$TORCH_PREFIX" -DCMAKE_CUDA_COMPILER="$NVCC"
                 -DCUDA_TOOLKIT_ROOT_DIR="$cuda_root" -DCUDAToolkit_ROOT="$cuda_root")
    # Nothing is compiled for the GPU; naming the architecture spares Torch's CMake a device query.
    export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0}
  elif [ -n "$TORCH_PREFIX" ]; then
    cmake_args+=(-DCMAKE_PREFIX_PATH="$TORCH_PREFIX")   # cpu: Debian's LibTorch is found without one
  fi
  if [ -n "$JSON_INCLUDE" ]; then
    [ -d "$JSON_INCLUDE" ] || die "--json-include $JSON_INCLUDE is not a folder"
    cmake_args+=(-DSFTBENCH_JSON_INCLUDE_DIR="$(cd "$JSON_INCLUDE" && pwd)")
  fi
  BUILD_LOG=$WORK/build.log
  echo "gpu-check: building sftbench-cli in $BUILD_DIR (log $BUILD_LOG)"
  start=$(date +%s.%N)
  rc=0
  why=
  cmake "${cmake_args[@]}" > "$BUILD_LOG" 2>&1 || rc=$?
  # CMake's status line says whether the LibTorch found has CUDA; in cuda mode a CPU-only LibTorch
  # fails here, before minutes of compiling.
  status=$(grep -o 'SFT Workbench: .*' "$BUILD_LOG" | tail -1 || true)
  if [ "$rc" = 0 ] && [ "$DEVICE" = cuda ] && ! grep -qw 'CUDA=ON' <<<"$status"; then
    rc=3
    why="CMake's status line does not say CUDA=ON (${status:-no status line}): the LibTorch of $TORCH_PREFIX has no CUDA, or Torch's CMake did not find the toolkit"
  fi
  if [ "$rc" = 0 ]; then
    cmake --build "$BUILD_DIR" --target sftbench-cli -j "$(nproc)" >> "$BUILD_LOG" 2>&1 || rc=$?
  fi
  end=$(date +%s.%N)
  WORKER=$BUILD_DIR/app/sftbench-cli
  "$PY" - "$BUILD_JSON" "$rc" "$start" "$end" "$BUILD_DIR" "$BUILD_LOG" "$WORKER" "$why" \
      "${TORCH_PREFIX:-}" "${cmake_args[@]}" <<'EOF'
import json, re, sys
out, rc, start, end, build_dir, log, worker, why, prefix, *args = sys.argv[1:]
text = open(log, encoding="utf-8", errors="replace").read()
status = re.findall(r"SFT Workbench: .*", text)
cuda = re.search(r"\bCUDA=(\w+)", status[-1]) if status else None
record = {"ok": rc == "0", "seconds": float(end) - float(start), "end_epoch": float(end), "build_dir": build_dir,
          "worker": worker, "log": log, "cmake_prefix_path": prefix or None, "cmake_args": args,
          "cmake_status": status[-1].strip() if status else None,
          "cuda_in_build": cuda.group(1) == "ON" if cuda else None}
if rc != "0":
    record["error"] = why or "\n".join(text.strip().splitlines()[-15:])
json.dump(record, open(out, "w"), indent=2)
EOF
  if [ "$rc" != 0 ]; then
    echo "gpu-check: the build failed (exit $rc)${why:+: $why}; the end of $BUILD_LOG:" >&2
    tail -20 "$BUILD_LOG" >&2
  fi
  if [ -n "$BUILD_ONLY" ]; then
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
    if [ "$rc" != 0 ]; then
      echo "gpu-check: --build-only: the build failed after $secs s; record $BUILD_JSON" >&2
      exit 1
    fi
    echo "gpu-check: --build-only: built $WORKER in $secs s; record $BUILD_JSON"
    echo "gpu-check: check it with: $0 --device $DEVICE --work $WORK --worker $WORKER"
    exit 0
  fi
fi
[ -f "$BUILD_JSON" ] || [ -x "$WORKER" ] || die "worker $WORKER not found or not executable"

# WORK/build.json goes with the check: run_check.py keeps an earlier --build-only call's record only
# when it built this worker.
"$PY" "$REPO/bench/gpu/run_check.py" --device "$DEVICE" --worker "$WORKER" --work "$WORK" \
  --report "$REPORT" --build-json "$BUILD_JSON" --deadline "$DEADLINE" --start-time "$SCRIPT_START" $QUICK

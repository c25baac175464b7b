#!/usr/bin/env bash
# The detection benchmark in one command: builds beacon-detection-bench in release and runs it, passing
# every argument through (--seed N, --quick, --mode MODE; see README.md beside this file).
#
#   bash Benchmarks/detection/run.sh [--seed N] [--quick] [--mode MODE]...
#
# Environment: SCRATCH (default .build) is the build folder, for building beside another checkout's build.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch="${SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product beacon-detection-bench >&2
exec "$scratch/release/beacon-detection-bench" "$@"

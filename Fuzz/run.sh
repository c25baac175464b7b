#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a while, then prints per target its executions, final
# coverage (cov: edges, ft: features), corpus size and the crashes found.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      # default: 60 s, every target; FUZZ_JOBS targets at a time (2)
#
# Targets: defender-csv defender-json windows-json windows-xml zeek-tsv zeek-json kusto-result
#          triage-toml filter theme
# Everything goes under .build-fuzz/ (git-ignored): seeds/ (cut from the test fixtures on every run),
# corpus/ (what libFuzzer found, kept between runs), crashes/ (reproducers), logs/ (logs-NAME/ with
# FUZZ_RUN=NAME, to keep the logs of runs that overlap apart).
# A crash reproduces with: BEACON_FUZZ_TARGET=T .build-fuzz/release/beacon-fuzz .build-fuzz/crashes/T/crash-…
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$repo/.build-fuzz"
all_targets=(defender-csv defender-json windows-json windows-xml zeek-tsv zeek-json kusto-result triage-toml filter theme)
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
jobs="${FUZZ_JOBS:-2}"
logs="$work/logs${FUZZ_RUN:+-$FUZZ_RUN}"

for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "unknown target: $target (one of: ${all_targets[*]})" >&2; exit 64; }
done

# Optimised (FUZZ_CONFIG=debug for a slower build that runs ~10x slower too); lld, because gold fails on
# the sanitizer runtime's debug information. Only beacon-fuzz: toml-dump (for toml_differential.py) has no
# LLVMFuzzerTestOneInput and is built without the fuzzer.
config="${FUZZ_CONFIG:-release}"
swift build -c "$config" --package-path "$repo/Fuzz" --scratch-path "$work" --product beacon-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | grep -v "Cannot export local symbol" | tail -3
binary="$work/$config/beacon-fuzz"
# Into a fresh folder, then swapped in: a run already going may be reading the seeds.
rm -rf "$work/seeds.new"
python3 "$repo/Fuzz/seeds.py" "$repo" "$work/seeds.new"
rm -rf "$work/seeds.old"
[ ! -d "$work/seeds" ] || mv "$work/seeds" "$work/seeds.old"
mv "$work/seeds.new" "$work/seeds"
rm -rf "$work/seeds.old"

run_one() {
    local target="$1"
    mkdir -p "$work/corpus/$target" "$work/crashes/$target" "$logs"
    # -max_len: the seeds are under 8 KiB; -timeout: a single input taking 10 s is a hang worth a report.
    BEACON_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$binary" \
        "$work/corpus/$target" "$work/seeds/$target" \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 \
        -artifact_prefix="$work/crashes/$target/" >"$logs/$target.log" 2>&1 || true
}

running=0
for target in "${targets[@]}"; do
    run_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

printf '%-14s %12s %8s %8s %8s %8s  %s\n' target executions cov ft corpus crashes "seconds"
for target in "${targets[@]}"; do
    log="$logs/$target.log"
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    elapsed=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | awk '{print $5}' || true)
    status=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: ' | tail -1 || true)
    cov=$(grep -o 'cov: [0-9]*' <<<"$status" | awk '{print $2}')
    ft=$(grep -o 'ft: [0-9]*' <<<"$status" | awk '{print $2}')
    corpus=$(grep -o 'corp: [0-9]*' <<<"$status" | awk '{print $2}')
    crashes=$(find "$work/crashes/$target" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    printf '%-14s %12s %8s %8s %8s %8s  %s\n' "$target" "${executions:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}" \
        "$crashes" "${elapsed:-crashed, see $log}"
done

#!/usr/bin/env bash
# The DuckDB benchmark (issue 5): one command from a clean checkout.
#
#   bash Benchmarks/run.sh [--runs N] [--sizes 1m,10m] [--json-lines] [--gzip] [--no-in-process] [--console] [--100m]
#   bash Benchmarks/run.sh --gzip-folder [--runs N]
#
# 1. builds the release beacon-triage and beacon-bench;
# 2. makes a Python virtual environment (.bench-venv/, git-ignored) with DuckDB in it;
# 3. generates the data sets with `beacon-triage generate` into .bench-data/ (git-ignored), once: a set
#    is kept while the arguments that made it are unchanged;
# 4. tests the DuckDB port of the query (Benchmarks/duckdb/test_beacon_query.py);
# 5. checks that both engines report the same beacons, also with the device cap lifted on the smallest set
#    (thousands of beacons rather than the handful the full query keeps);
# 6. times both engines, N alternating runs each, and prints the table of medians with the ratio;
# 6b. with --json-lines, also a JSON lines tier: each CSV set written as Defender JSON lines (half the
#    lines in the streaming API's {"properties": ...} envelope, Benchmarks/csv_to_jsonl.py) and timed the
#    same way against DuckDB's read_json; the table prints it beside the CSV rows, per data set.
# 6c. with --gzip, a gzip tier (issue 16): each CSV set gzipped once (gzip -6, .bench-data/*.csv.gz); the
#    three inflaters Debian packages compared in-process on it (Benchmarks/inflaters/inflate_bench.c: zlib
#    and ISA-L streaming, libdeflate whole-buffer); then, alternating, libdeflate-gunzip -c and gzip -dc to
#    /dev/null, beacon-triage analyze and DuckDB on the .gz, with the ratio analyze / libdeflate-gunzip
#    (Benchmarks/time_gzip.py). Installs libdeflate-tools, libisal-dev and libdeflate-dev when missing.
# 7. times in-process (beacon-bench): the console's first frame on the demo day, and at 1M events a
#    threshold re-rank and a window change.
# 8. with --console, the console at scale (Benchmarks/time_console.py): on the 10M set (added to --sizes)
#    and the 100M one when it is there (.bench-data/events-100m.csv or /work/data/events-100m.csv), the
#    console opened in tmux against `analyze`, alternating: time to the list and peak memory, medians,
#    ratios. Needs tmux and /usr/bin/time.
#
# --gzip-folder runs only the folder tier (issue 16): a generated 3-day CSV split by hour into 72 .gz files
# (.bench-data/gzip-folder/, made once), `analyze` of the folder timed pinned to one core (taskset -c 0)
# and on every core, alternately, with DuckDB's read_csv on the same files (a glob) as reference.
#
# 9. with --100m (opt-in: 21.5 GB of disk, tens of minutes), the hundred-million-event tier (issue 16):
#    `generate --devices 3000 --hours 720 --events 100000000 --seed 7`, streamed to disk once (into
#    BENCH_100M_DIR, default .bench-data), analysed over 30 days (--start 30d, the event cap lifted past
#    Q11's 24.8 days with --max-events) by beacon-triage, which reads it in two passes since one would not
#    fit, and by DuckDB, alternating, --runs rounds; medians, ratio and the same-beacons check.
#
# Environment: DUCKDB_VERSION (default below) pins the DuckDB release so figures stay comparable.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
sizes=1m,10m
in_process=1
json_lines=0
hundred_million=0
gzip_folder=0
gzip_tier=0
console=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --no-in-process) in_process=0; shift ;;
        --json-lines) json_lines=1; shift ;;
        --gzip-folder) gzip_folder=1; shift ;;
        --gzip) gzip_tier=1; shift ;;
        --console) console=1; shift ;;
        --100m) hundred_million=1; shift ;;
        *) echo "usage: bash Benchmarks/run.sh [--runs N] [--sizes 1m,2m,10m] [--json-lines] [--gzip] [--no-in-process] [--console] [--100m] [--gzip-folder]" >&2; exit 2 ;;
    esac
done
# The console tier needs the 10M set.
if [ "$console" = 1 ]; then
    case ",$sizes," in *,10m,*) ;; *) sizes="$sizes,10m" ;; esac
fi
duckdb_version="${DUCKDB_VERSION:-2.0.1}"
data=.bench-data
venv=.bench-venv
# The generator's window: its data ends at --end (default 2026-11-20T00:00:00Z); now() one second later
# makes the query's default window [now-1d, now-1s] cover the last day exactly, for both engines.
now=2026-11-20T00:00:01Z

step() { printf '\n== %s\n' "$*" >&2; }

step "building the release binaries"
swift build -c release --product beacon-triage >&2
# The folder tier times the CLI only.
[ "$gzip_folder" = 1 ] || swift build -c release --product beacon-bench >&2
cli=.build/release/beacon-triage

step "DuckDB $duckdb_version in $venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$duckdb_version')" 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "duckdb==$duckdb_version"
fi
py="$venv/bin/python"

# generate NAME MIN_BYTES MAX_BYTES ARGS...: the data set NAME, made again only when ARGS changed.
generate() {
    local name="$1" min_bytes="$2" max_bytes="$3"
    shift 3
    local file="$data/events-$name.csv"
    mkdir -p "$data"
    if [ -f "$file" ] && [ "$(cat "$file.args" 2>/dev/null)" = "$*" ]; then
        echo "$file: cached" >&2
    else
        step "generating $file ($*)"
        rm -f "$file" "$file.args"
        "$cli" generate "$@" --out "$data/partial-$name.csv" >&2
        mv "$data/partial-$name.csv" "$file"
        mv "$data/partial-$name.truth.json" "$data/events-$name.truth.json"
        echo "$*" > "$file.args"
    fi
    local bytes
    bytes=$(stat -c %s "$file")
    if [ "$bytes" -lt "$min_bytes" ] || [ "$bytes" -gt "$max_bytes" ]; then
        echo "$file is $bytes bytes, expected $min_bytes..$max_bytes: the generator changed; delete $data and rerun" >&2
        exit 1
    fi
}

if [ "$gzip_folder" = 1 ]; then
    # Zeek conn logs are the issue's example, but the generator writes DeviceNetworkEvents only: the
    # rotation is made by splitting its 3-day CSV by hour (Benchmarks/split_by_hour.py).
    generate 3d 380000000 500000000 --devices 1000 --hours 72 --events 2000000 --seed 7
    folder="$data/gzip-folder"
    if [ ! -f "$folder/.made-from" ] || [ "$(cat "$folder/.made-from")" != "$(cat "$data/events-3d.csv.args")" ]; then
        step "splitting $data/events-3d.csv by hour into $folder"
        rm -rf "$folder"
        python3 Benchmarks/split_by_hour.py "$data/events-3d.csv" "$folder"
        cp "$data/events-3d.csv.args" "$folder/.made-from"
    fi
    step "timing analyze of $folder: one core and every core, $runs rounds (nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg))"
    python3 Benchmarks/time_folder.py --cli "$cli" --duckdb-python "$py" --now "$now" --runs "$runs" \
        --out-dir "$data/out" "$folder"
    exit
fi

step "data sets"
files=()
for size in ${sizes//,/ }; do
    case "$size" in
        1m) generate 1m 150000000 250000000 --devices 1000 --events 1000000 --seed 7 ;;
        2m) generate 2m 300000000 500000000 --devices 1000 --events 2000000 --seed 7 ;;
        10m) generate 10m 1800000000 2100000000 --devices 2000 --events 10000000 --seed 7 ;;
        *) echo "unknown size $size (1m, 2m or 10m)" >&2; exit 2 ;;
    esac
    files+=("$data/events-$size.csv")
    if [ "$json_lines" = 1 ]; then
        jsonl="$data/events-$size.jsonl"
        if [ ! -f "$jsonl" ] || [ "$jsonl" -ot "$data/events-$size.csv" ]; then
            step "writing $jsonl"
            python3 Benchmarks/csv_to_jsonl.py "$data/events-$size.csv" "$jsonl.partial"
            mv "$jsonl.partial" "$jsonl"
        fi
        files+=("$jsonl")
    fi
done

step "testing the DuckDB port"
mkdir -p "$data/out"
if ! "$py" -m unittest discover -s Benchmarks/duckdb -p 'test_*.py' > "$data/out/port-tests.log" 2>&1; then
    cat "$data/out/port-tests.log" >&2
    exit 1
fi
tail -n 3 "$data/out/port-tests.log" >&2

step "checking that both engines report the same beacons (device cap lifted, ${files[0]})"
wide=(--device-count-max 1000000)
"$cli" analyze "${files[0]}" --now "$now" --format jsonl "${wide[@]}" > "$data/out/wide.beacon-triage.jsonl" 2>/dev/null
"$py" Benchmarks/duckdb/run_query.py "${files[0]}" --now "$now" "${wide[@]}" --out "$data/out/wide.duckdb.jsonl"
python3 Benchmarks/compare_beacons.py "$data/out/wide.beacon-triage.jsonl" "$data/out/wide.duckdb.jsonl" >&2

step "timing beacon-triage and DuckDB, $runs alternating runs each (nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 Benchmarks/time_engines.py --cli "$cli" --duckdb-python "$py" --now "$now" --runs "$runs" \
    --out-dir "$data/out" "${files[@]}"

if [ "$gzip_tier" = 1 ]; then
    step "gzip tier: the tools it needs"
    tools=()
    command -v libdeflate-gunzip >/dev/null || tools+=(libdeflate-tools)
    [ -f /usr/include/libdeflate.h ] || tools+=(libdeflate-dev)
    [ -f /usr/include/isa-l/igzip_lib.h ] || tools+=(libisal-dev)
    if [ ${#tools[@]} -gt 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >&2
        apt-get install -y -q "${tools[@]}" >&2
    fi
    cc -O2 -o "$data/inflate_bench" Benchmarks/inflaters/inflate_bench.c -lz -lisal -ldeflate
    gz_files=()
    for file in "${files[@]}"; do
        case "$file" in *.csv) ;; *) continue ;; esac
        if [ ! -f "$file.gz" ] || [ "$file.gz" -ot "$file" ]; then
            step "gzip -6 $file"
            gzip -6 -c "$file" > "$file.gz.partial"
            mv "$file.gz.partial" "$file.gz"
        fi
        gz_files+=("$file.gz")
        step "the inflaters in-process on $file.gz, $runs alternating runs each"
        "$data/inflate_bench" "$file.gz" "$runs"
    done
    step "timing analyze on .gz against libdeflate-gunzip, gzip and DuckDB, $runs rounds (nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg))"
    python3 Benchmarks/time_gzip.py --cli "$cli" --duckdb-python "$py" --now "$now" --runs "$runs" \
        --out-dir "$data/out" "${gz_files[@]}"
fi

if [ "$in_process" = 1 ]; then
    step "in-process timings (beacon-bench)"
    scale=()
    for file in "${files[@]}"; do
        case "$file" in *events-1m.csv) scale=("$file") ;; esac
    done
    .build/release/beacon-bench "${scale[@]}"
fi

if [ "$hundred_million" = 1 ]; then
    # generate writes under $data; BENCH_100M_DIR lets the 21.5 GB live on a larger disk.
    data_before="$data"
    data="${BENCH_100M_DIR:-$data}"
    generate 100m 20000000000 23000000000 --devices 3000 --hours 720 --events 100000000 --seed 7
    step "the 100M tier: 30 days, two passes against DuckDB, $runs alternating runs each (load $(cut -d' ' -f1-3 /proc/loadavg))"
    python3 Benchmarks/time_engines.py --cli "$cli" --duckdb-python "$py" --now "$now" --runs "$runs" \
        --out-dir "$data_before/out" --query-args "--start 30d --max-events 1000000000" --cli-args "--passes 2" \
        "$data/events-100m.csv"
    data="$data_before"
fi

if [ "$console" = 1 ]; then
    step "the console at scale: time to the list and peak memory against analyze (load $(cut -d' ' -f1-3 /proc/loadavg))"
    for tool in tmux /usr/bin/time; do
        command -v "$tool" >/dev/null || { echo "the console tier needs $tool (apt-get install -y ${tool##*/})" >&2; exit 1; }
    done
    console_files=("$data/events-10m.csv")
    for big in "$data/events-100m.csv" /work/data/events-100m.csv; do
        if [ -f "$big" ]; then console_files+=("$big"); break; fi
    done
    python3 Benchmarks/time_console.py --cli "$cli" --now "$now" --runs "$runs" --out-dir "$data/out" "${console_files[@]}"
fi

"""Times `beacon-triage analyze` of a folder on one core and on every core, with DuckDB on the same files.

    python3 time_folder.py --cli .build/release/beacon-triage --duckdb-python .bench-venv/bin/python \\
        --now 2026-11-20T00:00:01Z --runs 5 --out-dir .bench-data/out FOLDER

Four commands run in turn, --runs rounds (the order turned by one each round, so none always finds the
caches another warmed): beacon-triage pinned to CPU 0 (`taskset -c 0`) and free on every CPU, and DuckDB
(read_csv on FOLDER/*.csv.gz) likewise. Each run is measured as in time_engines.py. Printed: the medians,
each engine's speed-up (one core / every core) and beacon-triage / DuckDB on every core; then the
beacons of both engines are compared.
"""

import argparse
import os
import pathlib
import statistics
import sys

import compare_beacons
from time_engines import HERE, measure


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--duckdb-python", required=True)
    parser.add_argument("--now", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out-dir", type=pathlib.Path, required=True)
    arguments = parser.parse_args(argv)
    arguments.out_dir.mkdir(parents=True, exist_ok=True)

    cli_out = arguments.out_dir / "gzip-folder.beacon-triage.jsonl"
    duckdb_out = arguments.out_dir / "gzip-folder.duckdb.jsonl"
    cli = [arguments.cli, "analyze", str(arguments.folder), "--now", arguments.now, "--format", "jsonl"]
    duckdb = [arguments.duckdb_python, str(HERE / "duckdb" / "run_query.py"), str(arguments.folder / "*.csv.gz"),
              "--now", arguments.now, "--out", str(duckdb_out)]
    pinned = ["taskset", "-c", "0"]
    commands = {
        "beacon-triage, 1 core": (pinned + cli, cli_out),
        "beacon-triage, all cores": (cli, cli_out),
        "DuckDB, 1 core": (pinned + duckdb, arguments.out_dir / "gzip-folder.duckdb.stdout"),
        "DuckDB, all cores": (duckdb, arguments.out_dir / "gzip-folder.duckdb.stdout"),
    }
    names = list(commands)
    figures = {name: [] for name in names}
    for round_number in range(arguments.runs):
        turn = round_number % len(names)
        for name in names[turn:] + names[:turn]:
            command, stdout = commands[name]
            figures[name].append(measure(command, stdout))
            wall, cpu, rss = figures[name][-1]
            print(f"round {round_number + 1}: {name}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB",
                  file=sys.stderr)

    files = sorted(arguments.folder.glob("*.csv.gz"))
    size = sum(file.stat().st_size for file in files) / 1e6
    print(f"\n{len(files)} gzip files, {size:.0f} MB, {os.cpu_count()} CPUs; medians of {arguments.runs} runs\n")
    print("| engine | wall (s) | CPU user+sys (s) | peak RSS (MB) |")
    print("|---|---:|---:|---:|")
    median = {}
    for name in names:
        median[name] = [statistics.median(run[i] for run in figures[name]) for i in range(3)]
        wall, cpu, rss = median[name]
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
    for engine in ["beacon-triage", "DuckDB"]:
        speedup = median[f"{engine}, 1 core"][0] / median[f"{engine}, all cores"][0]
        # Each round's own ratio too: the two runs of a round are seconds apart, so a load other work puts on
        # the machine for a while weighs on both alike.
        per_round = statistics.median(one[0] / every[0] for one, every
                                      in zip(figures[f"{engine}, 1 core"], figures[f"{engine}, all cores"]))
        print(f"\n{engine}: speed-up on all cores {speedup:.2f}x (one core / all cores, median wall); "
              f"median of the rounds' ratios {per_round:.2f}x")
    ratio = median["beacon-triage, all cores"][0] / median["DuckDB, all cores"][0]
    print(f"beacon-triage / DuckDB, all cores: {ratio:.2f} (below 1: beacon-triage is faster)")
    return compare_beacons.main([str(cli_out), str(duckdb_out)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

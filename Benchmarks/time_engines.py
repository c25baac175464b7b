"""Times beacon-triage against the DuckDB port on the same files: wall time, CPU time, peak memory.

    python3 time_engines.py --cli .build/release/beacon-triage --duckdb-python .bench-venv/bin/python \\
        --now 2026-11-20T00:00:01Z --runs 3 --out-dir .bench-data/out .bench-data/events-1m.csv ...

For every file, the two engines run alternately (beacon-triage first in even rounds, DuckDB first in odd
ones, so neither always finds the caches the other warmed), --runs rounds. Each run is one child process
measured by the kernel: wall time around it, user + system CPU and peak resident set size from wait4()'s
rusage of that child. The table shows the medians and the ratio beacon-triage / DuckDB (below 1: the
engine is faster or smaller). After the timings, the last outputs of both are compared (compare_beacons.py).
The table is Markdown, ready for the README.
"""

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

import compare_beacons

HERE = pathlib.Path(__file__).resolve().parent


def measure(command, stdout_path):
    """(wall s, user + sys CPU s, peak RSS MB) of one run of `command`; stdout to a file, stderr kept."""
    with open(stdout_path, "wb") as stdout, open(str(stdout_path) + ".err", "wb") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        message = pathlib.Path(str(stdout_path) + ".err").read_text(errors="replace")[-2000:]
        raise SystemExit(f"{command[0]} failed (exit {child.returncode}):\n{message}")
    # Linux reports ru_maxrss in kilobytes.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def engine_commands(arguments, data, out_dir, stem):
    """The two commands, analysing the same window of the same file with the query's defaults."""
    cli_out = out_dir / f"{stem}.beacon-triage.jsonl"
    duckdb_out = out_dir / f"{stem}.duckdb.jsonl"
    query = arguments.query_args.split()
    cli = [arguments.cli, "analyze", str(data), "--now", arguments.now, "--format", "jsonl"] + query + arguments.cli_args.split()
    duckdb = [arguments.duckdb_python, str(HERE / "duckdb" / "run_query.py"), str(data), "--now", arguments.now,
              "--out", str(duckdb_out)] + query + (["--json-lines"] if data.suffix == ".jsonl" else [])
    # run_query.py writes its own file; its stdout is empty.
    return {"beacon-triage": (cli, cli_out), "DuckDB": (duckdb, out_dir / f"{stem}.duckdb.stdout")}, cli_out, duckdb_out


def duckdb_version(python):
    return subprocess.run([python, "-c", "import duckdb; print(duckdb.__version__)"], check=True,
                          capture_output=True, text=True).stdout.strip()


def parse_arguments(argv, description):
    """The files, the binary, DuckDB's python, now(), the rounds and the output folder (made)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    parser.add_argument("--cli", required=True, help="the release beacon-triage binary")
    parser.add_argument("--duckdb-python", required=True, help="a python with duckdb installed")
    parser.add_argument("--now", required=True, help="now() for both engines, ISO 8601 UTC")
    parser.add_argument("--runs", type=int, default=3, help="alternating rounds; the table shows medians (3)")
    parser.add_argument("--out-dir", type=pathlib.Path, required=True)
    parser.add_argument("--query-args", default="", help="query options both engines take, e.g. '--start 30d --max-events 1000000000'")
    parser.add_argument("--cli-args", default="", help="options for beacon-triage only, e.g. '--passes 2'")
    arguments = parser.parse_args(argv)
    arguments.out_dir.mkdir(parents=True, exist_ok=True)
    return arguments


def timed_rounds(commands, runs, stem):
    """name -> [(wall, CPU, RSS)] over `runs` rounds of every command, the order rotated each round so that
    none always runs first (with two commands: the second first in odd rounds)."""
    names = list(commands)
    samples = {name: [] for name in names}
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            command, stdout_path = commands[name]
            samples[name].append(measure(command, stdout_path))
            wall, cpu, rss = samples[name][-1]
            label = " ".join(name) if isinstance(name, tuple) else f"{stem} {name}".strip()
            print(f"  round {round_number + 1}/{runs} {label}: wall {wall:.2f} s, "
                  f"CPU {cpu:.2f} s, peak RSS {rss:.0f} MB", file=sys.stderr, flush=True)
    return samples


def main(argv):
    arguments = parse_arguments(argv, __doc__.split("\n\n")[0])

    version = duckdb_version(arguments.duckdb_python)
    lines = ["| data set | engine | wall (s) | CPU user+sys (s) | peak RSS (MB) |", "|---|---|---:|---:|---:|"]
    failed = False
    per_event = []
    # Every command of every file takes part in each round, in alternating order, so that a JSON lines
    # file and the CSV it was written from meet the same load and their per-event ratio is fair.
    plans = []
    for data in arguments.files:
        stem = data.name.removesuffix(".csv").replace(".jsonl", "-jsonl")
        commands, cli_out, duckdb_out = engine_commands(arguments, data, arguments.out_dir, stem)
        plans.append((data, stem, commands, cli_out, duckdb_out))
    every_command = {(stem, name): command for _, stem, commands, _, _ in plans for name, command in commands.items()}
    samples = timed_rounds(every_command, arguments.runs, "")
    medians = {key: [statistics.median(s[i] for s in values) for i in range(3)] for key, values in samples.items()}
    for data, stem, commands, cli_out, duckdb_out in plans:
        size = f"{data.stat().st_size / 1e9:.2f} GB" if data.stat().st_size >= 1e9 else f"{data.stat().st_size / 1e6:.0f} MB"
        label = f"{stem} ({size} {'JSON lines' if data.suffix == '.jsonl' else 'CSV'})"
        for name in commands:
            wall, cpu, rss = medians[(stem, name)]
            engine = name if name != "DuckDB" else f"DuckDB {version}"
            lines.append(f"| {label} | {engine} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
            label = ""
        ratio = [a / b for a, b in zip(medians[(stem, "beacon-triage")], medians[(stem, "DuckDB")])]
        lines.append(f"| | **ratio beacon-triage / DuckDB** | **{ratio[0]:.2f}** | **{ratio[1]:.2f}** | **{ratio[2]:.2f}** |")
        problems, summary = compare_beacons.compare(compare_beacons.read_rows(cli_out),
                                                    compare_beacons.read_rows(duckdb_out), 1e-6)
        print(f"  {stem}: " + ("same beacons: " if not problems else "DIFFERENT: ") + summary, file=sys.stderr)
        failed |= bool(problems)
    # A JSON lines file holds the same events as the CSV it was written from (Benchmarks/csv_to_jsonl.py),
    # so the ratio of their times is the ratio per event (issue 17: at most 2 for beacon-triage).
    for data, stem, commands, _, _ in plans:
        csv_stem = stem.removesuffix("-jsonl")
        if data.suffix != ".jsonl" or (csv_stem, "beacon-triage") not in medians:
            continue
        for name in commands:
            json_wall, json_cpu, _ = medians[(stem, name)]
            csv_wall, csv_cpu, _ = medians[(csv_stem, name)]
            per_event.append(f"| {csv_stem} | {name} | {json_wall / csv_wall:.2f} | {json_cpu / csv_cpu:.2f} |")
    startup = [measure([arguments.duckdb_python, "-c", "import duckdb; duckdb.connect()"],
                       arguments.out_dir / "startup.stdout") for _ in range(arguments.runs)]
    startup_wall, startup_cpu, startup_rss = (statistics.median(s[i] for s in startup) for i in range(3))
    print(f"\nMedians of {arguments.runs} alternating runs per engine; CPU is user + system time of the process.")
    print("\n".join(lines))
    if per_event:
        print("\nJSON lines against CSV, per event (the same events; medians of the same run):\n")
        print("| data set | engine | wall JSON lines / CSV | CPU JSON lines / CSV |\n|---|---|---:|---:|")
        print("\n".join(per_event))
    print(f"\nDuckDB's figures include starting Python and importing duckdb: alone, {startup_wall:.2f} s wall, "
          f"{startup_cpu:.2f} s CPU, {startup_rss:.0f} MB.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

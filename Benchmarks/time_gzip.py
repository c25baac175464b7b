"""Times `beacon-triage analyze FILE.gz` against decompressing the same file alone, and DuckDB on it.

    python3 time_gzip.py --cli .build/release/beacon-triage --duckdb-python .bench-venv/bin/python \\
        --now 2026-11-20T00:00:01Z --runs 3 --out-dir .bench-data/out .bench-data/events-10m.csv.gz ...

Issue 16 asks that analysing a .gz take at most 1.2 times what the fastest inflater Debian packages
(libdeflate-gunzip, from libdeflate-tools) takes to decompress it to /dev/null. So, per file, four commands
run in turn, --runs rounds, the order rotated each round so that none always finds the caches another
warmed: libdeflate-gunzip -c, gzip -dc (both to /dev/null), beacon-triage analyze, and the DuckDB port of
the query reading the .gz itself (the paired reference of Benchmarks/run.sh). Each is measured as in
time_engines.py (wall time, user + system CPU, peak RSS of the child). The table shows medians and the
ratios analyze / libdeflate-gunzip and analyze / DuckDB; then both engines' beacons are compared.
"""

import statistics
import sys

import compare_beacons
from time_engines import HERE, duckdb_version, parse_arguments, timed_rounds


def commands(arguments, data, out_dir, stem):
    """name -> (command, stdout file); the decompressors' content goes to /dev/null, not to a file."""
    def to_null(*tool):
        return ["sh", "-c", 'exec "$@" > /dev/null', "sh", *tool, str(data)]
    cli_out = out_dir / f"{stem}.beacon-triage.jsonl"
    duckdb_out = out_dir / f"{stem}.duckdb.jsonl"
    return {
        "libdeflate-gunzip -c": (to_null("libdeflate-gunzip", "-c"), out_dir / f"{stem}.libdeflate.stdout"),
        "gzip -dc": (to_null("gzip", "-dc"), out_dir / f"{stem}.gzip.stdout"),
        "beacon-triage analyze": ([arguments.cli, "analyze", str(data), "--now", arguments.now, "--format", "jsonl"],
                                  cli_out),
        "DuckDB": ([arguments.duckdb_python, str(HERE / "duckdb" / "run_query.py"), str(data), "--now", arguments.now,
                    "--out", str(duckdb_out)], out_dir / f"{stem}.duckdb.stdout"),
    }, cli_out, duckdb_out


def main(argv):
    arguments = parse_arguments(argv, __doc__.split("\n\n")[0])

    version = duckdb_version(arguments.duckdb_python)
    lines = ["| data set | command | wall (s) | CPU user+sys (s) | peak RSS (MB) |", "|---|---|---:|---:|---:|"]
    failed = False
    for data in arguments.files:
        stem = data.name.removesuffix(".gz").removesuffix(".csv") + "-gz"
        runs, cli_out, duckdb_out = commands(arguments, data, arguments.out_dir, stem)
        samples = timed_rounds(runs, arguments.runs, stem)
        medians = {name: [statistics.median(s[i] for s in samples[name]) for i in range(3)] for name in runs}
        label = f"{stem} ({data.stat().st_size / 1e6:.0f} MB gzip)"
        for name, (wall, cpu, rss) in medians.items():
            shown = name if name != "DuckDB" else f"DuckDB {version}"
            lines.append(f"| {label} | {shown} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
            label = ""
        for reference in ["libdeflate-gunzip -c", "DuckDB"]:
            ratio = [a / b for a, b in zip(medians["beacon-triage analyze"], medians[reference])]
            lines.append(f"| | **ratio analyze / {reference}** | **{ratio[0]:.2f}** | **{ratio[1]:.2f}** | "
                         f"**{ratio[2]:.2f}** |")
        problems, summary = compare_beacons.compare(compare_beacons.read_rows(cli_out),
                                                    compare_beacons.read_rows(duckdb_out), 1e-6)
        print(f"  {stem}: " + ("same beacons: " if not problems else "DIFFERENT: ") + summary, file=sys.stderr)
        failed |= bool(problems)
    print(f"\nMedians of {arguments.runs} rounds, the order rotated each round; CPU is user + system time.")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

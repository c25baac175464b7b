"""Checks that beacon-triage and the DuckDB port report the same beacons with the same statistics.

    python3 compare_beacons.py ENGINE.jsonl DUCKDB.jsonl [--tolerance 1e-6]

Both files are JSON lines with the query's output columns under their KQL names (`beacon-triage analyze
--format jsonl` and `duckdb/run_query.py`). Beacons are matched on the seven group keys. Per beacon:

* exact: dcount_DeviceId, count_, min/max_Timestamp, Duration, the five percentiles, TimeDeltaList,
  TimeDeltaInSeconds_min/_min_index/_max/_max_index, Timestamp, and Domains as a set (its order is
  undefined in Kusto, Q16);
* within a relative tolerance (default 1e-6): TimeDeltaInSeconds_avg/_stdev/_variance, Jitter,
  BeaconSleepMin/Max. The port's variance is the exact value from integer sums; Kusto's and the
  engine's running arithmetic differ from it in the last digits (spec S3), so these are never compared
  bit for bit.

The row order (Jitter asc, then avg) is reported but not required: two beacons whose Jitter differs only
in the last digits may swap. Exit status 0 when they agree, 1 when not; a summary line either way.
"""

import argparse
import json
import math
import sys

KEYS = ("DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
        "InitiatingProcessFileName", "RemoteIP", "RemotePort")
EXACT = ("dcount_DeviceId", "count_", "min_Timestamp", "max_Timestamp", "Duration",
         "percentile_TimeDeltaInSeconds_5", "percentile_TimeDeltaInSeconds_25", "percentile_TimeDeltaInSeconds_50",
         "percentile_TimeDeltaInSeconds_75", "percentile_TimeDeltaInSeconds_95", "TimeDeltaList",
         "TimeDeltaInSeconds_min", "TimeDeltaInSeconds_min_index", "TimeDeltaInSeconds_max",
         "TimeDeltaInSeconds_max_index", "Timestamp")
APPROXIMATE = ("TimeDeltaInSeconds_avg", "TimeDeltaInSeconds_stdev", "TimeDeltaInSeconds_variance", "Jitter",
               "BeaconSleepMin", "BeaconSleepMax")
SHOWN_DIFFERENCES = 10


def read_rows(path):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def key_of(row):
    return tuple(row[k] for k in KEYS)


def close(a, b, tolerance):
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=tolerance)


def differences(engine, duckdb, tolerance):
    """Messages for the fields of one beacon that disagree."""
    found = []
    for field in EXACT:
        if engine.get(field) != duckdb.get(field):
            found.append(f"{field}: engine {engine.get(field)!r}, duckdb {duckdb.get(field)!r}")
    for field in APPROXIMATE:
        if not close(engine.get(field), duckdb.get(field), tolerance):
            found.append(f"{field}: engine {engine.get(field)!r}, duckdb {duckdb.get(field)!r}")
    if set(engine.get("Domains") or []) != set(duckdb.get("Domains") or []):
        found.append(f"Domains: engine {engine.get('Domains')!r}, duckdb {duckdb.get('Domains')!r}")
    return found


def compare(engine_rows, duckdb_rows, tolerance):
    """(problems, summary): problems is a list of messages, empty when the outputs agree."""
    engine = {key_of(r): r for r in engine_rows}
    duckdb = {key_of(r): r for r in duckdb_rows}
    problems = []
    if len(engine) != len(engine_rows) or len(duckdb) != len(duckdb_rows):
        problems.append("a beacon is reported twice")
    for key in sorted(engine.keys() - duckdb.keys(), key=repr):
        problems.append(f"only beacon-triage reports {key}")
    for key in sorted(duckdb.keys() - engine.keys(), key=repr):
        problems.append(f"only DuckDB reports {key}")
    largest = 0.0
    for key in sorted(engine.keys() & duckdb.keys(), key=repr):
        for message in differences(engine[key], duckdb[key], tolerance):
            problems.append(f"{key}: {message}")
        for field in APPROXIMATE:
            a, b = engine[key].get(field), duckdb[key].get(field)
            if a is not None and b is not None and a != b:
                largest = max(largest, abs(a - b) / max(abs(a), abs(b)))
    same_order = [key_of(r) for r in engine_rows] == [key_of(r) for r in duckdb_rows]
    summary = (f"{len(engine)} beacons from beacon-triage, {len(duckdb)} from DuckDB; "
               f"largest relative difference in the floating-point statistics {largest:.1e}; "
               f"row order {'identical' if same_order else 'differs (ties within rounding)'}")
    return problems, summary


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", help="beacon-triage analyze --format jsonl output")
    parser.add_argument("duckdb", help="duckdb/run_query.py output")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    arguments = parser.parse_args(argv)
    problems, summary = compare(read_rows(arguments.engine), read_rows(arguments.duckdb), arguments.tolerance)
    for problem in problems[:SHOWN_DIFFERENCES]:
        print(f"  DIFFERENT {problem}")
    if len(problems) > SHOWN_DIFFERENCES:
        print(f"  ... and {len(problems) - SHOWN_DIFFERENCES} more differences")
    print(("same beacons: " if not problems else "DIFFERENT: ") + summary)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

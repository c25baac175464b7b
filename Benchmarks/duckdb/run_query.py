"""Runs the DuckDB port of the beacon query (beacon_query.sql) on one CSV and writes its rows as JSON lines.

This process is what the benchmark times against `beacon-triage analyze`: read the file, run the
query, write the result. Its options mirror the CLI's, so both engines analyse the same window:

    python run_query.py events.csv --now 2026-11-20T00:00:01Z --out beacons.jsonl

Spans are the CLI's (`1d`, `12h`, `90m`, `30s`, `500ms`); --now is ISO 8601 UTC with up to 7 fractional
digits and `Z`, kept to the 100 ns tick.
"""

import argparse
import pathlib
import re
import sys

import duckdb

QUERY = pathlib.Path(__file__).with_name("beacon_query.sql")
TICKS_PER_SECOND = 10_000_000
SPAN_UNITS = {"d": 86_400 * TICKS_PER_SECOND, "h": 3_600 * TICKS_PER_SECOND, "m": 60 * TICKS_PER_SECOND,
              "s": TICKS_PER_SECOND, "ms": 10_000}
DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]


def span_ticks(text: str) -> int:
    """A CLI span (`1d`, `12h`, `90m`, `30s`, `500ms`, or a sum such as `1d12h`) in 100 ns ticks."""
    parts = re.findall(r"(\d+)(ms|d|h|m|s)", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise argparse.ArgumentTypeError(f"not a span: {text!r} (use 1d, 12h, 90m, 30s, 500ms)")
    return sum(int(n) * SPAN_UNITS[u] for n, u in parts)


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date."""
    years = year - 1
    leap_days = years // 4 - years // 100 + years // 400
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    day_of_year = DAYS_BEFORE_MONTH[month - 1] + (1 if leap and month > 2 else 0) + day - 1
    return years * 365 + leap_days + day_of_year - 719_162


def instant_ticks(text: str) -> int:
    """An ISO 8601 UTC instant (`2026-11-20T00:00:01Z`, up to 7 fractional digits) in ticks since 1970."""
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?Z", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 UTC time: {text!r}")
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction = int((match.group(7) or "").ljust(7, "0"))
    seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second
    return seconds * TICKS_PER_SECOND + fraction


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="DeviceNetworkEvents CSV")
    parser.add_argument("--now", type=instant_ticks, required=True, help="now() of the query, ISO 8601 UTC")
    parser.add_argument("--start", type=span_ticks, default=span_ticks("1d"), help="starttime span (1d)")
    parser.add_argument("--end", type=span_ticks, default=span_ticks("1s"), help="endtime span (1s)")
    parser.add_argument("--min-events", type=int, default=15)
    parser.add_argument("--max-events", type=int, default=None,
                        help="TotalEventsThresholdMax instead of the one derived from the window (past 24.8 days it overflows, Q11)")
    parser.add_argument("--jitter", type=float, default=50)
    parser.add_argument("--outlier-max", type=float, default=2)
    parser.add_argument("--outlier-count-max", type=int, default=3)
    parser.add_argument("--device-count-max", type=int, default=10)
    parser.add_argument("--json-lines", action="store_true",
                        help="the input is Defender JSON lines (bare or {\"properties\": ...}), read with read_json")
    parser.add_argument("--out", required=True, help="JSON lines output, one beacon a line, in the query's order")
    return parser.parse_args(argv)


def prepare(connection, arguments) -> None:
    """Sets the query's inputs as DuckDB variables and defines its macros and the `beacons` view."""
    variables = {
        "input": arguments.input, "now_ticks": arguments.now, "start_ticks": arguments.start,
        "end_ticks": arguments.end, "min_events": arguments.min_events,
        "max_events": arguments.max_events, "jitter": arguments.jitter,
        "outlier_max": arguments.outlier_max, "outlier_count_max": arguments.outlier_count_max,
        "device_count_max": arguments.device_count_max,
    }
    for name, value in variables.items():
        connection.execute(f"SET VARIABLE {name} = ?", [value])
    query = QUERY.read_text()
    if arguments.json_lines:
        query = json_lines_query(query)
    connection.execute(query)


COLUMNS = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl",
           "RemoteIPType", "InitiatingProcessFileName", "InitiatingProcessAccountName",
           "InitiatingProcessAccountDomain"]


def json_lines_query(query: str) -> str:
    """The query reading JSON lines with read_json: each column from `properties` when the line is the
    streaming API's envelope, else from the line itself."""
    start = query.index("FROM read_csv(")
    end = query.index("});", start) + len("})")
    types = {name: "VARCHAR" for name in COLUMNS}
    types["RemotePort"] = "INTEGER"
    struct = ", ".join(f'"{name}" {kind}' for name, kind in types.items())
    declared = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
    picked = ", ".join(
        f'coalesce(properties."{name}", "{name}")' + ("::TIMESTAMP_NS" if name == "Timestamp" else "") + f' AS "{name}"'
        for name in COLUMNS)
    source = (f"FROM (SELECT {picked} FROM read_json(getvariable('input'), format = 'newline_delimited', "
              f"columns = {{{declared}, 'properties': 'STRUCT({struct})'}}))")
    return query[:start] + source + query[end:]


def main(argv) -> int:
    arguments = parse_arguments(argv)
    connection = duckdb.connect()
    # Timestamps are written from integer ticks, never through the session's time zone; pin it anyway.
    connection.execute("SET TimeZone = 'UTC'")
    prepare(connection, arguments)
    out = arguments.out.replace("'", "''")
    connection.execute(f"COPY (SELECT * FROM beacons) TO '{out}' (FORMAT json)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

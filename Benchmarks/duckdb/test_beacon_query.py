"""Tests of the DuckDB port (beacon_query.sql) on values worked out by hand from the spec.

Run with the benchmark's virtual environment (run.sh does, before timing anything):

    .bench-venv/bin/python -m unittest discover -s Benchmarks/duckdb -p 'test_*.py'

The function examples are the spec's own worked examples (shared/spec/kql-semantics.md S1-S8); the
end-to-end case is a small hand-made CSV whose every expected number is derived in the comments.
"""

import csv
import datetime
import json
import pathlib
import tempfile
import unittest

import duckdb

import run_query

HEADER = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl",
          "RemoteIPType", "InitiatingProcessFileName", "InitiatingProcessAccountName",
          "InitiatingProcessAccountDomain"]
NOW = "2026-11-20T00:00:01Z"
# The window is [now - 1d, now - 1s] = [2026-11-19T00:00:01Z, 2026-11-20T00:00:00Z].
WINDOW_START = run_query.instant_ticks("2026-11-19T00:00:01Z")
SECOND = 10_000_000


def iso(ticks: int) -> str:
    """Ticks since 1970 as the generator writes them (7 fractional digits, Z)."""
    seconds, fraction = divmod(ticks, SECOND)
    instant = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds)
    return f"{instant:%Y-%m-%dT%H:%M:%S}.{fraction:07}Z"


def event(ticks, device="dev-1", ip="198.51.100.10", port="443", url="", action="ConnectionSuccess",
          ip_type="Public", process="beacon.exe"):
    return [iso(ticks), device, f"{device}.corp", action, ip, port, url, ip_type, process, "alice", "corp"]


def series(start_ticks, deltas_in_seconds, **fields):
    """Events at start, start + d0, start + d0 + d1, ... (so n + 1 events for n deltas)."""
    rows, ticks = [event(start_ticks, **fields)], start_ticks
    for delta in deltas_in_seconds:
        ticks += delta * SECOND
        rows.append(event(ticks, **fields))
    return rows


def run_port(rows, **options):
    """Writes the rows as CSV, runs the port, returns its output rows keyed by (device, IP)."""
    with tempfile.TemporaryDirectory() as folder:
        data, out = pathlib.Path(folder, "events.csv"), pathlib.Path(folder, "beacons.jsonl")
        with open(data, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(HEADER)
            writer.writerows(rows)
        arguments = [str(data), "--now", NOW, "--out", str(out)]
        for name, value in options.items():
            arguments += ["--" + name.replace("_", "-"), str(value)]
        run_query.main(arguments)
        found = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {(r["DeviceId"], r["RemoteIP"]): r for r in found}


class Functions(unittest.TestCase):
    """The macros on the spec's worked examples."""

    @classmethod
    def setUpClass(cls):
        # The script also defines the `beacons` view, which binds its input file: give it a header.
        cls.folder = tempfile.TemporaryDirectory()
        header_only = pathlib.Path(cls.folder.name, "header.csv")
        header_only.write_text(",".join(HEADER) + "\n", encoding="utf-8")
        cls.db = duckdb.connect()
        run_query.prepare(cls.db, run_query.parse_arguments([str(header_only), "--now", NOW, "--out", "unused"]))

    @classmethod
    def tearDownClass(cls):
        cls.db.close()
        cls.folder.cleanup()

    def value(self, expression, *parameters):
        return self.db.execute(f"SELECT {expression}", list(parameters)).fetchone()[0]

    def test_series_outliers_reproduces_the_published_example_bit_for_bit(self):
        # S1: p10 = 2.7, p90 = 11 by linear interpolation, then the scores Microsoft published.
        data = [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4]
        expected = [-1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0.0, 0.0, 0.0, 0.0, 0.0,
                    0.0, 0.0, 0.0, 1.6702443406674186, 0.0, 0.0, 0.0, 0.0]
        fences = "kql_percentile_linear(list_sort($1::DOUBLE[]), 10), kql_percentile_linear(list_sort($1::DOUBLE[]), 90)"
        self.assertAlmostEqual(self.value(f"[{fences}][1]", data), 2.7, places=12)
        self.assertEqual(self.value(f"[{fences}][2]", data), 11.0)
        scores = self.value(f"list_transform($1::DOUBLE[], lambda x: kql_outlier_score(x, {fences}))", data)
        self.assertEqual(scores, expected)

    def test_zero_spread_scores_are_infinite(self):
        # Q13: fences 60/60; 61 lies outside, (61 - 60) / 0 * NF = +inf, 59 gives -inf.
        self.assertEqual(self.value("kql_outlier_score(61::DOUBLE, 60::DOUBLE, 60::DOUBLE)"), float("inf"))
        self.assertEqual(self.value("kql_outlier_score(59::DOUBLE, 60::DOUBLE, 60::DOUBLE)"), float("-inf"))
        self.assertEqual(self.value("kql_outlier_score(60::DOUBLE, 60::DOUBLE, 60::DOUBLE)"), 0.0)

    def test_nearest_rank_percentiles(self):
        # S2, the Wikipedia example the docs link to: [15, 20, 35, 40, 50].
        for percent, expected in [(0, 15), (5, 15), (30, 20), (40, 20), (50, 35), (100, 50)]:
            self.assertEqual(self.value(f"kql_percentile_nearest_rank([15, 20, 35, 40, 50], {percent})"), expected)
        # 1..20: 1, 5, 10, 15, 19 (S17's probe, nearest rank).
        ranks = [self.value(f"kql_percentile_nearest_rank(range(1, 21), {p})") for p in (5, 25, 50, 75, 95)]
        self.assertEqual(ranks, [1, 5, 10, 15, 19])

    def test_series_stats_example(self):
        # S3: avg 32.8, variance 812.45714285714291 (= 12185.6 / 15 * ...), stdev 28.503633853548269.
        data = [23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]
        self.assertEqual(self.value("kql_series_avg($1::BIGINT[])", data), 32.8)
        self.assertEqual(self.value("kql_series_variance($1::BIGINT[])", data), 812.45714285714291)
        self.assertEqual(self.value("sqrt(kql_series_variance($1::BIGINT[]))", data), 28.503633853548269)
        # Large, tightly clustered values: the exact variance of [3600, 3601, 3599, 3600, 3602] is 6.5 / 5 = 1.3.
        self.assertEqual(self.value("kql_series_variance([3600, 3601, 3599, 3600, 3602])"), 1.3)

    def test_datetime_diff_counts_second_boundaries(self):
        # S4: 23:00:10.100 - 23:00:00.900 is 10 boundaries (9.2 s elapsed).
        later = run_query.instant_ticks("2017-10-30T23:00:10.100Z")
        earlier = run_query.instant_ticks("2017-10-30T23:00:00.900Z")
        self.assertEqual(self.value(f"kql_datetime_diff_seconds({later}::BIGINT, {earlier}::BIGINT)"), 10)
        # Before 1970 the floor still floors: -0.5 s is in second -1, +0.5 s in second 0.
        self.assertEqual(self.value("kql_datetime_diff_seconds(5000000::BIGINT, -5000000::BIGINT)"), 1)

    def test_ipv4_is_private(self):
        # S7's examples, then the edges of 172.16/12, a prefix that masks, and texts that are not IPv4.
        cases = {"10.1.2.3": True, "192.168.1.1/24": True, "127.0.0.1": False, "202.1.2.3": False,
                 "172.15.255.255": False, "172.16.0.0": True, "172.31.255.255": True, "172.32.0.1": False,
                 "172.20.0.1/8": False, "0.0.0.0": False,
                 "::ffff:10.1.2.3": None, "2001:db8::1": None, "010.1.1.1": None, "1.2.3": None,
                 "256.1.1.1": None, "10.1.2.3/33": None, "": None}
        for text, expected in cases.items():
            self.assertEqual(self.value("kql_ipv4_is_private($1)", text), expected, text)

    def test_domain_of_remote_url(self):
        # The table of S8.
        cases = {"a.b.example.com": "b.example.com", "c2.evil.example.com": "evil.example.com",
                 "x.y.z.a.b.c": "a.b.c", "www.example.com": "www.example.com", "example.com": "example.com",
                 "https://api.b.example.net/x?y=1": "b.example.net", "HTTPS://A.B.Example.COM:8443/": "B.Example.COM",
                 "a.b.c.co.uk": "c.co.uk", "1.2.3.4": "2.3.4", "httpbin.org": "", "": "",
                 "http://user@a.b.c.d/": "b.c.d", "http://[2001:db8::1]:443/": "[2001:db8::1]"}
        for url, expected in cases.items():
            self.assertEqual(self.value("kql_domain($1)", url), expected, url)

    def test_datetime_text_keeps_seven_digits(self):
        ticks = run_query.instant_ticks("2026-11-19T23:59:59.9999999Z")
        self.assertEqual(self.value(f"kql_datetime_text({ticks}::BIGINT)"), "2026-11-19T23:59:59.9999999Z")


class Query(unittest.TestCase):
    """The whole query on a hand-made day."""

    @classmethod
    def setUpClass(cls):
        rows = []
        # A: a perfect 60 s beacon, 17 distinct timestamps from the window's first instant (inclusive).
        # The second event is at 00:01:01.9999999: still second 61, so every delta is 60; rounding it to
        # milliseconds would make the deltas 61 and 59. A duplicate of the first event collapses (Q5); an
        # event 100 ns before the window and one 100 ns after its end are outside.
        a = series(WINDOW_START, [60] * 16, url="a.b.c2.example.com")
        a[1] = event(WINDOW_START + 61 * SECOND - 1, url="a.b.c2.example.com")
        rows += a + [event(WINDOW_START), event(WINDOW_START - 1),
                     event(run_query.instant_ticks("2026-11-20T00:00:00Z") + 1)]
        # Domains of A's IP come from every event after now - 2d, any action, no upper bound (Q9).
        lookback = run_query.instant_ticks("2026-11-18T00:00:01Z")
        rows += [event(lookback + 1, action="ConnectionFailed", url="https://api.b.example.net/x?y=1", device="x"),
                 event(lookback + 2, action="ConnectionFailed", url="httpbin.org", device="x"),
                 event(lookback + 3, action="ConnectionFailed", url="HTTPS://A.B.Example.COM:8443/", device="x"),
                 event(lookback, action="ConnectionFailed", url="old.example.org", device="x"),
                 event(run_query.instant_ticks("2026-11-21T00:00:00Z"), url="future.example.org", device="x")]
        # C: 16 deltas [100,100,90,100,100,110,100,95,100,100,105,100,100,100,100,100] from 01:00:00.5.
        c_deltas = [100, 100, 90, 100, 100, 110, 100, 95, 100, 100, 105, 100, 100, 100, 100, 100]
        rows += series(WINDOW_START + 3599 * SECOND + SECOND // 2, c_deltas, device="dev-c", ip="203.0.113.5")
        # B: alternating 10 s and 200 s: avg 105, stdev about 98, Jitter about 93 % >= 50.
        rows += series(WINDOW_START, [10, 200] * 8, device="dev-b", ip="203.0.113.6")
        # Dropped before grouping: an IPv6 destination (Q3), RFC 1918 labelled Public, a ConnectionRequest
        # (the query's typo, Q1), a Private type, and an empty port (Q8, dropped after grouping).
        for device, fields in [("dev-v6", {"ip": "2001:4860::8888"}), ("dev-rfc", {"ip": "10.9.8.7"}),
                               ("dev-req", {"action": "ConnectionRequest"}), ("dev-priv", {"ip_type": "Private"}),
                               ("dev-noport", {"port": ""})]:
            rows += series(WINDOW_START, [60] * 16, device=device, **fields)
        # H: 16 events but only 15 distinct timestamps: not more than 15 (S5).
        h = series(WINDOW_START, [60] * 14, device="dev-h", ip="203.0.113.8")
        rows += h + [h[0]]
        # Device count (Q10): 11 devices beaconing to one destination are dropped, 10 to another are kept.
        for n in range(11):
            rows += series(WINDOW_START + n * SECOND, [300] * 16, device=f"fleet-{n:02}", ip="192.0.2.50")
        for n in range(10):
            rows += series(WINDOW_START + n * SECOND, [300] * 16, device=f"team-{n:02}", ip="192.0.2.60")
        # J (Q13): 46 deltas of 60 and 4 of 61: P10 = P90 = 60, the four 61s score +inf: 4 > 3, rejected.
        rows += series(WINDOW_START, [60] * 23 + [61, 61] + [60] * 23 + [61, 61], device="dev-j", ip="203.0.113.9")
        # K (Q2): 41 deltas sorting to [32, 50 x4, 60 x31, 70 x2, 100 x3]: P10 = v[4] = 50, P90 = v[36] = 70.
        # The 100s score (30/20)*NF = 4.16 > 2 (three outliers); 32 scores (-18/20)*NF = -2.50, an outlier
        # below -2 but not below -3 as written: 3 outliers, not more than 3, so K is reported.
        k_deltas = [60] * 10 + [100, 50, 32, 70] + [60] * 10 + [50, 100, 50] + [60] * 11 + [70, 50, 100]
        rows += series(WINDOW_START, k_deltas, device="dev-k", ip="203.0.113.10")
        cls.found = run_port(rows)

    def test_reports_exactly_the_expected_beacons(self):
        expected = {("dev-1", "198.51.100.10"), ("dev-c", "203.0.113.5"), ("dev-k", "203.0.113.10")}
        expected |= {(f"team-{n:02}", "192.0.2.60") for n in range(10)}
        self.assertEqual(set(self.found), expected)

    def test_perfect_beacon_keeps_every_tick(self):
        a = self.found[("dev-1", "198.51.100.10")]
        self.assertEqual(a["count_"], 16)                       # 17 distinct timestamps, 16 deltas
        self.assertEqual(a["TimeDeltaList"], [60] * 16)
        self.assertEqual(a["min_Timestamp"], "2026-11-19T00:00:01.0000000Z")
        self.assertEqual(a["max_Timestamp"], "2026-11-19T00:15:01.0000000Z")   # the penultimate event (Q7)
        self.assertEqual(a["Duration"], 900)
        self.assertEqual((a["TimeDeltaInSeconds_avg"], a["TimeDeltaInSeconds_stdev"], a["Jitter"]), (60.0, 0.0, 0.0))
        self.assertEqual(a["dcount_DeviceId"], 1)
        self.assertEqual(set(a["Domains"]), {"", "c2.example.com", "b.example.net", "B.Example.COM",
                                             "future.example.org"})

    def test_statistics_of_an_irregular_beacon(self):
        c = self.found[("dev-c", "203.0.113.5")]
        # Sorted deltas [90, 95, 100 x12, 105, 110]; nearest ranks ceil(P*16/100) = 1, 4, 8, 12, 16.
        self.assertEqual([c[f"percentile_TimeDeltaInSeconds_{p}"] for p in (5, 25, 50, 75, 95)], [90, 100, 100, 100, 110])
        self.assertEqual((c["TimeDeltaInSeconds_min"], c["TimeDeltaInSeconds_min_index"]), (90.0, 2))
        self.assertEqual((c["TimeDeltaInSeconds_max"], c["TimeDeltaInSeconds_max_index"]), (110.0, 5))
        # Sum 1600 over 16: avg 100; squared deviations 100 + 100 + 25 + 25 = 250 over 15.
        self.assertEqual(c["TimeDeltaInSeconds_avg"], 100.0)
        self.assertAlmostEqual(c["TimeDeltaInSeconds_variance"], 250 / 15, places=12)
        self.assertAlmostEqual(c["Jitter"], (250 / 15) ** 0.5, places=12)
        self.assertAlmostEqual(c["BeaconSleepMin"], 100 - (250 / 15) ** 0.5, places=12)
        # 01:00:00.5 plus all deltas but the last: 1500 s.
        self.assertEqual(c["min_Timestamp"], "2026-11-19T01:00:00.5000000Z")
        self.assertEqual(c["max_Timestamp"], "2026-11-19T01:25:00.5000000Z")
        self.assertEqual(c["Duration"], 1500)
        # P10 = 97.5 and P90 = 102.5 (spread 5): 90 scores -4.16, 110 scores +4.16, two outliers: kept.
        self.assertEqual(c["Domains"], [""])

    def test_device_count_is_per_destination(self):
        self.assertEqual({r["dcount_DeviceId"] for k, r in self.found.items() if k[1] == "192.0.2.60"}, {10})



class Thresholds(unittest.TestCase):
    """The query's `let`s are parameters: the same 11-device fleet under other thresholds."""

    rows = [row for n in range(11)
            for row in series(WINDOW_START + n * SECOND, [300] * 16, device=f"fleet-{n:02}", ip="192.0.2.50")]

    def test_device_cap(self):
        self.assertEqual(len(run_port(self.rows)), 0)                       # 11 > 10
        self.assertEqual(len(run_port(self.rows, device_count_max=11)), 11)

    def test_minimum_event_count(self):
        # 17 distinct timestamps: more than 16, not more than 17.
        self.assertEqual(len(run_port(self.rows, device_count_max=11, min_events=16)), 11)
        self.assertEqual(len(run_port(self.rows, device_count_max=11, min_events=17)), 0)

    def test_window_start(self):
        # The fleet beacons from 00:00:01 to 01:20:01 (plus n s). --start 23h moves the window's start to
        # 01:00:01: only the events k = 12..16 (300 k + n >= 3600 s) remain, 5 distinct timestamps.
        self.assertEqual(len(run_port(self.rows, device_count_max=11, start="23h")), 0)
        self.assertEqual(len(run_port(self.rows, device_count_max=11, start="24h")), 11)


if __name__ == "__main__":
    unittest.main()

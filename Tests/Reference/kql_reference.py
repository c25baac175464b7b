#!/usr/bin/env python3
"""Independent reference implementation of the "Suspicious Network Beacons" KQL query
(Cyb3rMonk, shared/seed/000_090622b8d3a8b773.txt), written from shared/spec/kql-semantics.md
(S1-S17) and issue 2 section 4 ("Two modes"), without looking at the Swift engine.

Standard library only (Python 3.11).

    python3 kql_reference.py FILE.csv [FILE2.csv ...] --now 2024-04-22T00:00:00Z [--start 1d] [--end 1s]
        [--mode faithful|corrected] [--zero-spread inf|zero] [--min-events 15] [--jitter 50]
        [--outlier-max 2] [--outlier-count-max 3] [--device-count-max 10] [--variance-form welford|sums]
        [--action-types A,B,C] [--max-events N] [--stats]
    python3 kql_reference.py --self-test

Output: JSON lines, one surviving row per line, in the query's order.
"""

import argparse
import csv
import ipaddress
import json
import math
import re
import sys
from fractions import Fraction

TICKS_PER_SECOND = 10_000_000
TICKS_PER_MS = 10_000
TICKS_PER_DAY = 86_400 * TICKS_PER_SECOND
INT32_MAX = 2**31 - 1
INT32_MIN = -(2**31)

# S1: normalisation factor of ctukey(10, 90)
OUTLIER_NF = 2.772605605507915

KEYS = ["DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
        "InitiatingProcessFileName", "RemoteIP", "RemotePort"]

FAITHFUL_ACTIONS = ("ConnectionSuccess", "CsonnectionRequest", "CsonnectionFailed")
CORRECTED_ACTIONS = ("ConnectionSuccess", "ConnectionRequest", "ConnectionFailed")
EXCLUDED_IP_TYPES = ("Reserved", "Private", "LinkLocal", "Loopback")

CORRECTED_V6_EXCLUDED = [ipaddress.IPv6Network(n) for n in
                         ("::/128", "::1/128", "fe80::/10", "fc00::/7", "ff00::/8", "2001:db8::/32")]


# ----------------------------------------------------------------------------------------------
# Time handling: integer 100-ns ticks since 1970-01-01T00:00:00Z (never through float / datetime)
# ----------------------------------------------------------------------------------------------

_TS_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$")


def _days_from_civil(y, m, d):
    """Days since 1970-01-01 of the proleptic Gregorian date (Howard Hinnant's algorithm)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def parse_timestamp(s):
    """ISO 8601 -> integer ticks (UTC). Fraction digits beyond 7 are truncated. Returns None if invalid.
    A timestamp without zone designator is taken as UTC."""
    s = s.strip()
    m = _TS_RE.match(s)
    if not m:
        return None
    y, mo, d, h, mi = (int(m.group(i)) for i in range(1, 6))
    sec = int(m.group(6)) if m.group(6) is not None else 0
    frac = m.group(7) or ""
    if not (1 <= mo <= 12 and 1 <= d <= _days_in_month(y, mo) and h <= 23 and mi <= 59 and sec <= 59):
        return None
    frac7 = (frac + "0000000")[:7]
    ticks = ((_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * TICKS_PER_SECOND
             + int(frac7))
    if m.group(9):
        oh, om = int(m.group(10)), int(m.group(11))
        if oh > 23 or om > 59:
            return None
        off = (oh * 3600 + om * 60) * TICKS_PER_SECOND
        ticks = ticks - off if m.group(9) == "+" else ticks + off
    return ticks


def format_ticks(t):
    """ticks -> 'YYYY-MM-DDTHH:MM:SS.fffffffZ'."""
    secs, frac = divmod(t, TICKS_PER_SECOND)
    days, sod = divmod(secs, 86400)
    # civil_from_days (Hinnant)
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    y += m <= 2
    hh, rem = divmod(sod, 3600)
    mm, ss = divmod(rem, 60)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%07dZ" % (y, m, d, hh, mm, ss, frac)


_SPAN_RE = re.compile(r"^(\d+(?:\.\d+)?)(d|h|m|s|ms|microsecond|us|tick|ticks)$")
_SPAN_UNIT = {"d": TICKS_PER_DAY, "h": 3600 * TICKS_PER_SECOND, "m": 60 * TICKS_PER_SECOND,
              "s": TICKS_PER_SECOND, "ms": TICKS_PER_MS, "microsecond": 10, "us": 10, "tick": 1, "ticks": 1}


def parse_span(s):
    """Relative span like 1d, 12h, 30m, 1s, 1.5h, 100ms -> ticks (exact)."""
    m = _SPAN_RE.match(s.strip())
    if not m:
        return None
    v = Fraction(m.group(1)) * _SPAN_UNIT[m.group(2)]
    return int(v)  # truncation of sub-tick remainders


def floor_seconds(t):
    return t // TICKS_PER_SECOND  # Python // floors, also for negative ticks


def datetime_diff_second(a, b):
    """S4: datetime_diff('second', a, b) = floor(a/1e7) - floor(b/1e7)."""
    return floor_seconds(a) - floor_seconds(b)


# ----------------------------------------------------------------------------------------------
# Kusto functions
# ----------------------------------------------------------------------------------------------

_IPV4_RE = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:/(\d{1,2}))?$")


def parse_ipv4(s):
    """Strict dotted quad (optional /prefix) -> (int address, prefix) or None."""
    m = _IPV4_RE.match(s)
    if not m:
        return None
    octs = [int(m.group(i)) for i in range(1, 5)]
    if any(o > 255 for o in octs):
        return None
    prefix = 32
    if m.group(5) is not None:
        prefix = int(m.group(5))
        if prefix > 32:
            return None
    addr = (octs[0] << 24) | (octs[1] << 16) | (octs[2] << 8) | octs[3]
    return addr, prefix


def ipv4_is_private(s):
    """S7: True for 10/8, 172.16/12, 192.168/16; False for other IPv4; None if not IPv4."""
    p = parse_ipv4(s)
    if p is None:
        return None
    addr, prefix = p
    mask = (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF if prefix > 0 else 0
    addr &= mask
    return ((addr >> 24) == 10 or (addr >> 20) == ((172 << 4) | 1) or (addr >> 16) == ((192 << 8) | 168))


def corrected_ip_keep(s):
    """Corrected mode (issue 2 section 4, Q3): is the RemoteIP acceptable (the `not ipv4_is_private` test)?"""
    v4 = ipv4_is_private(s)
    if v4 is not None:
        return not v4
    try:
        a = ipaddress.IPv6Address(s)
    except ValueError:
        return False  # neither IPv4 nor IPv6 -> null -> dropped as in Kusto
    mapped = a.ipv4_mapped
    if mapped is not None:
        return not ipv4_is_private(str(mapped))
    base = ipaddress.IPv6Address(int(a))  # drop any %scope
    return not any(base in n for n in CORRECTED_V6_EXCLUDED)


def percentile_nearest_rank(sorted_vals, p):
    """S2: nearest rank, rank = ceil(P*N/100) (exact integer arithmetic), P=0 -> min."""
    n = len(sorted_vals)
    rank = -((-p * n) // 100)  # ceil(p*n/100) for integer p
    if rank < 1:
        rank = 1
    return sorted_vals[rank - 1]


def percentile_linear(sorted_vals, p):
    """S1: R-7 linear interpolation between closest ranks (as floats)."""
    n = len(sorted_vals)
    idx = (p * (n - 1)) / 100
    lo = math.floor(idx)
    hi = math.ceil(idx)
    vlo = float(sorted_vals[lo])
    vhi = float(sorted_vals[hi])
    return vlo + (idx - lo) * (vhi - vlo)


def series_outliers(series, zero_spread="inf", min_spread=None):
    """S1: ctukey with 10/90 percentiles. zero_spread: 'inf' -> +/-inf, 'zero' -> 0, 'nan' -> NaN.
    min_spread (corrected mode Q13): the divisor is max(P90-P10, min_spread)."""
    xs = [float(x) for x in series]
    if not xs:
        return []
    sv = sorted(xs)
    plo = percentile_linear(sv, 10)
    phi = percentile_linear(sv, 90)
    spread = phi - plo
    if min_spread is not None and spread < min_spread:
        spread = float(min_spread)
    out = []
    for x in xs:
        if x > phi:
            ref = phi
        elif x < plo:
            ref = plo
        else:
            out.append(0.0)
            continue
        if spread == 0:
            if zero_spread == "inf":
                out.append(math.inf if x > ref else -math.inf)
            elif zero_spread == "nan":
                out.append(math.nan)
            else:
                out.append(0.0)
        else:
            out.append(((x - ref) / spread) * OUTLIER_NF)
    return out


def series_stats(series, variance_form="welford"):
    """S3: (min, min_idx, max, max_idx, avg, stdev, variance); sample variance."""
    xs = [float(x) for x in series]
    n = len(xs)
    mn = min(xs)
    mx = max(xs)
    mn_i = xs.index(mn)
    mx_i = xs.index(mx)
    total = 0.0
    for x in xs:
        total += x
    avg = total / n
    if n < 2:
        var = 0.0  # decision: a single delta has variance 0 (unreachable with --min-events >= 2)
    elif variance_form == "sums":
        s2 = 0.0
        for x in xs:
            s2 += x * x
        var = (s2 - total * avg) / (n - 1)
    else:
        mean = 0.0
        m2 = 0.0
        for k, x in enumerate(xs, 1):
            delta = x - mean
            mean += delta / k
            m2 += delta * (x - mean)
        var = m2 / (n - 1)
    if var < 0:
        var = 0.0 if var > -1e-300 else var
    sd = math.sqrt(var) if var >= 0 else math.nan
    return mn, mn_i, mx, mx_i, avg, sd, var


def kql_startswith_ci(s, prefix):
    return s[:len(prefix)].lower() == prefix.lower() if len(s) >= len(prefix) else False


_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*$")


def parse_url_host(url):
    """parse_url(url).Host: authority of scheme://authority/... minus userinfo and :port; "" if no scheme://."""
    i = url.find("://")
    if i <= 0 or not _SCHEME_RE.match(url[:i]):
        return ""
    rest = url[i + 3:]
    end = len(rest)
    for ch in "/?#":
        j = rest.find(ch)
        if j != -1 and j < end:
            end = j
    auth = rest[:end]
    at = auth.rfind("@")
    if at != -1:
        auth = auth[at + 1:]
    if auth.startswith("["):
        k = auth.find("]")
        return auth[:k + 1] if k != -1 else auth
    c = auth.rfind(":")
    if c != -1 and (auth[c + 1:].isdigit() or auth[c + 1:] == "") and auth[c + 1:].isascii():
        auth = auth[:c]
    return auth


_DOMAIN_RE = re.compile(r"([A-z0-9-]+\.[A-z0-9-]+\.[A-z0-9-]+)\..*")


def extract_domain(remote_url):
    """S8: reverse(replace(regex, '\\1', reverse(Host))) with the iif(!startswith "http") prefixing."""
    url = remote_url if kql_startswith_ci(remote_url, "http") else "http://" + remote_url
    host = parse_url_host(url)
    return _DOMAIN_RE.sub(r"\1", host[::-1])[::-1]


# ----------------------------------------------------------------------------------------------
# Ingest
# ----------------------------------------------------------------------------------------------

REQUIRED = ["DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteIPType",
            "InitiatingProcessFileName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain"]
_PORT_RE = re.compile(r"^-?[0-9]+$")


class InputError(Exception):
    pass


def read_events(path, counters):
    """Yield event dicts with integer 'ts' ticks and 'RemotePort' int|None."""
    try:
        f = open(path, "r", encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError("%s: cannot open: %s" % (path, e.strerror))
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("%s: empty file" % path)
        col = {name: i for i, name in reversed(list(enumerate(header)))}
        tcol = col.get("Timestamp", col.get("TimeGenerated"))
        if tcol is None:
            raise InputError("%s: missing column Timestamp (or TimeGenerated)" % path)
        for name in REQUIRED:
            if name not in col:
                raise InputError("%s: missing column %s" % (path, name))
        ucol = col.get("RemoteUrl")
        idx = {name: col[name] for name in REQUIRED}
        for row in reader:
            if not row or row == [""] and len(header) > 1:
                continue
            if len(row) != len(header):
                counters["bad_field_count"] += 1
                continue
            ts = parse_timestamp(row[tcol])
            if ts is None:
                counters["bad_timestamp"] += 1
                continue
            p = row[idx["RemotePort"]]
            if p == "":
                port = None
            elif _PORT_RE.match(p) and INT32_MIN <= int(p) <= INT32_MAX:
                port = int(p)
            else:
                counters["bad_port"] += 1
                continue
            ev = {name: row[i] for name, i in idx.items()}
            ev["RemotePort"] = port
            ev["RemoteUrl"] = row[ucol] if ucol is not None else ""
            ev["ts"] = ts
            yield ev


# ----------------------------------------------------------------------------------------------
# The query
# ----------------------------------------------------------------------------------------------

def utf8_key(s):
    return s.encode("utf-8", "surrogatepass")


def run_query(events, now, start_span, end_span, opts, stats):
    """events: list of event dicts. start_span/end_span: ticks (ago() arguments). Returns output rows."""
    corrected = opts.mode == "corrected"
    lo = now - start_span
    hi = now - end_span
    # TotalEventsThresholdMax = toint((start - end) / 1ms): truncated, null if outside int32
    if opts.max_events is not None:
        max_events = opts.max_events
    else:
        q = Fraction(start_span - end_span, TICKS_PER_MS)
        qi = math.trunc(q)
        max_events = qi if INT32_MIN <= qi <= INT32_MAX else None
    if opts.action_types is not None:
        actions = set(opts.action_types)
    else:
        actions = set(CORRECTED_ACTIONS if corrected else FAITHFUL_ACTIONS)

    # Stage 1: row filters
    rows = [e for e in events if lo <= e["ts"] <= hi]
    stats.append(("window", len(rows)))
    rows = [e for e in rows if e["RemoteIPType"] not in EXCLUDED_IP_TYPES]
    stats.append(("RemoteIPType", len(rows)))
    rows = [e for e in rows if e["RemoteIP"] != "" and e["RemoteIP"] != "0.0.0.0"]
    stats.append(("RemoteIP nonempty/0.0.0.0", len(rows)))
    if corrected:
        rows = [e for e in rows if corrected_ip_keep(e["RemoteIP"])]
    else:
        rows = [e for e in rows if ipv4_is_private(e["RemoteIP"]) is False]
    stats.append(("ipv4_is_private", len(rows)))
    rows = [e for e in rows if e["ActionType"] in actions]
    stats.append(("ActionType", len(rows)))

    # Stage 2: group by the 7 keys, distinct timestamps
    groups = {}
    for e in rows:
        k = tuple(e[c] for c in KEYS)
        groups.setdefault(k, set()).add(e["ts"])
    stats.append(("groups", len(groups)))

    # Stage 3: 15 < n < TotalEventsThresholdMax
    groups = {k: v for k, v in groups.items()
              if len(v) > opts.min_events and max_events is not None and len(v) < max_events}
    stats.append(("event-count bounds", len(groups)))

    # Stage 4/5: mv-apply: deltas and per-group aggregates
    cands = []
    for k, tsset in groups.items():
        port = k[6]
        if port is None and not corrected:
            continue  # Q8: null never equals itself -> every row dropped
        ts = sorted(tsset)
        n = len(ts)
        if n < 2:
            continue  # no row survives the next()-where
        deltas = [datetime_diff_second(ts[i + 1], ts[i]) for i in range(n - 1)]
        t_max = ts[n - 1] if corrected else ts[n - 2]
        sd = sorted(deltas)
        mn, mn_i, mx, mx_i, avg, sdev, var = series_stats(deltas, opts.variance_form)
        jitter = (sdev / avg) * 100 if avg != 0 else math.nan
        row = dict(zip(KEYS, k))
        row.update({
            "count_": n - 1,
            "min_Timestamp": ts[0],
            "max_Timestamp": t_max,
            "Duration": datetime_diff_second(t_max, ts[0]),
            "percentile_TimeDeltaInSeconds_5": percentile_nearest_rank(sd, 5),
            "percentile_TimeDeltaInSeconds_25": percentile_nearest_rank(sd, 25),
            "percentile_TimeDeltaInSeconds_50": percentile_nearest_rank(sd, 50),
            "percentile_TimeDeltaInSeconds_75": percentile_nearest_rank(sd, 75),
            "percentile_TimeDeltaInSeconds_95": percentile_nearest_rank(sd, 95),
            "TimeDeltaList": deltas,
            "TimeDeltaInSeconds_min": mn,
            "TimeDeltaInSeconds_min_index": mn_i,
            "TimeDeltaInSeconds_max": mx,
            "TimeDeltaInSeconds_max_index": mx_i,
            "TimeDeltaInSeconds_avg": avg,
            "TimeDeltaInSeconds_stdev": sdev,
            "TimeDeltaInSeconds_variance": var,
            "Jitter": jitter,
            "BeaconSleepMin": avg - sdev,
            "BeaconSleepMax": avg + sdev,
        })
        cands.append(row)
    stats.append(("mv-apply (null port)", len(cands)))

    # Stage 6: jitter (NaN comparisons are false)
    cands = [r for r in cands if r["Jitter"] < opts.jitter]
    stats.append(("jitter", len(cands)))

    # Stage 7: Domains (all events with Timestamp > ago(starttime + 1d), keyed by RemoteIP)
    dom_lo = now - (start_span + TICKS_PER_DAY)
    needed = {r["RemoteIP"] for r in cands}
    domains = {}
    for e in events:
        if e["ts"] > dom_lo and e["RemoteIP"] in needed:
            domains.setdefault(e["RemoteIP"], set()).add(extract_domain(e["RemoteUrl"]))
    for r in cands:
        r["Domains"] = sorted(domains.get(r["RemoteIP"], set()), key=utf8_key)

    # Stage 8: dcount(DeviceId) per (file, IP, port) over the jitter survivors
    devs = {}
    for r in cands:
        devs.setdefault((r["InitiatingProcessFileName"], r["RemoteIP"], r["RemotePort"]), set()).add(r["DeviceId"])
    out = []
    for r in cands:
        dc = len(devs[(r["InitiatingProcessFileName"], r["RemoteIP"], r["RemotePort"])])
        if dc <= opts.device_count_max:
            r["dcount_DeviceId"] = dc
            out.append(r)
    cands = out
    stats.append(("device count", len(cands)))

    # Stage 9: outliers
    low = -opts.outlier_max if corrected else -opts.outlier_count_max
    out = []
    for r in cands:
        scores = series_outliers(r["TimeDeltaList"], opts.zero_spread, 2 if corrected else None)
        k = sum(1 for s in scores if s > opts.outlier_max or s < low)
        if not k > opts.outlier_count_max:
            out.append(r)
    cands = out
    stats.append(("outliers", len(cands)))

    # Stage 10: Timestamp, order
    for r in cands:
        r["Timestamp"] = r["min_Timestamp"]

    def sort_key(r):
        port = r["RemotePort"]
        return (r["Jitter"], r["TimeDeltaInSeconds_avg"]) + tuple(utf8_key(r[c]) for c in KEYS[:6]) + \
            ((0, 0) if port is None else (1, port),)
    cands.sort(key=sort_key)
    return cands


OUTPUT_ORDER = KEYS + [
    "dcount_DeviceId", "count_", "min_Timestamp", "max_Timestamp", "Duration",
    "percentile_TimeDeltaInSeconds_5", "percentile_TimeDeltaInSeconds_25", "percentile_TimeDeltaInSeconds_50",
    "percentile_TimeDeltaInSeconds_75", "percentile_TimeDeltaInSeconds_95", "TimeDeltaList",
    "TimeDeltaInSeconds_min", "TimeDeltaInSeconds_min_index", "TimeDeltaInSeconds_max",
    "TimeDeltaInSeconds_max_index", "TimeDeltaInSeconds_avg", "TimeDeltaInSeconds_stdev",
    "TimeDeltaInSeconds_variance", "Jitter", "BeaconSleepMin", "BeaconSleepMax", "Domains", "Timestamp"]


def to_json_row(r):
    o = {}
    for k in OUTPUT_ORDER:
        v = r[k]
        if k in ("min_Timestamp", "max_Timestamp", "Timestamp"):
            v = format_ticks(v)
        o[k] = v
    return json.dumps(o, ensure_ascii=False, allow_nan=False)


# ----------------------------------------------------------------------------------------------
# Self-test
# ----------------------------------------------------------------------------------------------

def self_test():
    failures = []

    def check(name, got, want):
        if got != want or type(got) is not type(want):
            failures.append("%s: got %r, want %r" % (name, got, want))

    # S1
    vec = [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4]
    want = [-1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, 1.6702443406674186, 0.0, 0.0, 0.0, 0.0]
    sv = sorted(vec)
    check("S1 p10", percentile_linear(sv, 10), 2.7)
    check("S1 p90", percentile_linear(sv, 90), 11.0)
    got = series_outliers(vec)
    for i, (g, w) in enumerate(zip(got, want)):
        if g.hex() != w.hex():
            failures.append("S1 element %d: got %r, want %r" % (i, g, w))
    check("S1 length", len(got), 16)
    # S17 probe vector (reference values given in the spec)
    got = series_outliers(list(range(1, 16)) + [100])
    check("S17 probe", got, [-0.34657570068848936, -0.11552523356282979] + [0.0] * 12 +
          [0.11552523356282979, 19.754814939243893])
    # zero spread
    zs = [60.0] * 18 + [61, 59]
    check("zero spread inf", series_outliers(zs, "inf"), [0.0] * 18 + [math.inf, -math.inf])
    check("zero spread zero", series_outliers(zs, "zero"), [0.0] * 20)
    check("constant", series_outliers([5] * 20, "inf"), [0.0] * 20)
    # corrected min spread 2: x=61 -> (61-60)/2*NF
    check("min spread", series_outliers(zs, "inf", 2)[18], (1.0 / 2.0) * OUTLIER_NF)

    # S2
    a = [15, 20, 35, 40, 50]
    check("S2 nearest rank", [percentile_nearest_rank(a, p) for p in (5, 30, 40, 50, 100, 0)],
          [15, 20, 20, 35, 50, 15])
    r20 = list(range(1, 21))
    check("S17 percentiles 1..20", [percentile_nearest_rank(r20, p) for p in (5, 25, 50, 75, 95)],
          [1, 5, 10, 15, 19])
    check("S2 P50 1..10", percentile_nearest_rank(list(range(1, 11)), 50), 5)
    check("S2 linear [5,7,9]", [percentile_linear([5, 7, 9], p) for p in (0, 25, 50, 75, 100)],
          [5.0, 6.0, 7.0, 8.0, 9.0])
    check("S2 linear [5,7,7,10]", [percentile_linear([5, 7, 7, 10], p) for p in (0, 25, 50, 75, 100)],
          [5.0, 6.5, 7.0, 7.75, 10.0])

    # S3
    s3 = [23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]
    for form in ("welford", "sums"):
        mn, mni, mx, mxi, avg, sd, var = series_stats(s3, form)
        check("S3 min " + form, (mn, mni, mx, mxi), (2.0, 8, 87.0, 3))
        check("S3 avg " + form, avg, 32.8)
        check("S3 stdev " + form, sd, 28.503633853548269)
        check("S3 variance " + form, var, 812.45714285714291)
    check("S3 welford tight", series_stats([3600, 3601, 3599, 3600, 3602], "welford")[6], 1.2999999999999545)
    check("S3 sums tight", series_stats([3600, 3601, 3599, 3600, 3602], "sums")[6], 1.299999998882413)
    check("S3 first index", series_stats([5, 1, 9, 1, 9])[:4], (1.0, 1, 9.0, 2))

    # S4
    t1 = parse_timestamp("2017-10-30T23:00:10.100Z")
    t2 = parse_timestamp("2017-10-30T23:00:00.900Z")
    check("S4 second", datetime_diff_second(t1, t2), 10)
    check("S4 0.2s same second", datetime_diff_second(parse_timestamp("2024-01-01T12:00:00.9Z"),
                                                      parse_timestamp("2024-01-01T12:00:00.7Z")), 0)
    check("S4 0.2s across", datetime_diff_second(parse_timestamp("2024-01-01T12:00:01.1Z"),
                                                 parse_timestamp("2024-01-01T12:00:00.9Z")), 1)
    check("S4 1 tick across", datetime_diff_second(parse_timestamp("2024-01-01T12:00:01Z"),
                                                   parse_timestamp("2024-01-01T12:00:00.9999999Z")), 1)
    check("S4 pre-1970", datetime_diff_second(parse_timestamp("1969-12-31T23:59:59.5Z"),
                                              parse_timestamp("1969-12-31T23:59:58.9Z")), 1)

    # timestamp parsing / formatting
    t = parse_timestamp("2024-04-19T00:04:09.784804Z")
    check("format", format_ticks(t), "2024-04-19T00:04:09.7848040Z")
    check("7 digits", parse_timestamp("2024-04-19T00:04:09.9999999Z") % TICKS_PER_SECOND, 9999999)
    check("offset", parse_timestamp("2024-04-19T02:04:09.5+02:00"), parse_timestamp("2024-04-19T00:04:09.5Z"))
    check("epoch", parse_timestamp("1970-01-01T00:00:00Z"), 0)
    check("leap day", format_ticks(parse_timestamp("2024-02-29T23:59:59.0000001Z")), "2024-02-29T23:59:59.0000001Z")
    check("bad date", parse_timestamp("2023-02-29T00:00:00Z"), None)
    check("span", (parse_span("1d"), parse_span("12h"), parse_span("30m"), parse_span("1s"), parse_span("1.5h")),
          (TICKS_PER_DAY, 12 * 3600 * 10**7, 1800 * 10**7, 10**7, 5400 * 10**7))
    check("TotalEventsThresholdMax", math.trunc(Fraction(parse_span("1d") - parse_span("1s"), TICKS_PER_MS)),
          86_399_000)

    # S7
    check("S7", [ipv4_is_private(x) for x in ("10.1.2.3", "192.168.1.1/24", "127.0.0.1", "202.1.2.3",
                                              "172.16.0.1", "172.31.255.255", "172.32.0.1", "172.15.0.1",
                                              "::ffff:10.0.0.1", "2001:4860::1", "", "1.2.3", "256.1.1.1")],
          [True, True, False, False, True, True, False, False, None, None, None, None, None])
    check("corrected v6", [corrected_ip_keep(x) for x in ("::ffff:10.0.0.1", "::ffff:8.8.8.8", "2001:4860::8888",
                                                          "fe80::1", "::1", "::", "fd00::1", "ff02::1",
                                                          "2001:db8::5", "garbage", "8.8.8.8", "10.0.0.1")],
          [False, True, True, False, False, False, False, False, False, False, True, False])

    # S8
    table = [
        ("a.b.example.com", "b.example.com"),
        ("c2.evil.example.com", "evil.example.com"),
        ("x.y.z.a.b.c", "a.b.c"),
        ("www.example.com", "www.example.com"),
        ("example.com", "example.com"),
        ("https://api.b.example.net/x?y=1", "b.example.net"),
        ("HTTPS://A.B.Example.COM:8443/", "B.Example.COM"),
        ("a.b.c.co.uk", "c.co.uk"),
        ("1.2.3.4", "2.3.4"),
        ("httpbin.org", ""),
        ("", ""),
        ("http://user:pw@a.b.c.d.e:80/p", "c.d.e"),
        ("a_b.c_d.e.f", "c_d.e.f"),
    ]
    for url, want_dom in table:
        check("S8 %r" % url, extract_domain(url), want_dom)

    if failures:
        for f in failures:
            print("FAIL " + f, file=sys.stderr)
        print("self-test: %d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("self-test: all checks passed", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--now")
    ap.add_argument("--start", default="1d", help="relative span (1d, 12h, 30m, 1s) or absolute ISO time")
    ap.add_argument("--end", default="1s", help="relative span or absolute ISO time")
    ap.add_argument("--mode", choices=["faithful", "corrected"], default="faithful")
    ap.add_argument("--zero-spread", choices=["inf", "zero", "nan"], default="inf")
    ap.add_argument("--min-events", type=int, default=15)
    ap.add_argument("--max-events", type=int, default=None, help="override TotalEventsThresholdMax")
    ap.add_argument("--jitter", type=float, default=50)
    ap.add_argument("--outlier-max", type=float, default=2)
    ap.add_argument("--outlier-count-max", type=int, default=3)
    ap.add_argument("--device-count-max", type=int, default=10)
    ap.add_argument("--variance-form", choices=["welford", "sums"], default="welford")
    ap.add_argument("--action-types", type=lambda s: [x for x in s.split(",")], default=None)
    ap.add_argument("--stats", action="store_true")
    opts = ap.parse_args(argv)
    if opts.self_test:
        return self_test()
    if not opts.files or not opts.now:
        ap.error("FILE(s) and --now are required")
    now = parse_timestamp(opts.now)
    if now is None:
        ap.error("bad --now")

    def span_of(s, name):
        v = parse_span(s)
        if v is None:
            t = parse_timestamp(s)
            if t is None:
                ap.error("bad --%s %r" % (name, s))
            v = now - t
        return v
    start_span = span_of(opts.start, "start")
    end_span = span_of(opts.end, "end")

    counters = {"bad_field_count": 0, "bad_timestamp": 0, "bad_port": 0}
    events = []
    try:
        for path in opts.files:
            events.extend(read_events(path, counters))
    except InputError as e:
        print(str(e), file=sys.stderr)
        return 2
    except UnicodeDecodeError as e:
        print("%s: not UTF-8 text (%s)" % (path, e.reason), file=sys.stderr)
        return 2
    stats = [("input rows", len(events))]
    rows = run_query(events, now, start_span, end_span, opts, stats)
    for r in rows:
        sys.stdout.write(to_json_row(r) + "\n")
    if opts.stats:
        print("skipped rows: %s" % ", ".join("%s=%d" % kv for kv in counters.items()), file=sys.stderr)
        for name, n in stats:
            print("%-28s %d" % (name, n), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Adversarial DeviceNetworkEvents CSV generator for checking a beacon-query implementation against
kql_reference.py.

    python3 random_events.py --seed N --out FILE.csv [--events K]

Writes the CSV (columns in a per-seed shuffled order, plus ignored extra columns) and prints on stdout
the --now value to use. Deterministic per seed (Python's random.Random, standard library only).
"""

import argparse
import csv
import hashlib
import json
import random
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

T = 10_000_000            # ticks per second
DAY = 86_400 * T

COLUMNS = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl",
           "RemoteIPType", "InitiatingProcessFileName", "InitiatingProcessAccountName",
           "InitiatingProcessAccountDomain"]

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

URL_SHAPES = [
    "a.b.example.com", "c2.evil.example.com", "x.y.z.a.b.c", "www.example.com", "example.com", "localhost",
    "https://api.b.example.net/x?y=1", "HTTPS://A.B.Example.COM:8443/", "http://cdn.example.org",
    "http://user:pw@cdn.edge.provider.net:8080/path,with,commas", 'http://q.r.example.org/"quoted",path',
    "a.b.c.co.uk", "1.2.3.4", "http://5.6.7.8:80/index.html", "httpbin.org", "http-proxy.corp.local",
    "HTTPbin.org/get", "", "", "", "under_score.sub_domain.example.com", "UPPER.CASE.EXAMPLE.COM",
    "deep.a.b.c.d.e.f", "host.example.com:443", "www.example.com/path?x=1#frag", "user@mail.a.example.com",
    "http://a.b.c.d.e/path\nsecond line", "https://x.y.z/?q=a,b", "example.com.", "-.-.-.-",
    "bücher.example.de", "a.b.bücher.de.x", "Http://Mixed.Case.Host.Example.Com/", "telemetry.svc.corp.contoso.com",
    "https://login.live.com:443/oauth?x=\"y\"", "sub.domain.with-dash.example-1.net", "a.b", "single",
]


def fmt_ticks(ticks, digits=7, offset_min=0):
    """Render ticks (UTC) as ISO 8601 with `digits` fraction digits (truncating) and a Z or +hh:mm offset."""
    local = ticks + offset_min * 60 * T
    secs, frac = divmod(local, T)
    dt = EPOCH + timedelta(seconds=secs)
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if digits > 0:
        s += "." + ("%07d" % frac)[:digits]
    if offset_min == 0:
        s += "Z"
    else:
        sign = "+" if offset_min > 0 else "-"
        a = abs(offset_min)
        s += "%s%02d:%02d" % (sign, a // 60, a % 60)
    return s


class Gen:
    def __init__(self, seed, target_events):
        self.r = random.Random(seed)
        self.seed = seed
        self.target = target_events
        self.rows = []
        self.raw_rows = []    # malformed rows (lists) appended verbatim
        r = self.r
        base = int(datetime(2024, 5, 1, tzinfo=timezone.utc).timestamp()) * T
        frac = r.choice([0, 9_999_999, 1, 5_000_000, r.randrange(T)])
        self.now = base + r.randrange(0, 60 * 86400) * T + frac
        self.lo = self.now - DAY          # window start (inclusive)
        self.hi = self.now - T            # window end (inclusive)
        self.devices = []
        self.ip_urls = {}
        self.n_groups = 0

    # --- primitives ------------------------------------------------------------------------------

    def device(self, name=None):
        r = self.r
        if name is None:
            name = "%s%02d.%s" % (r.choice(["ws", "srv", "host", "lap", "Desk"]), r.randrange(100),
                                  r.choice(["contoso.local", "corp.example", "fabrikam.com"]))
        did = hashlib.sha1(name.lower().encode("utf-8")).hexdigest()
        return did, name

    def public_ip(self):
        r = self.r
        while True:
            a = r.randrange(1, 224)
            if a in (10, 127, 0, 100, 169, 172, 192):
                continue
            return "%d.%d.%d.%d" % (a, r.randrange(256), r.randrange(256), r.randrange(1, 255))

    def ipv6_public(self):
        r = self.r
        return "%x:%x:%x::%x" % (r.choice([0x2001, 0x2606, 0x2a00, 0x2607]), r.randrange(0x4000, 0xffff),
                                r.randrange(0xffff), r.randrange(1, 0xffff))

    def urls_for(self, ip):
        if ip not in self.ip_urls:
            k = self.r.randint(1, 4)
            self.ip_urls[ip] = self.r.sample(URL_SHAPES, k)
        return self.ip_urls[ip]

    def ts_style(self):
        """Per-group timestamp rendering style: (digits or None for random per event, offset or None)."""
        r = self.r
        digits = r.choice([7, 7, 7, 6, 3, 0, None, None])
        off = r.choice([0, 0, 0, 0, 60, -480, 330, None])
        return digits, off

    def emit(self, ticks, keys, action="ConnectionSuccess", iptype="Public", url=None, style=(7, 0)):
        r = self.r
        digits, off = style
        if digits is None:
            digits = r.randint(0, 7)
        if off is None:
            off = r.choice([0, 0, 60, -300, 345])
        did, dname, acct, adom, proc, ip, port = keys
        if url is None:
            urls = self.urls_for(ip)
            url = r.choice(urls)
        self.rows.append({
            "Timestamp": fmt_ticks(ticks, digits, off),
            "DeviceId": did, "DeviceName": dname, "ActionType": action, "RemoteIP": ip,
            "RemotePort": "" if port is None else str(port), "RemoteUrl": url, "RemoteIPType": iptype,
            "InitiatingProcessFileName": proc, "InitiatingProcessAccountName": acct,
            "InitiatingProcessAccountDomain": adom,
        })

    def keys(self, ip=None, port=443, dev=None, proc=None, acct=None, adom=None):
        r = self.r
        did, dname = dev if dev is not None else self.device()
        return (did, dname,
                acct if acct is not None else r.choice(["system", "alice", "Alice", "network service", "", "bob.o'neil"]),
                adom if adom is not None else r.choice(["CONTOSO", "contoso", "nt authority", ""]),
                proc if proc is not None else r.choice(["chrome.exe", "Chrome.exe", "powershell.exe", "svchost.exe",
                                                        "rundll32.exe", "beacon.exe", "update, helper.exe", ""]),
                ip if ip is not None else self.public_ip(), port)

    def fit_start(self, total_ticks):
        """A start tick such that [start, start+total] lies inside the window."""
        span = self.hi - self.lo - total_ticks
        if span <= 0:
            return self.lo
        return self.lo + self.r.randrange(span)

    def series_from_deltas(self, deltas, phase=None, start=None):
        """Timestamps with exact integer-second deltas (constant sub-second phase)."""
        r = self.r
        total = sum(deltas) * T + T
        if start is None:
            start = self.fit_start(total)
        if phase is None:
            phase = r.choice([0, 9_999_999, 1, 5_000_000, r.randrange(T)])
        t = (start // T) * T + phase
        out = [t]
        for d in deltas:
            t += d * T
            out.append(t)
        return out

    def jittered_series(self, n, sleep, style, jit):
        r = self.r
        gaps = []
        for _ in range(n - 1):
            if style == "uniform":
                g = sleep * (1 + r.uniform(-jit, jit))
            else:
                g = r.gauss(sleep, jit * sleep)
            gaps.append(max(0.0, g))
        total = int(sum(gaps) * T) + T
        start = self.fit_start(total)
        t = start
        out = [t]
        for g in gaps:
            t += int(g * T)
            out.append(t)
        return out

    def group(self, times, keys, action="ConnectionSuccess", iptype="Public", style=None, dup=0):
        if style is None:
            style = self.ts_style()
        self.n_groups += 1
        for t in times:
            self.emit(t, keys, action, iptype, style=style)
        # exact duplicates (same tick), sometimes rendered differently
        for _ in range(dup):
            t = self.r.choice(times)
            self.emit(t, keys, action, iptype, style=(7, self.r.choice([0, 60, -120])))

    # --- scenario blocks ---------------------------------------------------------------------------

    def periodic_beacons(self, count):
        r = self.r
        for _ in range(count):
            sleep = r.choice([1, 2, 5, 10, 30, 60, 60, 120, 300, 600, r.uniform(1, 600)])
            style = r.choice(["uniform", "gauss"])
            jit = r.uniform(0, 1.0) if style == "uniform" else r.uniform(0, 0.7)
            nmax = max(16, min(150, int(DAY / T / sleep * 0.9)))
            n = r.randint(16, nmax)
            times = self.jittered_series(n, sleep, style, jit)
            self.group(times, self.keys(port=r.choice([80, 443, 8080, 53, 1000, 4444])),
                       dup=r.choice([0, 0, 1, 3]))

    def drift_beacons(self, count):
        r = self.r
        for _ in range(count):
            sleep = r.choice([60.4, 59.7, 300.25, 10.5, 1.0000001, 29.9999999])
            n = r.randint(20, 80)
            times = self.jittered_series(n, sleep, "uniform", 0.0)
            self.group(times, self.keys(), style=(7, 0))

    def near_boundary_beacon(self):
        """Phase just below a second boundary with +-1 tick noise -> sporadic +-1 s artefacts."""
        r = self.r
        sleep = r.choice([30, 60, 120])
        n = r.randint(30, 60)
        start = self.fit_start(n * sleep * T + T)
        base = (start // T) * T
        times = [base + i * sleep * T + 9_999_999 + r.choice([-1, 0, 0, 1]) for i in range(n)]
        self.group(times, self.keys(), style=(7, 0))

    def near_perfect(self, k_artefacts, n=None):
        """Near-constant deltas with k +-1 s artefacts (zero-spread outlier case)."""
        r = self.r
        sleep = r.choice([10, 60, 300])
        if n is None:
            n = r.randint(40, 120)
        deltas = [sleep] * (n - 1)
        for i in r.sample(range(n - 1), k_artefacts):
            deltas[i] = sleep + r.choice([1, -1])
        self.group(self.series_from_deltas(deltas), self.keys(), style=(7, 0))

    def spiky(self, k_spikes, both_sides=False):
        r = self.r
        sleep = r.choice([60, 120, 300])
        n = r.randint(45, 100)
        deltas = [sleep + r.randint(-3, 3) for _ in range(n - 1)]
        for j, i in enumerate(r.sample(range(n - 1), k_spikes)):
            if both_sides and j % 2:
                deltas[i] = r.randint(0, 5)
            else:
                deltas[i] = sleep * r.randint(3, 8)
        self.group(self.series_from_deltas(deltas), self.keys(), style=(r.choice([7, 6]), 0))

    def small_counts(self):
        r = self.r
        for n in (14, 15, 16, 17):
            deltas = [r.choice([60, 61, 59, 60]) for _ in range(n - 1)]
            self.group(self.series_from_deltas(deltas), self.keys(), style=(7, 0))
            # same count with duplicates pushing the raw row count over the threshold
            self.group(self.series_from_deltas(deltas), self.keys(), style=(7, 0), dup=3)
        # 17 distinct, one of them one tick before the window -> 16 in window
        deltas = [120] * 16
        times = self.series_from_deltas(deltas, phase=0, start=self.lo)
        shift = self.lo - 1 - times[0]
        self.group([t + shift for t in times], self.keys(), style=(7, 0))
        # 17 events, the last one tick after the window end -> 16
        shift = self.hi + 1 - times[-1]
        self.group([t + shift for t in times], self.keys(), style=(7, 0))
        # boundaries exactly on lo and hi (inclusive)
        k = self.keys()
        mid = [self.lo + (i + 1) * ((self.hi - self.lo) // 17) for i in range(15)]
        self.group([self.lo] + mid + [self.hi], k, style=(7, 0))

    def zero_deltas(self):
        r = self.r
        # 16-20 distinct ticks in one second -> all deltas 0 -> Jitter NaN
        start = (self.fit_start(10 * T) // T) * T
        times = sorted(r.sample(range(T), r.randint(16, 20)))
        self.group([start + x for x in times], self.keys(), style=(7, 0))
        # bursts: pairs in the same second
        deltas = []
        for _ in range(r.randint(10, 20)):
            deltas += [0, r.choice([60, 60, 61])]
        times = self.series_from_deltas(deltas, phase=100)
        self.group(times, self.keys(), style=(7, 0))

    def ip_variants(self):
        r = self.r
        variants = [
            ("2606:4700::1111", "Public"), ("::ffff:8.8.4.4", "FourToSixMapping"), ("::ffff:10.1.2.3", "FourToSixMapping"),
            ("::FFFF:52.1.2.3", "Public"), ("fe80::1c2:3ff:fe4", "Public"), ("::1", "Public"), ("fd12:3456::7", "Public"),
            ("ff02::fb", "Public"), ("2001:db8::10", "Public"), ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
            ("10.20.30.40", "Public"), ("172.16.5.5", "Public"), ("172.31.255.1", "Public"), ("172.32.0.9", "Public"),
            ("172.15.9.9", "Public"), ("192.168.1.50", "Public"), ("192.169.1.50", "Public"), ("127.0.0.1", "Public"),
            ("127.0.0.1", "Loopback"), ("169.254.10.20", "Public"), ("169.254.10.21", "LinkLocal"), ("0.0.0.0", "Public"),
            ("", "Public"), ("100.64.3.3", "Public"), ("255.255.255.255", "Broadcast"), ("not-an-ip", "Public"),
            ("1.2.3", "Public"), ("8.8.8.8", "Private"), ("8.8.8.9", "private"), ("8.8.8.10", "Reserved"),
            ("8.8.8.11", ""), ("8.8.8.12", "Teredo"), ("8.8.8.13", "loopback"), (self.ipv6_public(), "Public"),
        ]
        chosen = r.sample(variants, r.randint(14, 22))
        for ip, typ in chosen:
            deltas = [r.choice([60, 60, 60, 61, 59, 62]) for _ in range(r.randint(20, 40))]
            self.group(self.series_from_deltas(deltas), self.keys(ip=ip), iptype=typ, style=(7, 0))

    def action_variants(self):
        r = self.r
        for act in ["ConnectionRequest", "ConnectionFailed", "CsonnectionRequest", "CsonnectionFailed",
                    "InboundConnectionAccepted", "connectionsuccess"]:
            if r.random() < 0.7:
                deltas = [r.choice([30, 30, 31]) for _ in range(r.randint(18, 40))]
                self.group(self.series_from_deltas(deltas), self.keys(), action=act, style=(7, 0))
        # mixed actions in one group: 10 success + 8 failed/request
        k = self.keys()
        deltas = [45] * 17
        times = self.series_from_deltas(deltas)
        self.n_groups += 1
        for i, t in enumerate(times):
            act = "ConnectionSuccess" if i % 2 == 0 and i < 20 else r.choice(["ConnectionFailed", "ConnectionRequest"])
            self.emit(t, k, act, "Public", style=(7, 0))
        # mixed success + typo strings (faithful counts both)
        k = self.keys()
        times = self.series_from_deltas([90] * 19)
        self.n_groups += 1
        for i, t in enumerate(times):
            self.emit(t, k, "ConnectionSuccess" if i % 3 else "CsonnectionFailed", "Public", style=(7, 0))

    def null_ports(self):
        r = self.r
        for _ in range(r.randint(2, 4)):
            deltas = [r.choice([120, 120, 121]) for _ in range(r.randint(20, 50))]
            self.group(self.series_from_deltas(deltas), self.keys(port=None), style=(7, 0))
        # null-port near-perfect beacon with 4 artefacts (outlier stage in corrected mode)
        deltas = [60] * 50
        for i in r.sample(range(50), 4):
            deltas[i] = 61
        self.group(self.series_from_deltas(deltas), self.keys(port=None), style=(7, 0))

    def fleets(self):
        r = self.r
        sizes = (10, 11, 9 if self.seed % 2 else 12) if self.r.random() < 0.8 else (9, 10, 11, 12)
        for size in sizes:
            ip = self.public_ip()
            proc = r.choice(["agent.exe", "beacon.exe", "OneDrive.exe"])
            port = r.choice([443, 8443, None, 80])
            deltas = [r.choice([300, 300, 301, 299]) for _ in range(r.randint(20, 40))]
            bad = r.randint(0, 2)   # devices whose copy fails the jitter filter
            for d in range(size):
                dev = self.device("fleet%d-%s-%02d" % (size, r.choice(["a", "B"]), d))
                if d < bad:
                    times = self.jittered_series(len(deltas) + 1, 300, "gauss", 0.9)
                else:
                    times = self.series_from_deltas(deltas)   # identical deltas -> ties in the ordering
                self.group(times, self.keys(ip=ip, port=port, dev=dev, proc=proc, acct="system", adom="nt authority"),
                           style=(7, 0))
            # the same IP and port under a different process name on one more device
            self.group(self.series_from_deltas(deltas),
                       self.keys(ip=ip, port=port, proc=proc.upper(), acct="system", adom="nt authority"),
                       style=(7, 0))

    def ties_and_case(self):
        """Identical delta lists on keys that differ only by case, Unicode normalisation, port."""
        r = self.r
        ip = self.public_ip()
        deltas = [r.choice([15, 15, 16]) for _ in range(30)]
        names = ["host01", "HOST01", "Host01", "ähost", "zhost", unicodedata.normalize("NFC", "café-pc"),
                 unicodedata.normalize("NFD", "café-pc")]
        did_shared = hashlib.sha1(b"host01").hexdigest()
        for nm in names:
            did = did_shared if nm.lower() == "host01" else hashlib.sha1(nm.encode("utf-8")).hexdigest()
            self.group(self.series_from_deltas(deltas),
                       self.keys(ip=ip, port=443, dev=(did, nm), proc="svc.exe", acct="system", adom="nt authority"),
                       style=(7, 0))
        dev = self.device("porttie.contoso.local")
        for port in (80, 443, 1000, 8080, 65535, 0, None):
            self.group(self.series_from_deltas(deltas),
                       self.keys(ip=ip, port=port, dev=dev, proc="svc.exe", acct="system", adom="nt authority"),
                       style=(7, 0))

    def domain_noise(self):
        """Events to the candidate IPs from anywhere, anytime: feed Domains and test its time bound."""
        r = self.r
        ips = list(self.ip_urls.keys())
        for ip in ips:
            for _ in range(r.randint(0, 4)):
                where = r.choice(["lookback", "lookback", "future", "old", "edge", "edge+1", "inwindow"])
                if where == "lookback":
                    t = self.now - 2 * DAY + 1 + r.randrange(DAY)
                elif where == "future":
                    t = self.now + r.randrange(1, 3 * DAY)
                elif where == "old":
                    t = self.now - 2 * DAY - r.randrange(0, DAY)
                elif where == "edge":
                    t = self.now - 2 * DAY           # strict '>' -> excluded
                elif where == "edge+1":
                    t = self.now - 2 * DAY + 1       # included
                else:
                    t = self.lo + r.randrange(self.hi - self.lo)
                url = r.choice(URL_SHAPES + ["lookback-%s.only.example.com" % where.replace("+", "p")])
                k = self.keys(ip=ip, port=r.choice([80, 443, None]))
                self.emit(t, k, r.choice(["ConnectionSuccess", "InboundConnectionAccepted", "ConnectionFailed",
                                          "DnsConnectionInspected"]),
                          r.choice(["Public", "Private", "Loopback"]), url=url, style=(7, 0))

    def outside_window_beacons(self):
        r = self.r
        # a nice beacon entirely between now-2d and now-1d, and one after now
        for base in (self.now - 2 * DAY + 3600 * T, self.now + 60 * T):
            deltas = [60] * 30
            self.group(self.series_from_deltas(deltas, start=base), self.keys(), style=(7, 0))
        # straddling the window start
        deltas = [600] * 40
        self.group(self.series_from_deltas(deltas, start=self.lo - 20 * 600 * T), self.keys(), style=(7, 0))

    def background(self):
        r = self.r
        while len(self.rows) < self.target:
            k = self.keys(ip=r.choice([self.public_ip(), "10.0.0.%d" % r.randrange(256), self.ipv6_public()]),
                          port=r.choice([80, 443, 53, 123, 3389, None]))
            for _ in range(r.randint(1, 6)):
                t = self.now - 2 * DAY + r.randrange(3 * DAY)
                self.emit(t, k, r.choice(["ConnectionSuccess", "ConnectionFailed", "ConnectionRequest",
                                          "InboundConnectionAccepted", "ListeningConnectionCreated"]),
                          r.choice(["Public", "Public", "Private"]), style=self.ts_style())

    def malformed(self):
        r = self.r
        good = dict(self.rows[r.randrange(len(self.rows))])
        for bad_ts in ("2024-13-01T00:00:00Z", "yesterday", "", "2024-02-30T10:00:00Z"):
            row = dict(good)
            row["Timestamp"] = bad_ts
            self.rows.append(row)
        for bad_port in ("http", "4a3", "-"):
            row = dict(good)
            row["RemotePort"] = bad_port
            self.rows.append(row)
        self.raw_rows.append(["short", "row"])

    def build(self):
        r = self.r
        self.periodic_beacons(r.randint(10, 18))
        self.drift_beacons(r.randint(2, 4))
        for _ in range(r.randint(1, 3)):
            self.near_boundary_beacon()
        for k in (1, 2, 3, 4, 5, 6):
            self.near_perfect(k)
        self.near_perfect(4, n=16)
        self.near_perfect(2, n=17)
        for k in (3, 4, 5):
            self.spiky(k)
            self.spiky(k, both_sides=True)
        self.small_counts()
        self.zero_deltas()
        self.ip_variants()
        self.action_variants()
        self.null_ports()
        self.fleets()
        self.ties_and_case()
        self.outside_window_beacons()
        self.domain_noise()
        self.background()
        self.malformed()

    def write(self, path):
        r = self.r
        extras = r.sample(["ReportId", "AdditionalFields", "LocalIP", "Protocol", "TimeGenerated"], r.randint(1, 3))
        cols = COLUMNS + extras
        r.shuffle(cols)
        rows = list(self.rows)
        r.shuffle(rows)
        with open(path, "w", encoding="utf-8", newline="") as f:
            if self.seed % 3 == 0:
                f.write("\ufeff")                       # UTF-8 BOM on some seeds
            w = csv.writer(f, lineterminator="\r\n" if self.seed % 2 else "\n")
            w.writerow(cols)
            for i, row in enumerate(rows):
                ex = {
                    "ReportId": str(r.randrange(10**9)),
                    "AdditionalFields": json.dumps({"k": "v, \"w\"", "n": i}) + ("\nline2" if i % 97 == 0 else ""),
                    "LocalIP": "10.0.%d.%d" % (r.randrange(256), r.randrange(256)),
                    "Protocol": r.choice(["Tcp", "Udp"]),
                    "TimeGenerated": "2020-01-01T00:00:00Z",   # must be ignored: Timestamp is present
                }
                w.writerow([row[c] if c in row else ex[c] for c in cols])
            for raw in self.raw_rows:
                w.writerow(raw)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--events", type=int, default=6000, help="approximate total rows (background fills up)")
    a = ap.parse_args()
    g = Gen(a.seed, a.events)
    g.build()
    g.write(a.out)
    print(fmt_ticks(g.now, 7, 0))
    print("groups=%d rows=%d" % (g.n_groups, len(g.rows)), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, cut from the test fixtures, into OUT/<target>/.

Small pieces (a header and a few dozen records) rather than whole files: libFuzzer mutates short inputs
far faster, and every reader's code paths are reached by a few records. Formats the fixtures do not hold
(Defender JSON, Zeek JSON, the Kusto query result) are converted from fixture rows, as the malformed-input
corpus test does. Usage: seeds.py REPO OUT
"""
import csv
import gzip
import io
import json
import os
import re
import sys

repo, out = sys.argv[1], sys.argv[2]
e2e = os.path.join(repo, "Tests/EndToEndTests/Fixtures")
native = os.path.join(e2e, "native")
ingest = os.path.join(repo, "Tests/BeaconIngestTests/Fixtures")


def read(path):
    with open(path, "rb") as handle:
        data = handle.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def head(data, lines):
    return b"".join(data.splitlines(keepends=True)[:lines])


def write(target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data)


defender_csvs = [
    os.path.join(e2e, "empire_psinject_PEinjection.sysmon3.csv"),
    os.path.join(e2e, "empire_dllinjection_LoadLibrary_CreateRemoteThread.sec5156.csv"),
    os.path.join(e2e, "rita_missing_host.endpoints_only.csv.gz"),
    os.path.join(ingest, "proxy.zeekconn.csv"),
    os.path.join(native, "rita-zeek-beacons/mde/proxy.zeekconn.csv.gz"),
]

# Defender CSV: the fixtures' first rows, one of them gzip-compressed again.
rows = []
for index, path in enumerate(defender_csvs):
    piece = head(read(path), 13)
    write("defender-csv", f"csv-{index}.csv", piece)
    rows += list(csv.DictReader(io.StringIO(piece.decode("utf-8"))))
write("defender-csv", "csv-0.csv.gz", gzip.compress(head(read(defender_csvs[0]), 13), mtime=0))
# A stray quote opening the fourth record (issue 17 item 6): reading resynchronises at the next line.
stray = head(read(defender_csvs[0]), 13).splitlines(keepends=True)
stray[4] = b'"' + stray[4]
write("defender-csv", "csv-stray-quote.csv", b"".join(stray))

# Issue 17: the last row dated 9999-12-31 (set aside from the window's anchor), and a timestamp with nine
# fractional digits (truncated to the tick, noted once per file).
iso = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")
lines = head(read(defender_csvs[0]), 13).splitlines(keepends=True)
write("defender-csv", "far-future.csv", b"".join(lines[:-1] + [iso.sub(b"9999-12-31T00:00:00Z", lines[-1], count=1)]))
write("defender-csv", "nanoseconds.csv", b"".join(lines[:2] + [iso.sub(b"2024-01-01T00:00:00.123456789Z", lines[2], count=1)] + lines[3:]))
# Two byte-order marks, as a tool that adds one on every save leaves (issue 17).
write("defender-csv", "csv-0-bom-twice.csv", b"\xef\xbb\xbf\xef\xbb\xbf" + head(read(defender_csvs[0]), 13))
# JSON without event objects: a bare string, a number, an array of scalars (issue 17).
write("defender-json", "bare-string.json", b'"Timestamp"\n')
write("defender-json", "bare-number.json", b"42")
write("defender-json", "array-of-scalars.json", b'[1, "a", null, true]\n')


def event(row):
    """A Defender record as JSON, RemotePort a number as the API writes it (null when empty)."""
    value = dict(row)
    port = value.get("RemotePort", "")
    value["RemotePort"] = int(port) if port.isdigit() else None
    return value


# Defender JSON in its three shapes: array, lines (bare and as the streaming API wraps them), Advanced Hunting.
for index in range(0, len(rows), 20):
    chunk = [event(row) for row in rows[index:index + 20]]
    write("defender-json", f"array-{index}.json", json.dumps(chunk).encode())
    write("defender-json", f"lines-{index}.jsonl", "".join(json.dumps(item) + "\n" for item in chunk).encode())
    wrapped = "".join(json.dumps({"properties": item}) + "\n" for item in chunk)
    write("defender-json", f"stream-{index}.jsonl", wrapped.encode())
    schema = [{"Name": name, "Type": "String"} for name in chunk[0]]
    write("defender-json", f"hunting-{index}.json", json.dumps({"Schema": schema, "Results": chunk}).encode())

# Windows events as JSON lines (nxlog from the Mordor captures): a few records of each file.
mordor = os.path.join(native, "otrf-mordor-empire-sysmon/original")
for name in sorted(os.listdir(mordor)):
    lines = read(os.path.join(mordor, name)).splitlines(keepends=True)
    sysmon = [line for line in lines if b'"EventID":3,' in line][:6]
    security = [line for line in lines if b'"EventID":5156,' in line][:6]
    write("windows-json", name.replace(".net.jsonl.gz", ".jsonl"), b"".join(lines[:8] + sysmon + security))

# Windows events as XML: the whole fixture, and each event on its own.
xml = read(os.path.join(ingest, "windows-events.xml"))
write("windows-xml", "events.xml", xml)
for index, piece in enumerate(xml.split(b"<Event ")[1:]):
    write("windows-xml", f"event-{index}.xml", b"<Events>\n<Event " + piece.split(b"</Event>")[0] + b"</Event>\n</Events>\n")

# Zeek TSV: conn, http and ssl logs' headers and first records.
zeek_logs = [
    os.path.join(native, "rita-zeek-beacons/original/proxy/conn.log"),
    os.path.join(native, "rita-zeek-beacons/original/proxy/http.log"),
    os.path.join(native, "rita-zeek-beacons/original/proxy/ssl.log"),
    os.path.join(native, "otrf-apt29-zeek/original/day1/SCRANTON_conn.log"),
    os.path.join(native, "rita-zeek-beacons/original/missing_host/2024-04-19/conn.04_00_00-05_00_00.log.gz"),
]
for index, path in enumerate(zeek_logs):
    write("zeek-tsv", f"zeek-{index}.log", head(read(path), 20))


def zeek_json(tsv):
    """Zeek's own JSON writer's shape: one object a record, unset fields left out, numbers as numbers."""
    fields, types, lines = [], [], []
    for line in tsv.decode("utf-8", "replace").splitlines():
        if line.startswith("#fields"):
            fields = line.split("\t")[1:]
        elif line.startswith("#types"):
            types = line.split("\t")[1:]
        elif line and not line.startswith("#"):
            record = {}
            for name, kind, value in zip(fields, types, line.split("\t")):
                if value == "-":
                    continue
                if kind in ("time", "interval", "double"):
                    record[name] = float(value)
                elif kind in ("port", "count", "int"):
                    record[name] = int(value)
                elif kind == "bool":
                    record[name] = value == "T"
                elif kind.startswith("set[") or kind.startswith("vector["):
                    record[name] = value.split(",")
                else:
                    record[name] = value
            lines.append(json.dumps(record))
    return ("\n".join(lines) + "\n").encode()


for index, path in enumerate(zeek_logs):
    write("zeek-json", f"zeek-{index}.json", zeek_json(head(read(path), 20)))

# The hunting query's output as Kusto exports it, one result row per fixture event (CSV and JSON).
result_columns = ["DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
                  "InitiatingProcessFileName", "RemoteIP", "RemotePort", "dcount_DeviceId", "count_",
                  "min_Timestamp", "max_Timestamp", "Duration", "TimeDeltaList", "Jitter", "Domains"]


def result_row(row):
    return {"DeviceId": row["DeviceId"], "DeviceName": row["DeviceName"],
            "InitiatingProcessAccountName": row["InitiatingProcessAccountName"],
            "InitiatingProcessAccountDomain": row["InitiatingProcessAccountDomain"],
            "InitiatingProcessFileName": row["InitiatingProcessFileName"], "RemoteIP": row["RemoteIP"],
            "RemotePort": row["RemotePort"], "dcount_DeviceId": "1", "count_": "4",
            "min_Timestamp": row["Timestamp"], "max_Timestamp": row["Timestamp"], "Duration": "180",
            "TimeDeltaList": "[60,60,60]", "Jitter": "0", "Domains": json.dumps([row["RemoteUrl"]] if row["RemoteUrl"] else [])}


for index in range(0, len(rows), 20):
    results = [result_row(row) for row in rows[index:index + 20]]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=result_columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(results)
    write("kusto-result", f"result-{index}.csv", text.getvalue().encode())
    as_json = [dict(item, TimeDeltaList=json.loads(item["TimeDeltaList"]), Domains=json.loads(item["Domains"]))
               for item in results]
    write("kusto-result", f"result-{index}.json", json.dumps(as_json).encode())

# Triage files: the documented example, each scope, and the header the program writes.
triage = """format = 1

[[decision]]
id = "0b6f7c1e-5d8a-4b8e-9a51-2f1f3c7d9e10"
status = "false-positive"
scope = "destination"
ip = "203.0.113.7"
port = 443
reason = "corporate update server"
author = "alice"
created = 2024-05-01T10:00:00.000Z
updated = 2024-05-01T10:00:00.000Z
expires = 2024-06-01T00:00:00.000Z

[[decision]]
id = "d2"
status = "malicious"
scope = "exact-beacon"
device-id = "be279f07c29d5bb7369b2c2c63828186a94f50b6"
device-name = "workstation5.theshire.local"
account-name = "pgustavo"
account-domain = "theshire"
process = "powershell.exe"
ip = "10.10.10.5"
port = 80
note = "Empire agent"
author = "bob"
created = 2024-05-02T10:00:00Z

[[decision]]
id = "d3"
status = "investigating"
scope = "process-to-destination"
process = "svchost.exe"
ip = "2001:db8::1"
created = 2024-05-03T10:00:00Z

[[decision]]
id = "d4"
status = "new"
scope = "process"
process = "chrome.exe"
created = 2024-05-04T10:00:00Z
"""
write("triage-toml", "decisions.triage.toml", triage.encode())
for index, piece in enumerate(triage.split("\n\n")[1:]):
    write("triage-toml", f"decision-{index}.triage.toml", ("format = 1\n\n" + piece + "\n").encode())

# Filters: the README's examples, one a file.
filters = ["status:malicious jitter:<20", "device:ws-17* -process:chrome.exe", "ip:203.0.113.0/24 port:443",
           "sleep:>=5m events:>10 devices:<=2", "outliers:0 domain:*.example.net", "rundll32", "ip:2001:db8::/32",
           "status:fp -status:new jitter:>=0.5"]
for index, text in enumerate(filters):
    write("filter", f"filter-{index}.txt", text.encode())

# Themes: the shipped ones.
themes = os.path.join(repo, "themes")
for name in sorted(os.listdir(themes)):
    if name.endswith(".toml"):
        write("theme", name, read(os.path.join(themes, name)))

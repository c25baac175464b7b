#!/usr/bin/env python3
"""Writes one generated Defender CSV (`beacon-triage generate`) in every input format the loader reads,
the same connections in each, for measuring peak memory per input byte (docs/PERFORMANCE.md, "Memory per
input byte"). Streams row by row; never holds the data set in memory.

Usage: convert_formats.py EVENTS.csv OUT_FOLDER
Writes csv.csv.gz, json-lines.jsonl, json-array.json, advanced-hunting.json, sysmon.jsonl, sec5156.jsonl,
sysmon.xml, sec5156.xml, zeek-conn.log, zeek-conn.jsonl (Sysmon and 5156 shapes follow the Mordor nxlog
captures and `wevtutil` XML of the test fixtures; Zeek the RITA conn.log's header).
"""
import csv
import gzip
import json
import os
import sys
from datetime import datetime
from xml.sax.saxutils import escape

source, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def rows():
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["RemotePort"].isdigit() and row["LocalPort"].isdigit():
                yield row


def defender(row):
    value = dict(row)
    value["RemotePort"] = int(row["RemotePort"])
    return value


def instant(row):
    text = row["Timestamp"].rstrip("Z")
    whole, _, fraction = text.partition(".")
    moment = datetime.fromisoformat(whole)
    return moment, (fraction + "0000000")[:7]


def sysmon_json(row, index):
    moment, fraction = instant(row)
    utc = moment.strftime("%Y-%m-%d %H:%M:%S") + "." + fraction[:3]
    image = "C:\\Windows\\System32\\" + row["InitiatingProcessFileName"]
    user = row["InitiatingProcessAccountDomain"] + "\\" + row["InitiatingProcessAccountName"]
    proto = row["Protocol"].lower()
    message = (f"Network connection detected:\r\nRuleName: -\r\nUtcTime: {utc}\r\nProcessGuid: {{297bc33e-9de2-5f2d-2208-000000000400}}\r\n"
               f"ProcessId: {row['InitiatingProcessId']}\r\nImage: {image}\r\nUser: {user}\r\nProtocol: {proto}\r\nInitiated: true\r\n"
               f"SourceIsIpv6: false\r\nSourceIp: {row['LocalIP']}\r\nSourceHostname: -\r\nSourcePort: {row['LocalPort']}\r\n"
               f"SourcePortName: -\r\nDestinationIsIpv6: false\r\nDestinationIp: {row['RemoteIP']}\r\nDestinationHostname: -\r\n"
               f"DestinationPort: {row['RemotePort']}\r\nDestinationPortName: -")
    return {"tags": ["mordorDataset"], "@version": "1", "EventType": "INFO", "AccountType": "User", "ThreadID": 4372,
            "DestinationPortName": "-", "DestinationIp": row["RemoteIP"], "SourcePort": row["LocalPort"],
            "Channel": "Microsoft-Windows-Sysmon/Operational", "OpcodeValue": 0, "Hostname": row["DeviceName"],
            "@timestamp": moment.strftime("%Y-%m-%dT%H:%M:%S") + "." + fraction[:3] + "Z", "SourceIp": row["LocalIP"],
            "ProcessId": row["InitiatingProcessId"], "Initiated": "true", "DestinationHostname": "-",
            "host": "wec.internal.cloudapp.net", "Severity": "INFO", "SourceHostname": "-", "SeverityValue": 2,
            "Image": image, "SourceModuleType": "im_msvistalog", "Version": 5,
            "EventTime": moment.strftime("%Y-%m-%d %H:%M:%S"), "Task": 3, "DestinationPort": row["RemotePort"],
            "SourceIsIpv6": "false", "SourceName": "Microsoft-Windows-Sysmon", "Message": message,
            "SourceModuleName": "eventlog", "EventReceivedTime": moment.strftime("%Y-%m-%d %H:%M:%S"), "port": 60122,
            "AccountName": "SYSTEM", "UtcTime": utc, "Domain": "NT AUTHORITY", "ExecutionProcessID": 3284,
            "User": user, "DestinationIsIpv6": "false", "SourcePortName": "-", "UserID": "S-1-5-18", "EventID": 3,
            "ProviderGuid": "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", "RecordNumber": 766592 + index,
            "Keywords": -9223372036854775808, "ProcessGuid": "{297bc33e-9de2-5f2d-2208-000000000400}",
            "Protocol": proto, "RuleName": "-"}


def application(row):
    return "\\device\\harddiskvolume2\\windows\\system32\\" + row["InitiatingProcessFileName"]


def sec5156_json(row, index):
    moment, fraction = instant(row)
    app = application(row)
    proto = "6" if row["Protocol"] == "Tcp" else "17"
    message = ("The Windows Filtering Platform has permitted a connection.\r\n\r\nApplication Information:\r\n"
               f"\tProcess ID:\t\t{row['InitiatingProcessId']}\r\n\tApplication Name:\t{app}\r\n\r\nNetwork Information:\r\n"
               f"\tDirection:\t\tOutbound\r\n\tSource Address:\t\t{row['LocalIP']}\r\n\tSource Port:\t\t{row['LocalPort']}\r\n"
               f"\tDestination Address:\t{row['RemoteIP']}\r\n\tDestination Port:\t\t{row['RemotePort']}\r\n"
               f"\tProtocol:\t\t{proto}\r\n\r\nFilter Information:\r\n\tFilter Run-Time ID:\t69420\r\n"
               "\tLayer Name:\t\tConnect\r\n\tLayer Run-Time ID:\t48")
    return {"tags": ["mordorDataset"], "@version": "1", "EventType": "AUDIT_SUCCESS", "Version": 1, "ThreadID": 2920,
            "EventTime": moment.strftime("%Y-%m-%d %H:%M:%S"), "Task": 12810, "DestAddress": row["RemoteIP"],
            "SourcePort": row["LocalPort"], "Channel": "Security", "SourceName": "Microsoft-Windows-Security-Auditing",
            "OpcodeValue": 0, "Hostname": row["DeviceName"],
            "@timestamp": moment.strftime("%Y-%m-%dT%H:%M:%S") + "." + fraction[:3] + "Z", "Message": message,
            "Category": "Filtering Platform Connection", "Opcode": "Info", "SourceModuleName": "eventlog",
            "ProcessId": row["InitiatingProcessId"], "EventReceivedTime": moment.strftime("%Y-%m-%d %H:%M:%S"),
            "port": 60122, "Application": app, "ExecutionProcessID": 4, "Direction": "%%14593",
            "RemoteMachineID": "S-1-0-0", "host": "wec.internal.cloudapp.net", "DestPort": row["RemotePort"],
            "Severity": "INFO", "LayerRTID": "48", "LayerName": "%%14611", "SeverityValue": 2, "EventID": 5156,
            "SourceAddress": row["LocalIP"], "ProviderGuid": "{54849625-5478-4994-A5BA-3E3B0328C30D}",
            "RecordNumber": 221024 + index, "SourceModuleType": "im_msvistalog", "Keywords": -9214364837600034816,
            "FilterRTID": "69420", "Protocol": proto, "RemoteUserID": "S-1-0-0"}


def xml_event(provider, event_id, row, data, index):
    moment, fraction = instant(row)
    system_time = moment.strftime("%Y-%m-%dT%H:%M:%S") + "." + fraction + "Z"
    cells = "".join(f"<Data Name='{name}'>{escape(value)}</Data>" for name, value in data)
    return (f"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='{provider}'/>"
            f"<EventID>{event_id}</EventID><Version>5</Version><Level>4</Level><Task>3</Task><Opcode>0</Opcode>"
            f"<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='{system_time}'/>"
            f"<EventRecordID>{1000 + index}</EventRecordID><Correlation/><Execution ProcessID='2212' ThreadID='3300'/>"
            f"<Channel>{'Security' if event_id == 5156 else 'Microsoft-Windows-Sysmon/Operational'}</Channel>"
            f"<Computer>{escape(row['DeviceName'])}</Computer><Security UserID='S-1-5-18'/></System>"
            f"<EventData>{cells}</EventData></Event>\n")


def sysmon_xml(row, index):
    record = sysmon_json(row, index)
    names = ["RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image", "User", "Protocol", "Initiated", "SourceIsIpv6",
             "SourceIp", "SourceHostname", "SourcePort", "SourcePortName", "DestinationIsIpv6", "DestinationIp",
             "DestinationHostname", "DestinationPort", "DestinationPortName"]
    return xml_event("Microsoft-Windows-Sysmon", 3, row, [(name, str(record[name])) for name in names], index)


def sec5156_xml(row, index):
    record = sec5156_json(row, index)
    data = [("ProcessID", record["ProcessId"]), ("Application", record["Application"]), ("Direction", "%%14593"),
            ("SourceAddress", row["LocalIP"]), ("SourcePort", row["LocalPort"]), ("DestAddress", row["RemoteIP"]),
            ("DestPort", row["RemotePort"]), ("Protocol", record["Protocol"]), ("FilterRTID", "69420"),
            ("LayerName", "%%14611"), ("LayerRTID", "48"), ("RemoteUserID", "S-1-0-0"), ("RemoteMachineID", "S-1-0-0")]
    return xml_event("Microsoft-Windows-Security-Auditing", 5156, row, data, index)


ZEEK_FIELDS = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration",
               "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp", "missed_bytes", "history",
               "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents"]
ZEEK_TYPES = ["time", "string", "addr", "port", "addr", "port", "enum", "string", "interval", "count", "count", "string",
              "bool", "bool", "count", "string", "count", "count", "count", "count", "set[string]"]


def zeek_values(row, index):
    moment, fraction = instant(row)
    epoch = f"{int(moment.timestamp())}.{fraction[:6]}"
    uid = "C" + format(index * 2654435761 % (1 << 64), "x").rjust(16, "0")[:17]
    return [epoch, uid, row["LocalIP"], row["LocalPort"], row["RemoteIP"], row["RemotePort"], row["Protocol"].lower(),
            "ssl" if row["RemotePort"] == "443" else "-", "0.084044", "1030", "20275", "SF", "T", "F", "0",
            "ShADadFf", "18", "1974", "14", "21011", "-"]


def zeek_json(values):
    record = {}
    for name, kind, value in zip(ZEEK_FIELDS, ZEEK_TYPES, values):
        if value == "-":
            continue
        if kind in ("time", "interval"):
            record[name] = float(value)
        elif kind in ("port", "count"):
            record[name] = int(value)
        elif kind == "bool":
            record[name] = value == "T"
        else:
            record[name] = value
    return record


def open_out(name, mode="w"):
    path = os.path.join(out, name)
    return gzip.open(path, "wt", encoding="utf-8") if name.endswith(".gz") else open(path, mode, encoding="utf-8")


files = {name: open_out(name) for name in ["csv.csv.gz", "json-lines.jsonl", "json-array.json", "advanced-hunting.json",
                                          "sysmon.jsonl", "sec5156.jsonl", "sysmon.xml", "sec5156.xml",
                                          "zeek-conn.log", "zeek-conn.jsonl"]}
writer = None
schema = None
files["sysmon.xml"].write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events>\n")
files["sec5156.xml"].write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events>\n")
files["zeek-conn.log"].write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                             "#open\t2026-11-19-00-00-00\n#fields\t" + "\t".join(ZEEK_FIELDS) + "\n#types\t"
                             + "\t".join(ZEEK_TYPES) + "\n")
for index, row in enumerate(rows()):
    if writer is None:
        writer = csv.DictWriter(files["csv.csv.gz"], fieldnames=list(row.keys()), lineterminator="\n")
        writer.writeheader()
        schema = [{"Name": name, "Type": "Int32" if name == "RemotePort" else "String"} for name in row.keys()]
        files["json-array.json"].write("[\n")
        files["advanced-hunting.json"].write('{"Schema":' + json.dumps(schema) + ',"Results":[\n')
    writer.writerow(row)
    text = json.dumps(defender(row), separators=(",", ":"))
    files["json-lines.jsonl"].write(text + "\n")
    separator = "" if index == 0 else ",\n"
    files["json-array.json"].write(separator + text)
    files["advanced-hunting.json"].write(separator + text)
    files["sysmon.jsonl"].write(json.dumps(sysmon_json(row, index), separators=(",", ":")) + "\n")
    files["sec5156.jsonl"].write(json.dumps(sec5156_json(row, index), separators=(",", ":")) + "\n")
    files["sysmon.xml"].write(sysmon_xml(row, index))
    files["sec5156.xml"].write(sec5156_xml(row, index))
    values = zeek_values(row, index)
    files["zeek-conn.log"].write("\t".join(values) + "\n")
    files["zeek-conn.jsonl"].write(json.dumps(zeek_json(values), separators=(",", ":")) + "\n")
files["json-array.json"].write("\n]\n")
files["advanced-hunting.json"].write("\n]}\n")
files["sysmon.xml"].write("</Events>\n")
files["sec5156.xml"].write("</Events>\n")
files["zeek-conn.log"].write("#close\t2026-11-20-00-00-00\n")
for handle in files.values():
    handle.close()

"""Writes a DeviceNetworkEvents CSV as Defender JSON lines, for the benchmark's JSON lines tier.

    python3 csv_to_jsonl.py events-2m.csv events-2m.jsonl

Even rows are bare event objects; odd rows are wrapped as the streaming API / Event Hub writes them:
{"time": ..., "tenantId": ..., "operationName": ..., "category": ..., "properties": {...},
"_TimeReceivedBySvc": ...}. RemotePort is a JSON number (null when the cell is empty); the other columns
are strings, as Defender writes them.
"""

import csv
import json
import sys


def main(argv):
    source, target = argv
    with open(source, newline="", encoding="utf-8") as inp, open(target, "w", encoding="utf-8") as out:
        for index, row in enumerate(csv.DictReader(inp)):
            port = row.get("RemotePort", "")
            row["RemotePort"] = int(port) if port.strip() else None
            if index % 2:
                record = {"time": row["Timestamp"], "tenantId": "00000000-0000-0000-0000-000000000000",
                          "operationName": "Publish", "category": "AdvancedHunting-DeviceNetworkEvents",
                          "properties": row, "_TimeReceivedBySvc": row["Timestamp"]}
            else:
                record = row
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

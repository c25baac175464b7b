"""Splits a time-ordered DeviceNetworkEvents CSV into one gzip file per hour, as rotated logs come.

    python3 split_by_hour.py events.csv FOLDER

Each file is FOLDER/events-YYYY-MM-DDTHH.csv.gz: the header, then that hour's rows (the hour is the
Timestamp's first 13 characters). gzip level 6 (gzip's own default) and no time stamp in the gzip
header, so the same CSV always gives the same bytes.
"""

import gzip
import pathlib
import sys


def main(argv):
    source, folder = pathlib.Path(argv[0]), pathlib.Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as rows:
        header = rows.readline()
        hour, out = None, None
        for row in rows:
            if row[:13] != hour:
                if out:
                    out.close()
                hour = row[:13]
                name = folder / f"events-{hour.decode()}.csv.gz"
                out = gzip.GzipFile(name, "wb", compresslevel=6, mtime=0)
                out.write(header)
            out.write(row)
        if out:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Compare two JSON-lines outputs of the beacon query row by row, in order.

    python3 compare_jsonl.py EXPECTED.jsonl ACTUAL.jsonl [--rel 1e-9] [--abs 1e-12] [--max-diffs 20]

Rules: same number of rows, same keys per row; ints, strings, bools, nulls and lists compared exactly
(lists element-wise with the same rules, so a list of floats gets the tolerance); floats within --rel
relative tolerance (or --abs absolute near zero). An int and a float are compared numerically only when
one side is a float (60 vs 60.0 is fine for a float field); int fields must be ints on both sides.
Exit 0 when equal, 1 otherwise (2 on unreadable input).
"""

import argparse
import json
import math
import sys


def load(path):
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    print("%s:%d: invalid JSON: %s" % (path, n, e), file=sys.stderr)
                    sys.exit(2)
    except OSError as e:
        print("%s: %s" % (path, e.strerror), file=sys.stderr)
        sys.exit(2)
    return rows


def same(a, b, rel, absol):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return False
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= max(rel * max(abs(a), abs(b)), absol)
    if isinstance(a, list) or isinstance(b, list):
        if not (isinstance(a, list) and isinstance(b, list)) or len(a) != len(b):
            return False
        return all(same(x, y, rel, absol) for x, y in zip(a, b))
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)) or a.keys() != b.keys():
            return False
        return all(same(a[k], b[k], rel, absol) for k in a)
    return type(a) is type(b) and a == b


KEY_FIELDS = ["DeviceName", "InitiatingProcessFileName", "RemoteIP", "RemotePort"]


def label(row):
    return " ".join("%s=%s" % (k, json.dumps(row.get(k), ensure_ascii=False)) for k in KEY_FIELDS)


def short(v, n=160):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "..."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--rel", type=float, default=1e-9)
    ap.add_argument("--abs", dest="absol", type=float, default=1e-12)
    ap.add_argument("--max-diffs", type=int, default=20)
    a = ap.parse_args()
    exp = load(a.expected)
    act = load(a.actual)
    diffs = []
    if len(exp) != len(act):
        diffs.append("row count: expected %d, actual %d" % (len(exp), len(act)))
        ek = {label(r) for r in exp}
        ak = {label(r) for r in act}
        for k in sorted(ek - ak)[:10]:
            diffs.append("  only in expected: %s" % k)
        for k in sorted(ak - ek)[:10]:
            diffs.append("  only in actual:   %s" % k)
    for i, (e, r) in enumerate(zip(exp, act)):
        if len(diffs) >= a.max_diffs:
            break
        if not isinstance(e, dict) or not isinstance(r, dict):
            diffs.append("row %d: not an object" % (i + 1))
            continue
        if e.keys() != r.keys():
            missing = sorted(set(e) - set(r))
            extra = sorted(set(r) - set(e))
            diffs.append("row %d (%s): keys differ; missing %s, extra %s" % (i + 1, label(e), missing, extra))
        for k in e:
            if k in r and not same(e[k], r[k], a.rel, a.absol):
                diffs.append("row %d (%s): %s expected %s, actual %s" % (i + 1, label(e), k, short(e[k]), short(r[k])))
                if len(diffs) >= a.max_diffs:
                    break
    if diffs:
        for d in diffs[:a.max_diffs]:
            print(d)
        print("MISMATCH (%s%d difference(s) shown; %d expected rows, %d actual rows)"
              % ("first " if len(diffs) >= a.max_diffs else "", min(len(diffs), a.max_diffs), len(exp), len(act)))
        return 1
    print("OK: %d rows equal" % len(exp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

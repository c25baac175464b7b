#!/usr/bin/env python3
"""Differential check of beacon-triage's TOML parser (Sources/TOML) against Python's tomllib (3.11+).

Generates random TOML documents that are valid by construction (every value kind and spelling, bare,
quoted and dotted keys, tables, inline tables, arrays of tables, comments, CRLF), and mutated copies of
them (a character deleted, inserted, replaced, a line doubled or moved), writes them to a folder, runs
them all through `toml-dump` (Fuzz/Sources/toml-dump) in one process, and compares with tomllib:
accept/reject, and for documents both accept, every value (types, strings, integers, floats to the bit,
the fields of dates and times, key order).

Differences that are tomllib's own, where the TOML 1.0 spec sides with the Swift parser, are counted
apart (see KNOWN below) rather than as failures. Failing documents are written to OUT/failures/.

    Fuzz/toml_differential.py [--count N] [--seed S] [--out DIR] [--dump PATH]

Without --dump, builds toml-dump (release) with `swift build --package-path Fuzz --product toml-dump`.
Exit status 1 when an unexplained difference remains.
"""
import argparse
import datetime
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tomllib

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


# MARK: Generating valid documents

class Gen:
    def __init__(self, rng):
        self.r = rng

    def chance(self, p):
        return self.r.random() < p

    # Keys
    def key_name(self):
        r = self.r
        kind = r.random()
        if kind < 0.6:
            return "".join(r.choice("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-") for _ in range(r.randint(1, 8)))
        if kind < 0.8:
            return self.string_content(single_line=True, max_len=6)
        return r.choice(["", " ", "a.b", "ʎǝʞ", "key with spaces", "1234", "-", "true", "inf", "#", "=", "é"])

    def key_text(self, name):
        r = self.r
        bare = name != "" and all(c.isascii() and (c.isalnum() or c in "_-") for c in name)
        if bare and r.random() < 0.8:
            return name
        if "'" not in name and "\n" not in name and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in name) and r.random() < 0.4:
            return "'" + name + "'"
        return self.basic(name)

    def dotted(self, names):
        r = self.r
        sep = lambda: r.choice([".", ".", " . ", ".\t", " ."])
        return sep().join(self.key_text(n) for n in names)

    # Strings
    def string_content(self, single_line=False, max_len=12):
        r = self.r
        pool = ["a", "b", "Z", " ", "\t", "\"", "'", "\\", "é", "☃", "😀", "\u202e", "\u0000", "\u001b", "\u007f",
                "#", "=", "[", "]", "{", "}", ",", ".", "\u0085", "\uffff", "\U0010ffff"]
        if not single_line:
            pool += ["\n", "\r\n", "\r"]
        return "".join(r.choice(pool) for _ in range(r.randint(0, max_len)))

    def basic(self, s):
        r = self.r
        out = ['"']
        for c in s:
            o = ord(c)
            if c == '"':
                out.append('\\"')
            elif c == "\\":
                out.append("\\\\")
            elif c in "\b\t\n\f\r" and r.random() < 0.7:
                out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[c])
            elif o < 0x20 and c != "\t" or o == 0x7F:
                out.append("\\u%04X" % o if r.random() < 0.5 else "\\U%08x" % o)
            elif o > 0x7F and r.random() < 0.3:
                out.append("\\u%04x" % o if o <= 0xFFFF else "\\U%08X" % o)
            else:
                out.append(c)
        out.append('"')
        return "".join(out)

    def ml_basic(self, s):
        r = self.r
        out = ['"""']
        if r.random() < 0.5:
            out.append(r.choice(["\n", "\r\n"]))  # trimmed
        run = 0
        for c in s:
            if c == '"':
                run += 1
                if run == 3:
                    out.append('\\"')
                    run = 0
                    continue
                out.append(c)
                continue
            run = 0
            o = ord(c)
            if c == "\\":
                out.append("\\\\")
            elif c == "\n":
                out.append(r.choice(["\n", "\r\n", "\\n"]))
            elif c == "\r":
                out.append("\\r")
            elif o < 0x20 and c != "\t" or o == 0x7F:
                out.append("\\u%04x" % o)
            else:
                out.append(c)
            if r.random() < 0.05:
                # A line-ending backslash: it and the whitespace after it vanish.
                out.append("\\" + r.choice(["", " ", "\t"]) + r.choice(["\n", "\r\n"]) + r.choice(["", "   ", "\n  \n"]))
        text = "".join(out)
        # Up to two quotes may end the content right before the closing delimiter.
        if text.endswith('"'):
            tail = len(text) - len(text.rstrip('"'))
            if tail > 2 or text.endswith('\\"'):
                text += " "
        return text + '"""'

    def literal(self, s):
        return "'" + s + "'"

    def ml_literal(self, s):
        return "'''" + self.r.choice(["", "\n"]) + s + "'''"

    def string_value(self):
        r = self.r
        kind = r.random()
        s = self.string_content(single_line=kind < 0.5)
        if kind < 0.4:
            return self.basic(s)
        if kind < 0.5:
            s = "".join(c for c in s if c not in "'\n\r" and (ord(c) >= 0x20 or c == "\t") and ord(c) != 0x7F)
            return self.literal(s)
        if kind < 0.8:
            return self.ml_basic(s)
        s = "".join(c for c in s if (ord(c) >= 0x20 or c in "\t\n") and ord(c) != 0x7F)
        while "'''" in s:
            s = s.replace("'''", "''")
        if s.endswith("''"):
            s = s[:-2]
        return self.ml_literal(s)

    # Numbers
    def underscored(self, digits):
        r = self.r
        if len(digits) < 2 or r.random() < 0.6:
            return digits
        out = digits[0]
        for d in digits[1:]:
            if r.random() < 0.3:
                out += "_"
            out += d
        return out

    def integer(self):
        r = self.r
        kind = r.random()
        if kind < 0.5:
            v = r.choice([0, 1, -1, 7, 42, 1000, INT64_MAX, INT64_MIN, r.randint(-10 ** 6, 10 ** 6), r.randint(INT64_MIN, INT64_MAX)])
            text = self.underscored(str(abs(v)))
            sign = "-" if v < 0 else r.choice(["", "", "+"])
            return sign + text
        v = r.choice([0, 1, 255, 0xDEADBEEF, INT64_MAX, r.randint(0, INT64_MAX)])
        base = r.choice(["x", "o", "b"])
        digits = {"x": "%x", "o": "%o", "b": "{:b}"}[base]
        body = digits.format(v) if base == "b" else digits % v
        if base == "x" and r.random() < 0.5:
            body = body.upper()
        if r.random() < 0.2:
            body = "00" + body
        return "0" + base + self.underscored(body)

    def float_value(self):
        r = self.r
        kind = r.random()
        if kind < 0.1:
            return r.choice(["", "+", "-"]) + r.choice(["inf", "nan"])
        sign = r.choice(["", "", "+", "-"])
        int_part = r.choice(["0", "1", "3", str(r.randint(1, 10 ** 9))])
        text = sign + self.underscored(int_part)
        has_frac = r.random() < 0.7
        if has_frac:
            text += "." + self.underscored("".join(r.choice("0123456789") for _ in range(r.randint(1, 17))))
        if not has_frac or r.random() < 0.3:
            text += r.choice("eE") + r.choice(["", "+", "-"]) + self.underscored(str(r.choice([0, 1, 5, 22, 308, 309, 324, 400, r.randint(0, 30)])).zfill(r.randint(1, 3)))
        return text

    # Dates and times
    def date(self):
        r = self.r
        y = r.choice([1, 1979, 2000, 2024, 9999, r.randint(1, 9999)])
        m = r.randint(1, 12)
        days = [31, 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        d = r.choice([1, days, r.randint(1, days)])
        return "%04d-%02d-%02d" % (y, m, d)

    def time(self):
        r = self.r
        t = "%02d:%02d:%02d" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
        if r.random() < 0.4:
            t += "." + "".join(r.choice("0123456789") for _ in range(r.randint(1, 12)))
        return t

    def datetime_value(self):
        r = self.r
        kind = r.random()
        if kind < 0.2:
            return self.date()
        if kind < 0.35:
            return self.time()
        text = self.date() + r.choice("Tt ") + self.time()
        if kind < 0.55:
            return text
        if r.random() < 0.4:
            return text + r.choice("Zz")
        return text + r.choice("+-") + "%02d:%02d" % (r.randint(0, 23), r.randint(0, 59))

    # Composite values
    def value(self, depth):
        r = self.r
        kind = r.random()
        if depth < 4 and kind < 0.12:
            return self.array(depth + 1)
        if depth < 4 and kind < 0.2:
            return self.inline_table(depth + 1)
        kind = r.random()
        if kind < 0.3:
            return self.string_value()
        if kind < 0.5:
            return self.integer()
        if kind < 0.65:
            return self.float_value()
        if kind < 0.75:
            return r.choice(["true", "false"])
        return self.datetime_value()

    def blank(self):
        r = self.r
        return r.choice(["", "", " ", "\n", "\r\n", " # c\n", "\n  # comment, [x] = {}\n  ", "\t"])

    def array(self, depth):
        r = self.r
        items = [self.value(depth) for _ in range(r.randint(0, 4))]
        if not items:
            return "[" + self.blank() + "]"
        out = "["
        for i, item in enumerate(items):
            out += self.blank() + item + self.blank()
            if i < len(items) - 1 or r.random() < 0.3:
                out += ","
        return out + self.blank() + "]"

    def inline_table(self, depth):
        r = self.r
        pairs = []
        used = set()
        for _ in range(r.randint(0, 4)):
            names = [self.key_name() for _ in range(r.choice([1, 1, 1, 2, 3]))]
            if any(tuple(names[:i]) in used for i in range(1, len(names) + 1)) or any(p[:len(names)] == tuple(names) for p in used):
                continue
            used.add(tuple(names))
            sp = lambda: r.choice(["", " ", "\t"])
            pairs.append(self.dotted(names) + sp() + "=" + sp() + self.value(depth))
        if not pairs:
            return "{" + r.choice(["", " "]) + "}"
        return "{" + r.choice(["", " "]) + ", ".join(pairs) + r.choice(["", " "]) + "}"

    # Documents
    def document(self):
        """Headers, arrays of tables and key/value lines (dotted keys too), keeping TOML's rules: no key
        defined twice, [a] after [a.b] once, no header for a table dotted keys made, no dotted key into a
        table another section defined."""
        r = self.r
        nl = "\r\n" if r.random() < 0.15 else "\n"
        lines = []
        values, tables, implicit, arrays = set(), set(), set(), set()
        section_dotted = set()

        def under(path):
            return any(p[:len(path)] == path for p in values | tables | implicit | arrays)

        def prefixes_are_tables(path):
            return all(path[:i] not in values and path[:i] not in arrays for i in range(1, len(path)))

        def pairs(section, count):
            for _ in range(count):
                names = tuple(self.key_name() for _ in range(r.choice([1, 1, 1, 2, 3])))
                full = section + names
                if not prefixes_are_tables(full) or under(full):
                    continue
                middles = [section + names[:i] for i in range(1, len(names))]
                if any((m in tables or m in implicit) and m not in section_dotted for m in middles):
                    continue
                for m in middles:
                    tables.add(m)
                    section_dotted.add(m)
                values.add(full)
                lines.append(r.choice(["", " ", "\t"]) + self.dotted(names) + r.choice([" = ", "=", " =\t"]) + self.value(0)
                             + r.choice(["", "", " # trailing comment"]))

        if r.random() < 0.3:
            lines.append("# a document")
        pairs((), r.randint(0, 4))
        for _ in range(r.randint(0, 5)):
            header = tuple(self.key_name() for _ in range(r.choice([1, 1, 2, 3])))
            if r.random() < 0.2 and tables | implicit:
                # A sub-table of one already there, or the table of an earlier sub-table.
                base = r.choice(sorted(tables | implicit))
                header = base + header[:1] if r.random() < 0.5 else base
            if not prefixes_are_tables(header) or header in values:
                continue
            section_dotted.clear()
            if r.random() < 0.25:
                if header not in arrays and (under(header) or header in tables or header in implicit):
                    continue
                for i in range(1, len(header)):
                    if header[:i] not in tables:
                        implicit.add(header[:i])
                arrays.add(header)
                for _ in range(r.randint(1, 3)):
                    lines.append("")
                    lines.append("[[" + self.dotted(header) + "]]")
                    outer = (set(values), set(tables), set(implicit))
                    pairs(header, r.randint(0, 3))
                    # The next element starts empty: forget what this one held.
                    values, tables, implicit = outer
                    section_dotted.clear()
                continue
            if header in tables or header in arrays:
                continue
            if any(p[:len(header)] == header and p != header and p in values for p in values):
                continue
            implicit.discard(header)
            tables.add(header)
            for i in range(1, len(header)):
                if header[:i] not in tables:
                    implicit.add(header[:i])
            lines.append(self.blank().rstrip("\r\n") if r.random() < 0.2 else "")
            lines.append(r.choice(["", " "]) + "[" + r.choice(["", " "]) + self.dotted(header) + r.choice(["", " "]) + "]")
            pairs(header, r.randint(0, 4))
        return nl.join(lines) + r.choice(["", nl])


# MARK: Mutations

NOISE = list("[]{}=,.\"'\\#\n\t 0123456789abcdefxobTtZz+-_:") + ["\r", "\x00", "\x01", "\x7f", "é", "\u2028", "\ufeff", '"""', "'''", "[[", "]]"]


def mutate(text, rng):
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        kind = rng.random()
        pos = rng.randint(0, len(text))
        if kind < 0.25 and text:
            text = text[:pos] + text[pos + 1:]
        elif kind < 0.55:
            text = text[:pos] + rng.choice(NOISE) + text[pos:]
        elif kind < 0.75 and text:
            text = text[:pos] + rng.choice(NOISE) + text[pos + 1:]
        elif kind < 0.88 and len(lines) > 1:
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
            text = "\n".join(lines)
        elif len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


# Hand-picked corners the generator reaches rarely or never.
EDGES = [
    "a = 9223372036854775807\nb = -9223372036854775808", "a = 9223372036854775808", "a = -9223372036854775809",
    "a = 0x7fffffffffffffff", "a = 0xffffffffffffffff", "a = 0o777777777777777777777", "a = 0b" + "1" * 64,
    "a = 1e400", "a = -1e400", "a = 5e-324", "a = 1e-400", "a = 0.1", "a = 1.7976931348623157e308", "a = 0e0", "a = -0.0",
    "a = 1979-05-27T00:00:00+00:60", "a = 1979-05-27T00:00:00+23:59", "a = 1979-05-27T00:00:00-00:00",
    "a = 0000-01-01", "a = 1979-05-27T23:59:60Z", "a = 2000-02-29", "a = 2100-02-29", "a = 00:00:00.0000001",
    "\ufeffa = 1", 'a = "\\u0000"', 'a = "\\uDFFF"', 'a = "\\U0010FFFF"', 'a = "\\e"', 'a = "\\x41"',
    'a = """\\\n\n  \n"""', "a = '", 'a = """""""""', 'a = """"""""', "a = [\n# c\n1,\n]", "a = {}",
    "a = {b = 1,}", "[a]\n[a.b]\n[a]", "[a.b]\n[a]\n[a]", "a.b = 1\n[a]", "[a]\nb.c = 1\n[a.b.d]", "[[a]]\n[a.b]\n[[a]]\n[a.b]",
    "a = 1\r\nb = 2\r\n", "a = 1\rb = 2", "a = 'x' # \x7f", "a = 07:32:00Z", "a = 1979-05-27 07:32:00", "a = 1979-05-27 ",
    "a = 1979-05-27T07:32", "a = +inf\nb = -nan", "a = infinity", "a = 1_000_", "a = 01", "a = 0_1", "a = 1.e2", "a = 1e+_2",
    '"a\\tb" = 1', "'a\\tb' = 1", "a . b . c = 1", "[ a . b ]", "[[ a ]]", "[[a] ]", "a = [1,]", "a = [,]", "true = false",
    "inf = nan", "1979-05-27 = 1", "a = tru", "a = truee",
]

# MARK: Comparing

class OutOfRange(Exception):
    pass


def tag(value):
    """tomllib's result in toml-dump's tagged form."""
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise OutOfRange(value)
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        return {"type": "float", "value": value}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        fields = {"year": value.year, "month": value.month, "day": value.day, "hour": value.hour, "minute": value.minute,
                  "second": value.second, "microsecond": value.microsecond}
        if value.tzinfo is None:
            return {"type": "datetime-local", "value": fields}
        fields["offset"] = int(value.utcoffset().total_seconds() // 60)
        return {"type": "datetime", "value": fields}
    if isinstance(value, datetime.date):
        return {"type": "date-local", "value": {"year": value.year, "month": value.month, "day": value.day}}
    if isinstance(value, datetime.time):
        return {"type": "time-local", "value": {"hour": value.hour, "minute": value.minute, "second": value.second,
                                                "microsecond": value.microsecond}}
    if isinstance(value, list):
        return [tag(v) for v in value]
    return {k: tag(v) for k, v in value.items()}


def same(py, sw, path="$"):
    """None when equal, else where and how they differ."""
    if isinstance(py, list):
        if not isinstance(sw, list) or len(py) != len(sw):
            return f"{path}: array {py!r} vs {sw!r}"
        for i, (a, b) in enumerate(zip(py, sw)):
            d = same(a, b, f"{path}[{i}]")
            if d:
                return d
        return None
    if "type" not in py or not isinstance(py.get("type"), str) or set(py) != {"type", "value"}:
        if not isinstance(sw, dict) or "type" in sw and set(sw) == {"type", "value"} and isinstance(sw["type"], str):
            return f"{path}: table vs {sw!r}"
        if list(py) != list(sw):
            return f"{path}: keys {list(py)} vs {list(sw)}"
        for k in py:
            d = same(py[k], sw[k], f"{path}.{k}")
            if d:
                return d
        return None
    if not isinstance(sw, dict) or sw.get("type") != py["type"]:
        return f"{path}: {py!r} vs {sw!r}"
    a, b = py["value"], sw["value"]
    if py["type"] == "float":
        b = float(b)
        if math.isnan(a) and math.isnan(b):
            return None
        if a != b or math.copysign(1, a) != math.copysign(1, b):
            return f"{path}: float {a!r} vs {b!r}"
        return None
    if isinstance(a, dict):
        b = dict(b)
        if "nanosecond" in b:
            b["microsecond"] = b.pop("nanosecond") // 1000  # tomllib keeps microseconds, truncated
        return None if a == b else f"{path}: {a} vs {b}"
    return None if a == b else f"{path}: {a!r} vs {b!r}"


# Where tomllib departs from TOML 1.0 and the Swift parser follows the spec: (name, test on the text and
# the two results). Counted, reported, not failures.
KNOWN = [
    ("integer beyond 64 bits (tomllib has unbounded ints; the spec asks for an error)",
     lambda text, py, sw: py == "out-of-range" and not sw["ok"] and "64-bit" in sw["message"]),
    ("byte order mark (tomllib refuses it; the Swift parser skips it, as editors write it)",
     lambda text, py, sw: py == "reject" and sw["ok"] and text.startswith("\ufeff")),
    ("year 0000 (tomllib's datetime starts at year 1; RFC 3339 has 0000)",
     lambda text, py, sw: py == "reject" and sw["ok"] and "0000-" in text),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=5000, help="valid documents; as many mutated ones again")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=".build-dump/differential")
    ap.add_argument("--dump", help="the toml-dump binary (built when missing)")
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dump = args.dump
    if not dump:
        subprocess.run(["swift", "build", "-c", "release", "--package-path", os.path.join(repo, "Fuzz"), "--product", "toml-dump",
                        "--scratch-path", os.path.join(repo, ".build-dump")], check=True, stdout=subprocess.DEVNULL)
        dump = os.path.join(repo, ".build-dump/release/toml-dump")

    rng = random.Random(args.seed)
    gen = Gen(rng)
    docs = [("edge", text) for text in EDGES]
    for i in range(args.count):
        text = gen.document()
        docs.append(("valid", text))
        docs.append(("mutated", mutate(text, rng)))

    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    inputs = os.path.join(out, "inputs")
    os.makedirs(inputs)
    for i, (_, text) in enumerate(docs):
        with open(os.path.join(inputs, "%06d.toml" % i), "wb") as f:
            f.write(text.encode("utf-8", "surrogatepass"))
    lines = subprocess.run([dump, inputs], check=True, capture_output=True, text=True).stdout.split("\n")[:-1]
    results = [json.loads(line) for line in lines]
    assert len(results) == len(docs), (len(results), len(docs))

    stats = {"edge": [0, 0, 0], "valid": [0, 0, 0], "mutated": [0, 0, 0]}  # documents, tomllib accepts, Swift accepts
    agree = {"edge": 0, "valid": 0, "mutated": 0}
    known = {name: 0 for name, _ in KNOWN}
    failures = []
    for i, ((kind, text), sw) in enumerate(zip(docs, results)):
        stats[kind][0] += 1
        try:
            py_value = tag(tomllib.loads(text))
            py = "accept"
        except tomllib.TOMLDecodeError:
            py, py_value = "reject", None
        except OutOfRange:
            py, py_value = "out-of-range", None
        stats[kind][1] += py == "accept"
        stats[kind][2] += bool(sw["ok"])
        if py == "out-of-range":
            diff = "tomllib reads an integer beyond 64 bits, Swift " + ("accepts" if sw["ok"] else "rejects: " + sw["message"])
        elif py == "accept" and sw["ok"]:
            diff = same(py_value, sw["value"])
        elif (py == "accept") == bool(sw["ok"]):
            diff = None
        else:
            diff = f"tomllib {py}, Swift " + ("accepts" if sw["ok"] else f"rejects: {sw['line']}:{sw['column']}: {sw['message']}")
        if diff is None:
            agree[kind] += 1
            continue
        explained = next((name for name, test in KNOWN if test(text, py, sw)), None)
        if explained:
            known[explained] += 1
            continue
        failures.append((i, kind, diff))

    folder = os.path.join(out, "failures")
    os.makedirs(folder, exist_ok=True)
    for i, kind, diff in failures:
        shutil.copy(os.path.join(inputs, "%06d.toml" % i), folder)
    print(f"documents: {len(docs)} (seed {args.seed})")
    for kind in ("edge", "valid", "mutated"):
        n, py_ok, sw_ok = stats[kind]
        print(f"  {kind:8} {n:6}  tomllib accepts {py_ok:6}  Swift accepts {sw_ok:6}  agree {agree[kind]:6}")
    for name, count in known.items():
        print(f"  tomllib-specific: {count:5}  {name}")
    print(f"  unexplained differences: {len(failures)}")
    for i, kind, diff in failures[:20]:
        print(f"    {i:06d}.toml ({kind}): {diff}"[:300])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

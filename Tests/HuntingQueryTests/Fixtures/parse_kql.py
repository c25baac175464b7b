#!/usr/bin/env python3
"""Parse KQL files with the ANTLR grammar of KQL from PyPI (kusto-query-language-parser).

    python3 -m venv /tmp/kqlvenv && /tmp/kqlvenv/bin/pip install kusto-query-language-parser
    /tmp/kqlvenv/bin/python Tests/HuntingQueryTests/Fixtures/parse_kql.py FILE.kql [FILE.kql ...]

Each file is parsed from the grammar's `top` rule (statements separated by `;`, to the end of the input).
Every lexer or parser error is printed as `file:line:column: message`; the exit status is 1 when any file
has one, 2 when a file cannot be read or the package is missing, 0 when every file parses.

The grammar checks syntax only: function names, argument counts and types, and column names are not
checked, so a file that parses here can still be refused by Kusto.
"""

import sys

try:
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener
    from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer
    from kusto_query_language_parser.parse_tools.KqlParser import KqlParser
except ImportError as error:  # pragma: no cover - environment problem, not a syntax error
    print(f"parse_kql: {error}; pip install kusto-query-language-parser", file=sys.stderr)
    sys.exit(2)


class Collect(ErrorListener):
    """Records every syntax error instead of printing it to the console."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.errors = []

    def syntaxError(self, recognizer, offendingSymbol, line, column, msg, e):
        self.errors.append(f"{self.path}:{line}:{column + 1}: {msg}")


def parse(path):
    """The errors of one file, empty when it parses."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    errors = Collect(path)
    lexer = KqlLexer(InputStream(text))
    lexer.removeErrorListeners()
    lexer.addErrorListener(errors)
    parser = KqlParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(errors)
    parser.top()
    return errors.errors


def main(paths):
    if not paths:
        print("usage: parse_kql.py FILE.kql [FILE.kql ...]", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            errors = parse(path)
        except OSError as error:
            print(f"{path}: {error.strerror}", file=sys.stderr)
            return 2
        if errors:
            failed += 1
            for line in errors:
                print(line, file=sys.stderr)
        else:
            print(f"{path}: ok")
    print(f"{len(paths) - failed} of {len(paths)} parsed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

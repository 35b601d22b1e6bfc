"""``parkie validate FILE...``: check doccano JSONL corpus files against the annotation schema.

Prints every problem (``path:line [id] code: message``), then a summary. Exit status: 0 when
no error was found (warnings such as ``span-whitespace`` do not count unless ``--strict``),
1 when there were problems, 2 when a file cannot be opened.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from parkie.errors import InputError
from parkie.formats.validate import Report, format_summary, validate_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check doccano JSONL corpus files against the schema")
    p.add_argument("files", nargs="+", help="doccano relation JSONL files")
    p.add_argument("--strict", action="store_true", help="warnings fail the run too")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for f in args.files:  # refuse before printing anything when a file is missing
        if not Path(f).is_file():
            raise InputError(f, "no such file")
    report = Report()
    for f in args.files:
        problems = validate_file(f, report)  # InputError (missing file) -> exit 2 in main
        if not args.quiet:
            for prob in problems:
                suffix = " (warning)" if prob.severity == "warning" else ""
                print(f"{prob}{suffix}")
    print(format_summary(report))
    failing = report.problems if args.strict else report.errors
    return 1 if failing else 0

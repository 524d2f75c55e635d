"""``practice-sim schema``: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.authoring.schemafile import (
    DEFAULT_REF,
    add_header,
    dumps,
    fragment_schema,
    scenario_schema,
    write_schemas,
)
from sim.cli.common import fail, out

HELP = "print the JSON Schema (draft 2020-12) of scenario files, or add it to an editor's view"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("--include", action="store_true",
                        help="the schema of files named by include: instead")
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE")
    parser.add_argument("--write", metavar="FOLDER",
                        help="write both schemas into FOLDER/schema/ (e.g. scenarios)")
    parser.add_argument("--add-header", nargs="+", metavar="YAML",
                        help="start these files with `# yaml-language-server: $schema=REF`")
    parser.add_argument("--ref", default=DEFAULT_REF,
                        help=f"the schema reference for --add-header (default {DEFAULT_REF}, "
                             "relative to each file)")


def run(args: argparse.Namespace) -> int:
    """Print or write the schema, or add header lines."""
    if args.write:
        for path in write_schemas(args.write):
            out(f"wrote {path}")
    if args.add_header:
        for name in args.add_header:
            try:
                changed = add_header(name, args.ref)
            except (OSError, UnicodeDecodeError) as exc:
                return fail(f"{name}: can't add the header: {exc}")
            out(f"{name}: {'header added' if changed else 'header already there'}")
    if args.write or args.add_header:
        return 0
    text = dumps(fragment_schema() if args.include else scenario_schema())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        out(f"wrote {args.output}")
    else:
        print(text, end="")
    return 0

"""Command line: `python -m ikd_core validate [PATH]` and `python -m ikd_core schema`."""

from __future__ import annotations

import argparse
import sys

from ikd_core import i18n, schema
from ikd_core.errors import DataFileError, DataFileUnreadable
from ikd_core.loading import load_path
from ikd_core.snapshot import build

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def validate(path: str) -> int:
    try:
        snapshot = build(load_path(path))
    except DataFileUnreadable as exc:
        print(f"cannot read {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except DataFileError as exc:
        for error in exc.errors:
            print(error)
        print(f"{path}: invalid, {len(exc.errors)} error(s).", file=sys.stderr)
        return EXIT_INVALID
    ds = snapshot.dataset
    print(f"{path}: valid")
    print(f"regions: {len(ds.regions)}")
    print(f"observations: {len(ds.observations)}")
    print(f"sources: {len(ds.sources)}")
    print(f"warnings: {len(snapshot.findings)}")
    for finding in snapshot.findings:
        print(f"  {path}:{snapshot.line_of(finding.path)}: {i18n.finding(finding.code, finding.params, 'en')}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ikd_core", description="IKD dashboard data tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_validate = sub.add_parser("validate", help="check a data file; exit 0 valid, 1 invalid, 2 unreadable")
    p_validate.add_argument("path", nargs="?", default="data/regions.yaml")
    sub.add_parser("schema", help=f"regenerate {schema.SCHEMA_PATH.name} from the models")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.path)
    print(f"wrote {schema.write()}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

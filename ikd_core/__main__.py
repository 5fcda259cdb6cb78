"""Command line: `python -m ikd_core validate [PATH]`, `python -m ikd_core schema` and
`python -m ikd_core export --format pptx|html|xlsx|csv --out FILE [selection options]`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ikd_core import i18n, schema, selection
from ikd_core.errors import DataFileError, DataFileUnreadable
from ikd_core.loading import load_path
from ikd_core.snapshot import build

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
EXIT_USAGE = 2  # argparse's own code for a bad command line
# Selection options: the same keys, values and checks as a dashboard link (`--per-point 20` is `per_point=20`).
SELECTION_OPTIONS = selection.EXPORT_KEYS


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


def export(args: argparse.Namespace) -> int:
    from ikd_core.exports import export_bytes

    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"{out} exists; not overwriting it (add --force to replace it).", file=sys.stderr)
        return EXIT_INVALID
    try:
        snapshot = build(load_path(args.data))
    except DataFileUnreadable as exc:
        print(f"cannot read {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except DataFileError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{args.data}: invalid, nothing exported.", file=sys.stderr)
        return EXIT_INVALID
    params: dict[str, list[str]] = {}
    if args.link:  # a link copied from the browser's address bar
        params.update(parse_qs(urlsplit(args.link).query))
    for key in SELECTION_OPTIONS:
        value = getattr(args, key)
        if value is not None:
            params[key] = value.split(",") if selection.KINDS[key] == "multi" else [value]
    params = {k: v for k, v in params.items() if k in SELECTION_OPTIONS}
    kept, rejected = selection.clean(params, selection.allowed_values(snapshot))
    if rejected:
        for key, value in rejected:
            print(f"--{key.replace('_', '-')} {value!r}: not a value this data file or dashboard accepts.",
                  file=sys.stderr)
        return EXIT_USAGE
    typed = selection.typed(kept)
    lang = i18n.lang_or_default(typed.pop("lang", i18n.DEFAULT_LANG))
    data = export_bytes(snapshot, typed, lang, args.format)
    # Written beside the target and renamed over it: a crash never leaves half a file under the real name.
    fd, tmp = tempfile.mkstemp(dir=out.parent if str(out.parent) else ".", prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, out)
    print(f"wrote {out} ({args.format}, {len(data):,} bytes)")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ikd_core", description="IKD dashboard data tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_validate = sub.add_parser("validate", help="check a data file; exit 0 valid, 1 invalid, 2 unreadable")
    p_validate.add_argument("path", nargs="?", default="data/regions.yaml")
    sub.add_parser("schema", help=f"regenerate {schema.SCHEMA_PATH.name} from the models")
    p_export = sub.add_parser("export", help="write the Rakorda deck (pptx, html) or the tables (xlsx, csv)",
                              description="Same selection options as a dashboard link; --link takes a whole link.")
    p_export.add_argument("--format", required=True, choices=["pptx", "html", "xlsx", "csv"])
    p_export.add_argument("--out", required=True, help="the file to write (refused if it exists, unless --force)")
    p_export.add_argument("--force", action="store_true", help="replace --out if it exists")
    p_export.add_argument("--data", default=os.environ.get("IKD_DATA") or "data/regions.yaml")
    p_export.add_argument("--link", help="a dashboard link whose selection to use, e.g. copied from Presentasi")
    for key in SELECTION_OPTIONS:
        p_export.add_argument(f"--{key.replace('_', '-')}", dest=key,
                              help="comma-separated ids" if selection.KINDS[key] == "multi" else None)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.path)
    if args.command == "export":
        return export(args)
    print(f"wrote {schema.write()}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

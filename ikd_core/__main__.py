"""Command line: `python -m ikd_core validate [PATH]`, `python -m ikd_core schema` and
`python -m ikd_core export --format pptx|html|xlsx|csv --out FILE [selection options]`.

The work runs in a child of this process with CPU and memory limits (`isolation.supervise`), so no data file can
end the command by a signal: it always ends with a message and an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from ikd_core import i18n
from ikd_core.domain import clock, isolation, schema
from ikd_core.domain.errors import DataFileError, DataFileUnreadable
from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import build, by_line
from ikd_core.views import links
from ikd_core.views.plain import shown

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
EXIT_USAGE = 2  # argparse's own code for a bad command line
# Selection options: the same keys, values and checks as a dashboard link (`--per-point 20` is `per_point=20`).
SELECTION_OPTIONS = links.EXPORT_KEYS


def environment_lang() -> i18n.Lang:
    """The language of the user's locale (LC_ALL, LC_MESSAGES, LANG): Indonesian for id_*, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    return "en"


def validate(path: str, lang: i18n.Lang) -> int:
    t = lambda key, **p: i18n.t(f"cli.{key}", lang, **p)  # noqa: E731
    try:
        snapshot = build(load_path(path, today=clock.today()), clock.today())
    except DataFileUnreadable as exc:
        print(t("cannot_read", reason=exc.text(lang)), file=sys.stderr)
        return EXIT_UNREADABLE
    except DataFileError as exc:
        for error in exc.errors:
            print(error.text(lang))
        print(t("invalid", path=path, n=len(exc.errors)), file=sys.stderr)
        return EXIT_INVALID
    ds = snapshot.dataset
    print(t("valid", path=path))
    print(t("regions", n=len(ds.regions)))
    print(t("observations", n=len(ds.observations)))
    print(t("sources", n=len(ds.sources)))
    print(t("warnings", n=len(snapshot.findings)))
    for finding in by_line(snapshot):
        print(f"  {path}:{snapshot.line_of(finding.path)}: {i18n.finding(finding.code, finding.params, lang)}")
    return EXIT_OK


def _out_problem(out: Path, force: bool) -> str | None:
    """Why `--out` cannot be written, before any work is done; None when it can."""
    folder = out.parent
    if out.is_dir():
        return f"{out} is a folder: give the name of a file to write, e.g. {out / 'rakorda.pptx'}."
    if not folder.is_dir():
        return f"the folder {folder} does not exist: create it first, or write somewhere else."
    if out.exists() and not force:
        return f"{out} exists; not overwriting it (add --force to replace it)."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable for you: write somewhere else."
    return None


def _write(out: Path, data: bytes) -> str | None:
    """Write `data` to `out` through a temporary file renamed over it, so a failure never leaves half a file under
    either name; the file gets the user's usual permissions (umask), not a temporary file's owner-only ones.
    Returns why it failed, or None."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, out)
        tmp = None
        return None
    except OSError as exc:
        return f"cannot write {out}: {exc.strerror or exc}."
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def export(args: argparse.Namespace) -> int:
    from ikd_core.render.exports import export_bytes

    out = Path(args.out)
    if problem := _out_problem(out, args.force):
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    params: dict[str, list[str]] = {}
    if args.link:  # a link copied from the browser's address bar
        query = links.dashboard_query(args.link)
        if query is None or links.too_long(query) is not None:
            print(f"--link '{shown(args.link, 'en')}': not a dashboard link; copy one from the browser's address bar, "
                  "e.g. http://localhost:8501/presentasi?regions=padang.", file=sys.stderr)
            return EXIT_USAGE
        params.update(query)
    today = clock.today()
    words: i18n.Lang = args.lang if args.lang in i18n.LANGS else environment_lang()  # the messages' language
    try:
        snapshot = build(load_path(args.data, today=today), today)
    except DataFileUnreadable as exc:
        print(i18n.t("cli.cannot_read", words, reason=exc.text(words)), file=sys.stderr)
        return EXIT_UNREADABLE
    except DataFileError as exc:
        for error in exc.errors:
            print(error.text(words), file=sys.stderr)
        print(f"{args.data}: invalid, nothing exported.", file=sys.stderr)
        return EXIT_INVALID
    for key in SELECTION_OPTIONS:
        value = getattr(args, key)
        if value is not None:
            params[key] = value.split(",") if links.KINDS[key] == "multi" else [value]
    params = {k: v for k, v in params.items() if k in SELECTION_OPTIONS}
    kept, rejected = links.clean(params, links.allowed_values(snapshot))
    if rejected:
        for key, value in rejected:
            print(f"{links.option(key)} '{shown(value, 'en')}': not a value this data file or dashboard accepts"
                  f"{links.why(key)}.",
                  file=sys.stderr)
        return EXIT_USAGE
    typed = links.typed(kept)
    lang = i18n.lang_or_default(typed.pop("lang", i18n.DEFAULT_LANG))
    data = export_bytes(snapshot, typed, lang, args.format)
    if problem := _write(out, data):
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {out} ({args.format}, {len(data):,} bytes)")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ikd_core", description="IKD dashboard data tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_validate = sub.add_parser("validate", help="check a data file; exit 0 valid, 1 invalid, 2 unreadable")
    p_validate.add_argument("path", nargs="?", default="data/regions.yaml")
    p_validate.add_argument("--lang", choices=list(i18n.LANGS),
                            help="language of the messages (default: from the locale, LANG=id_ID gives Indonesian)")
    sub.add_parser("schema", help=f"regenerate {schema.SCHEMA_PATH.name} from the models")
    p_export = sub.add_parser("export", help="write the Rakorda deck (pptx, html) or the tables (xlsx, csv)",
                              description="Same selection options as a dashboard link; --link takes a whole link.")
    p_export.add_argument("--format", required=True, choices=["pptx", "html", "xlsx", "csv"])
    p_export.add_argument("--out", required=True, help="the file to write (refused if it exists, unless --force)")
    p_export.add_argument("--force", action="store_true", help="replace --out if it exists")
    p_export.add_argument("--data", default=os.environ.get("IKD_DATA") or "data/regions.yaml")
    p_export.add_argument("--link", help="a dashboard link whose selection to use, e.g. copied from Presentasi")
    for key in SELECTION_OPTIONS:  # from the link contract: the same keys, types, ranges and steps as a link
        p_export.add_argument(links.option(key), dest=key,
                              help=" ".join(filter(None, [links.FIELDS[key].description, links.why(key).strip(" ()")])))
    return parser


def run(argv: list[str]) -> int:
    """The command itself, in this process."""
    args = parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.path, args.lang or environment_lang())
    if args.command == "export":
        return export(args)
    print(f"wrote {schema.write()}")
    return EXIT_OK


def _leftovers(argv: list[str]) -> None:
    """Remove what a killed export may have left: its temporary file beside --out."""
    try:
        args, _ = parser().parse_known_args(argv) if argv[:1] == ["export"] else (None, None)
    except SystemExit:
        return
    if args is not None and args.out:
        out = Path(args.out)
        for tmp in out.parent.glob(f".{out.name}.*.tmp"):
            tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get(isolation.CHILD_ENV) != "1":
        return isolation.supervise(argv, lambda: _leftovers(argv))
    limits = isolation.CLI
    isolation.limit_self(limits.cpu_seconds, limits.memory_bytes, isolation.CLI_FILE_BYTES)
    try:
        return run(argv)
    except BrokenPipeError:  # `validate | head`: the reader has gone; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())

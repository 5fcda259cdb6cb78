"""Read data/regions.yaml safely, validate it, and report every problem with its line and column."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ikd_core.domain import integrity
from ikd_core.domain.errors import SHOWN_CHARS, DataError, DataFileError, DataFileUnreadable, cut, format_path, shorten
from ikd_core.domain.models import Dataset


class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's C loader when available. Safe: python/* tags are refused, never constructed."""


# Markers for our own constructor errors, so _yaml_error can tell them from libyaml's.
_NOT_A_DATE, _BIG_NUMBER = "\x00date:", "\x00number:"


def _timestamp(loader: SafeLoader, node: yaml.ScalarNode) -> object:
    # YAML reads 2024-02-30 as a date and Python then raises a bare ValueError: give it a position.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(None, None, f"{_NOT_A_DATE}{node.value!r}\t{exc}",
                                                node.start_mark) from None


def _int(loader: SafeLoader, node: yaml.ScalarNode) -> object:
    # Python refuses to read an integer of more than 4.300 digits with a bare ValueError: give it a position.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        raise yaml.constructor.ConstructorError(None, None, _BIG_NUMBER + shorten(node.value),
                                                node.start_mark) from None


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
SafeLoader.add_constructor("tag:yaml.org,2002:int", _int)

# The served file: a national file (552 regions, three years of monthly figures) is about 6 MB. A draft uploaded
# in the browser is held to UPLOAD_MAX_BYTES.
MAX_BYTES = 32 * 1024 * 1024
UPLOAD_MAX_BYTES = 2 * 1024 * 1024
# A 32 MB file holds a few million values; aliases may repeat a little, never multiply the document.
MAX_NODES = 4_000_000
MAX_ALIAS_GROWTH = 10

Position = tuple[int, int]


class Positions:
    """Line and column (1-based) of values and mapping keys by field path, looked up in the composed YAML nodes
    when asked (an error message, a line column): recording all of them up front cost a national file seconds."""

    def __init__(self, root: yaml.Node | None = None) -> None:
        self.root = root
        # id(mapping node) -> its keys, built the first time a path goes through it: a lookup is then O(1), where a
        # scan per lookup made a file of 8.000 unknown keys take 37 s to report.
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def _child(self, node: yaml.Node, part: object) -> tuple[yaml.Node, yaml.Node] | None:
        """(key node or the item itself, value node) of one path step, or None when it is not in the file."""
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode):
                        keys.setdefault(k.value, (k, v))
                self._keys[id(node)] = keys
            return keys.get(part) if isinstance(part, str) else None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part], node.value[part]
        return None

    def _walk(self, path: tuple) -> tuple[tuple, yaml.Node | None, yaml.Node | None]:
        known: tuple = ()
        node, key = self.root, None
        for part in path:
            step = self._child(node, part) if node is not None else None
            if step is not None:  # parts that are not in the file (pydantic union tags) are skipped
                known, (key, node) = known + (part,), step
        return known, key, node

    def node(self, path: tuple) -> yaml.Node | None:
        """The node at `path` when the whole path is in the file."""
        known, _, node = self._walk(path)
        return node if known == path else None

    def locate(self, path: tuple) -> tuple[tuple, Position]:
        """The deepest node on `path` that is in the file, and its position."""
        known, _, node = self._walk(path)
        return known, _mark(node) if node is not None else (1, 1)

    def key(self, path: tuple) -> Position | None:
        """Where the mapping key that ends `path` is written, if the whole path is in the file."""
        known, key, _ = self._walk(path)
        return _mark(key) if known == path and path and key is not None else None


@dataclass(frozen=True)
class Loaded:
    path: str
    dataset: Dataset
    positions: Positions
    source_texts: dict[str, str]


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


# The way an Indonesian analyst slips a thousands separator into a number: `19.000` is nineteen thousand, but YAML
# reads 19.0. Counts are refused by the model (they are whole numbers); a fact's value is checked on its text.
_DOTTED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")


def _dotted_params(written: str) -> dict:
    return {"written": written, "read": written.split(".")[0], "fixed": written.replace(".", "")}


def _walk(node: yaml.Node, file: str) -> tuple[Positions, list[DataError], list[DataError]]:
    """Refuse duplicate keys and thousands separators in counts, and, when the file uses aliases at all, alias bombs
    and recursive aliases. Returns the positions, the errors that stop reading, and slips that the model's own
    errors join."""
    errors: list[DataError] = []
    slips: list[DataError] = []
    aliased = False
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple]] = [(node, ())]
    while stack:  # one pass, no recursion: a collection met twice is an alias, and is not entered again
        n, path = stack.pop()
        if not isinstance(n, (yaml.MappingNode, yaml.SequenceNode)):
            continue
        if id(n) in seen:
            aliased = True
            continue
        seen.add(id(n))
        if isinstance(n, yaml.SequenceNode):
            stack.extend((c, path + (i,)) for i, c in enumerate(n.value))
            continue
        names: dict[object, yaml.Node] = {}
        for k, v in n.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else repr(k.value)
            if name in names:
                line, col = _mark(k)
                errors.append(DataError(file, line, col, format_path(path + (name,)), "dup_key",
                                        {"key": shorten(name), "first": str(_mark(names[name])[0])}))
            if name == "value" and "facts" in path and isinstance(v, yaml.ScalarNode) and _DOTTED.match(v.value):
                line, col = _mark(v)  # a fact's value may be a decimal, so the model cannot refuse 766.0 itself
                slips.append(DataError(file, line, col, format_path(path + (name,)), "dotted_thousands",
                                       _dotted_params(v.value)))
            names[name] = k
            stack.append((v, path + (name,)))
    errors.sort(key=lambda e: (e.line, e.column))
    if aliased:
        errors += _alias_limits(node, file)
    return Positions(node), errors, slips


def _alias_limits(node: yaml.Node, file: str) -> list[DataError]:
    """The expanded size, with aliases counted every time they are used: what a naive consumer would build."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(n: yaml.Node) -> int:
        key = id(n)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise _Refused(n, "alias_recursive", {})
        visiting.add(key)
        total = 1
        if isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total += sum(size(c) for c in n.value)
        visiting.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            raise _Refused(n, "alias_too_many", {"limit": MAX_NODES})
        return total

    try:
        expanded = size(node)
        if expanded > MAX_ALIAS_GROWTH * len(sizes) + 10_000:
            raise _Refused(node, "alias_growth", {"written": len(sizes), "expanded": expanded})
    except _Refused as refused:
        line, col = _mark(refused.node)
        return [DataError(file, line, col, "", refused.code, refused.params)]
    except RecursionError:
        return [DataError(file, 1, 1, "", "alias_too_deep")]
    return []


class _Refused(Exception):
    def __init__(self, node: yaml.Node, code: str, params: dict):
        self.node, self.code, self.params = node, code, params


def _code(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def _line_col(text: str, position: int) -> Position:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _yaml_error(file: str, text: str, exc: yaml.YAMLError) -> DataError:
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _line_col(text, exc.position)
        return DataError(file, line, col, "", "control_char", {"code": f"{_code(exc.character):04X}"})
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    context = getattr(exc, "context", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if problem.startswith(_NOT_A_DATE):
        value, reason = problem.removeprefix(_NOT_A_DATE).split("\t", 1)
        return DataError(file, line, col, "", "yaml_date", {"value": value, "reason": reason})
    if problem.startswith(_BIG_NUMBER):
        return DataError(file, line, col, "", "yaml_number", {"value": problem.removeprefix(_BIG_NUMBER)})
    if isinstance(exc, yaml.constructor.ConstructorError):
        return DataError(file, line, col, "", "yaml_tag", {"problem": problem})
    params = {"problem": problem, "context": context or "", "noticed": ""}
    opened = getattr(exc, "context_mark", None)
    if context and context.startswith("while parsing a flow") and opened is not None and mark is not None:
        # An unclosed [ or { is noticed lines later; the fix belongs where it was opened.
        params["noticed"] = str(mark.line + 1)
        line, col = opened.line + 1, opened.column + 1
    lines = text.splitlines()
    nearby = lines[max(0, line - 2): line]  # libyaml reports some tab errors on the line after the tab
    tabs = any("\t" in row[: len(row) - len(row.lstrip())] for row in nearby) or "tab" in problem
    return DataError(file, line, col, "", "yaml_tab" if tabs else "yaml_syntax", params)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model that holds the last part of `loc`, following field types from Dataset down."""
    model: type[BaseModel] | None = Dataset
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        model = _find_model(info.annotation) if info else None
    return model


def _find_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _find_model(arg):
            return found
    return None


_PYDANTIC_KINDS = {"greater_than_equal", "greater_than", "less_than_equal", "less_than", "literal_error",
                   "string_pattern_mismatch", "bool_parsing", "bool_type", "string_too_long", "string_too_short",
                   "too_short", "string_type", "list_type", "model_type", "dict_type", "finite_number", "url_parsing",
                   "url_scheme"}


def _pydantic_error(err: ErrorDetails, positions: Positions) -> tuple[str, dict]:
    """The code and parameters of one pydantic error. Our own validators raise PydanticCustomError with a code
    (`ikd.<code>`); pydantic's own kinds get `pyd.<kind>`, and keep pydantic's English words where the catalogue
    has no sentence of its own."""
    kind, loc = err["type"], tuple(err["loc"])
    value = err.get("input")
    params: dict = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    if kind.startswith("ikd."):
        return kind.removeprefix("ikd."), params
    if kind == "missing":
        return "missing", {"name": str(loc[-1])}
    if kind == "extra_forbidden":
        model = _model_at(loc)
        close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields) if model else [], n=1)
        return ("unknown_field_close" if close else "unknown_field"), {"name": cut(str(loc[-1])),
                                                                        "close": close[0] if close else ""}
    shown = "" if isinstance(value, (dict, list)) or kind == "model_type" else shorten(value)
    params |= {"input": shown, "prefix": f"{shown}: " if shown else "", "msg": err["msg"][:1].lower() + err["msg"][1:]}
    if kind in {"int_parsing", "float_parsing", "int_type", "float_type", "int_from_float"}:
        node = positions.node(loc)
        written = node.value if isinstance(node, yaml.ScalarNode) else str(value)
        if _DOTTED.match(written):
            return "dotted_thousands", _dotted_params(written)
        if kind.startswith("int") and isinstance(value, float):
            return "not_whole", params
        if isinstance(value, str) and any(ch.isdigit() for ch in value):
            return "number_with_separators", params
        return "not_a_number", params
    return (f"pyd.{kind}" if kind in _PYDANTIC_KINDS else "pyd.other"), params


def _pydantic_errors(file: str, exc: ValidationError, positions: Positions) -> list[DataError]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        known, (line, col) = positions.locate(loc)
        if err["type"] == "extra_forbidden" and (at_key := positions.key(loc[:len(known) + 1])) is not None:
            known = loc[: len(known) + 1]
            line, col = at_key
        missing = err["type"] == "missing"
        shown = format_path(known + ((loc[-1],) if missing and known != loc else ()))
        shown = shown if len(shown) <= 2 * SHOWN_CHARS else shown[:2 * SHOWN_CHARS - 1] + "…"
        code, params = _pydantic_error(err, positions)
        out.append(DataError(file, line, col, shown, code, params))
    return out


MAX_DEPTH = 100  # the format needs about six levels


def _too_deep(text: str, file: str) -> DataError | None:
    """Refuse nesting deeper than MAX_DEPTH before anything builds the document.

    libyaml's composer recurses once per level in C and overflows the stack of the whole process near 100.000
    levels. Its parser does not recurse: the levels are counted here in the parser's own events, which are exactly
    what the composer would consume, so every construct (flow and block collections, every scalar and quote
    style, comments, document markers) is counted as YAML itself reads it. The count stops at the first level
    too many, so a hostile file costs a few events.
    """
    parser = SafeLoader(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    return DataError(file, line, col, "", "too_deep", {"limit": MAX_DEPTH})
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: the composer stops at the same event and reports it with its position
    finally:
        parser.dispose()
    return None


def parse_text(text: str, file: str) -> tuple[object, Positions, list[DataError]]:
    """YAML text -> plain Python data and positions; raises DataFileError."""
    if deep := _too_deep(text, file):
        raise DataFileError([deep])
    if not text.strip():
        raise DataFileError([DataError(file, 1, 1, "", "empty")])
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataFileError([DataError(file, 1, 1, "", "only_comments")])
        positions, errors, slips = _walk(node, file)
        if errors:
            raise DataFileError(errors)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise DataFileError([_yaml_error(file, text, exc)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise DataFileError([DataError(file, 1, 1, "", "not_mapping", {"kind": type(data).__name__})])
    return data, positions, slips


def decode(raw: bytes, file: str) -> str:
    """Bytes -> text, or a DataError at the first byte that is not UTF-8."""
    if b"\x00" in raw[:8192]:
        raise DataFileError([DataError(file, 1, 1, "", "binary")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as editors and YAML errors do, not bytes.
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        raise DataFileError([DataError(file, line, col, "", "not_utf8", {"byte": f"0x{raw[exc.start]:02x}"})]) from None


def load_text(text: str, file: str, *, today: dt.date, base_dir: Path | None = None) -> Loaded:
    """Parse, validate and cross-check a data file's text; raises DataFileError listing every problem."""
    data, positions, slips = parse_text(text, file)
    try:
        dataset = Dataset.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(sorted(slips + _pydantic_errors(file, exc, positions),
                                   key=lambda e: (e.line, e.column))) from None
    errors = [DataError(file, *positions.locate(path)[1], format_path(path), code, params)
              for path, code, params in integrity.problems(dataset, today)]
    if errors or slips:
        raise DataFileError(sorted(slips + errors, key=lambda e: (e.line, e.column)))
    return Loaded(file, dataset, positions, _source_texts(dataset, base_dir))


def _source_texts(dataset: Dataset, base_dir: Path | None) -> dict[str, str]:
    texts = {}
    for source in dataset.sources:
        if source.file and base_dir is not None:
            path = (base_dir / source.file).resolve()
            # Only files inside the data folder: a data file must not make the app read elsewhere.
            if base_dir.resolve() in path.parents and path.is_file():
                texts[source.id] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def read_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, or DataFileUnreadable with a plain reason. Only a regular file is read: opening a named
    pipe would wait forever, and a device could be endless."""
    p = Path(path)
    try:
        # O_NONBLOCK: a named pipe opens at once (and is then refused) instead of waiting for a writer.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DataFileUnreadable(str(p), "no_such_file") from None
    except IsADirectoryError:
        raise DataFileUnreadable(str(p), "is_folder") from None
    except PermissionError:
        raise DataFileUnreadable(str(p), "permission") from None
    except OSError as exc:
        raise DataFileUnreadable(str(p), "os_error", reason=str(exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataFileUnreadable(str(p), "is_folder")
        if not stat.S_ISREG(info.st_mode):
            raise DataFileUnreadable(str(p), "not_regular")
        if info.st_size > limit:
            raise DataFileUnreadable(str(p), "too_large", size=info.st_size, limit=limit)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise DataFileUnreadable(str(p), "too_large", size=total, limit=limit)
        return b"".join(chunks)
    except OSError as exc:
        raise DataFileUnreadable(str(p), "os_error", reason=str(exc.strerror or exc)) from None
    finally:
        os.close(fd)


def load_path(path: str | os.PathLike, *, today: dt.date) -> Loaded:
    """Read and validate a data file. Raises DataFileUnreadable or DataFileError."""
    file = str(path)
    text = decode(read_bytes(path), file)
    return load_text(text, file, base_dir=Path(path).parent, today=today)

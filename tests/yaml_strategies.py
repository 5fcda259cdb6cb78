"""Hypothesis strategies that write YAML *text* the way people and attackers do: every scalar style, quotes and
escapes in all of them, anchors and aliases, comments, document markers and directives, block and flow collections
nested into each other, and now and then a nesting far past the loader's limit in a mix of forms."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["padang", "a'", "b\"c", "x#y", "- z", "[q", "{r", "]", "}", ":", "?", "&a", "*a", "!!str", "|", ">",
         "'", '"', "19.000", "2024-02-30", "2024-Q4", "2024-H1", "~", "null", "yes", ".inf", "0x1F", "1e400",
         "ąčė", "\u202e", "\t"]

plain_word = st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcxyz0129.-_'\" #:[]{},", min_size=1,
                                                          max_size=8))


@st.composite
def scalar(draw: st.DrawFn, indent: int = 0) -> str:
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded", "number", "anchored"]))
    word = draw(plain_word)
    if style == "plain":
        return word.strip() or "x"
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        escapes = draw(st.lists(st.sampled_from(["\\n", '\\"', "\\x41", "\\u263A", "\\\\", "\\t", "'"]),
                                max_size=3))
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + "".join(escapes) + '"'
    if style in ("literal", "folded"):
        chomp = draw(st.sampled_from(["", "-", "+"]))
        pad = " " * (indent + 2)
        lines = draw(st.lists(plain_word, min_size=1, max_size=3))
        return ("|" if style == "literal" else ">") + chomp + "\n" + "\n".join(pad + ln for ln in lines)
    if style == "number":
        return str(draw(st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
                                  st.integers(1, 9).map(lambda d: str(d) * 5_000),  # past Python's 4.300 digits
                                  st.sampled_from(["0o17", "0b101", "1_000", "190:20:30", "-0", "+12", "0x_1"]))))
    return f"&{draw(st.sampled_from('abc'))} {word.strip() or 'x'}"


def _flow(draw: st.DrawFn, depth: int) -> str:
    if depth <= 0 or draw(st.booleans()):
        text = draw(scalar())
        return text if "\n" not in text else '"x"'
    items = [_flow(draw, depth - 1) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        return "[" + ", ".join(items) + "]"
    return "{" + ", ".join(f"{draw(plain_word).strip() or 'k'}: {i}" for i in items) + "}"


@st.composite
def block(draw: st.DrawFn, indent: int = 0, depth: int = 3) -> str:
    """A block node at `indent`, as the lines after a `key:` or `-`."""
    pad = " " * indent
    kind = draw(st.sampled_from(["map", "seq", "flow", "scalar", "alias", "comment"])) if depth > 0 else "scalar"
    if kind == "map":
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            key = draw(plain_word).strip() or "k"
            child = draw(block(indent + 2, depth - 1))
            lines.append(f"{pad}{key}:" + (f" {child.strip()}" if "\n" not in child else "\n" + child))
        return "\n".join(lines)
    if kind == "seq":
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            child = draw(block(indent + 2, depth - 1))
            lines.append(f"{pad}-" + (f" {child.strip()}" if "\n" not in child else "\n" + child))
        return "\n".join(lines)
    if kind == "flow":
        return pad + _flow(draw, depth)
    if kind == "alias":
        return pad + "*" + draw(st.sampled_from("abc"))
    if kind == "comment":
        return f"{pad}# {draw(plain_word)}\n{pad}{draw(scalar(indent))}"
    return pad + draw(scalar(indent))


@st.composite
def deep(draw: st.DrawFn) -> str:
    """Nesting from just under to far past the loader's limit, mixing flow, block and quoted forms."""
    levels = draw(st.sampled_from([95, 99, 100, 101, 150, 2_000, 60_000]))
    form = draw(st.sampled_from(["flow_seq", "flow_map", "block_seq", "dash_line", "mixed", "quoted_prefix"]))
    if form == "flow_seq":
        return "x: " + "[" * levels + "1" + "]" * levels
    if form == "flow_map":
        return "x: " + "{a: " * levels + "1" + "}" * levels
    if form == "block_seq":
        return "\n".join(" " * (2 * k) + "-" for k in range(min(levels, 400))) + " x"
    if form == "dash_line":
        return "- " * levels + "x"
    if form == "quoted_prefix":  # a quote inside a plain scalar once fooled a line-based guard
        prefix = draw(st.sampled_from(["a'", 'b"', "c#", "'q'", '"q"', "# '"]))
        return f"x: [{prefix}, " + "[" * levels + "]" * (levels + 1)
    return "x:\n  - " + "[{a: " * (levels // 2) + "- y" + "}]" * (levels // 2)


@st.composite
def document(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(st.sampled_from(["%YAML 1.1", "%TAG ! tag:x,2024:", "---", "--- # doc"])))
    parts.append(draw(block(0, draw(st.integers(1, 4)))))
    if draw(st.integers(0, 4)) == 0:
        parts.append(draw(deep()))
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(st.sampled_from(["...", "---\nsecond: doc", "# trailing comment"])))
    return "\n".join(parts) + "\n"

"""A process that reads data files in-process exactly as the server does after its checks (no child of its own),
for the fuzz tests: if any input could crash the loader, this process dies, and the test names the input.

Protocol on stdin: a 4-byte big-endian length, then that many bytes; one JSON line per document on stdout.
"""

from __future__ import annotations

import json
import struct
import sys

from ikd_core.domain.clock import today
from ikd_core.domain.errors import DataFileError
from ikd_core.domain.loading import decode, load_text

TODAY = today()  # IKD_TODAY, which conftest sets for every process the tests start


def main() -> None:
    read, write = sys.stdin.buffer.read, sys.stdout.write
    while header := read(4):
        raw = read(struct.unpack(">I", header)[0])
        try:
            load_text(decode(raw, "fuzz.yaml"), "fuzz.yaml", today=TODAY)
            answer = {"kind": "valid"}
        except DataFileError as exc:
            bad = [str(e) for e in exc.errors if e.line < 1 or e.column < 1]
            answer = {"kind": "errors", "n": len(exc.errors), "bad_positions": bad[:3]}
        except Exception as exc:  # anything but the loader's own error is a bug
            answer = {"kind": "unexpected", "detail": f"{type(exc).__name__}: {exc}"[:500]}
        write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

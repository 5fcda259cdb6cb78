"""Reading a data file in a child process with CPU, memory and time limits, so that whatever the file does to the
reader (a crash in a C library, a hang, a memory blow-up) costs that child, never the server or the command line.

The parent sends the bytes on stdin; the child validates them and answers on stdout with the file's errors as
JSON (none when the file is valid). `check` turns every other way the child can end into DataFileUnreadable with a
plain reason: "this file cannot be read".

    python -m ikd_core.domain.isolation NAME TODAY CPU_SECONDS MEMORY_BYTES   # the child; not for people
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ikd_core.domain.errors import DataError, DataFileError, DataFileUnreadable

ROOT = Path(__file__).resolve().parents[2]  # the project: ikd_core/domain/isolation.py
EXIT_UNEXPECTED = 3


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    memory_bytes: int
    wall_seconds: float


# An uploaded draft (at most 2 MB, from any visitor): small limits, and the child is killed when they run out.
DRAFT = Limits(cpu_seconds=5, memory_bytes=1 << 30, wall_seconds=10)
# At most 4 drafts are read at once; a fifth visitor waits for a slot (within its own time limit).
DRAFT_SLOTS = threading.BoundedSemaphore(4)


def served_limits(size: int) -> Limits:
    """The served file (at most 32 MB, written by the analysts): room for a national file and more."""
    return Limits(cpu_seconds=300, memory_bytes=(1 << 30) + 300 * size, wall_seconds=600)


def check(raw: bytes, name: str, today: dt.date, limits: Limits) -> list[DataError]:
    """The errors of a data file's bytes ([] when valid), found in a child process within `limits`.

    Raises DataFileUnreadable when the child crashes, runs out of time or memory, or answers nothing usable.
    """
    argv = [sys.executable, "-m", "ikd_core.domain.isolation", name, today.isoformat(), str(limits.cpu_seconds),
            str(limits.memory_bytes)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    try:
        child = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env=env, cwd=ROOT)
    except OSError as exc:
        raise DataFileUnreadable(name, "reader_start", reason=str(exc.strerror or exc)) from None
    try:
        out, err = child.communicate(raw, timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise DataFileUnreadable(name, "reader_timeout", seconds=limits.wall_seconds) from None
    return _verdict(name, child.returncode, out, err, limits)


def _verdict(name: str, code: int, out: bytes, err: bytes, limits: Limits) -> list[DataError]:
    if code == 0:
        try:
            return [DataError(**e) for e in json.loads(out)["errors"]]
        except (ValueError, KeyError, TypeError):
            raise DataFileUnreadable(name, "reader_answer") from None
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        raise DataFileUnreadable(name, "reader_cpu", seconds=limits.cpu_seconds)
    if code < 0:
        raise DataFileUnreadable(name, "reader_crash", signal=signal_name(-code))
    if b"MemoryError" in err:
        raise DataFileUnreadable(name, "reader_memory", mb=limits.memory_bytes // 2**20)
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
    raise DataFileUnreadable(name, "reader_failed", detail=last[0][:200])


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def limit_self(cpu_seconds: int, memory_bytes: int, file_bytes: int = 0) -> None:
    """Limits for this process: processor time, address space, the size of files written, no core dumps."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# The command line runs its work in a child of itself with these limits (a national export takes about 20 s of
# processor time): whatever a data file does to the reader, the command ends with a message and exit code 1.
CLI = Limits(cpu_seconds=900, memory_bytes=(1 << 30) + 300 * 32 * 2**20, wall_seconds=float("inf"))
CLI_FILE_BYTES = 1 << 30
CHILD_ENV = "IKD_CLI_CHILD"


def supervise(argv: list[str], cleanup: Callable[[], None]) -> int:
    """Run `python -m ikd_core ARGV` as a limited child sharing this terminal, and relay its exit code; when it
    dies by a signal, call `cleanup` (a half-written temporary file) and say so."""
    env = {**os.environ, CHILD_ENV: "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    code = subprocess.run([sys.executable, "-m", "ikd_core", *argv], env=env).returncode
    if code >= 0:
        return code
    cleanup()
    if -code == signal.SIGINT:
        print("stopped (Ctrl+C); nothing was written.", file=sys.stderr)
    elif -code in (signal.SIGXCPU, signal.SIGKILL):
        print(f"stopped: it needed more than {CLI.cpu_seconds} s of processor time; nothing was written.",
              file=sys.stderr)
    else:
        print(f"stopped: the data file cannot be read: the reader crashed ({signal_name(-code)}); "
              "nothing was written.", file=sys.stderr)
    return 1


def _child(argv: list[str]) -> int:
    from ikd_core.domain.loading import decode, load_text  # imported before the limits: imports need memory and files

    name, today, cpu, memory = argv[0], dt.date.fromisoformat(argv[1]), int(argv[2]), int(argv[3])
    limit_self(cpu, memory)
    raw = sys.stdin.buffer.read()
    try:
        load_text(decode(raw, name), name, today=today)
        errors: list[DataError] = []
    except DataFileError as exc:
        errors = exc.errors
    sys.stdout.write(json.dumps({"errors": [asdict(e) for e in errors]}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_child(sys.argv[1:]))
    except MemoryError:
        print("MemoryError", file=sys.stderr)
        sys.exit(EXIT_UNEXPECTED)

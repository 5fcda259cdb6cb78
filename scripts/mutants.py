"""Mutation check of the guards: delete (or disarm) each check in a scratch copy of the tree and run the tests that
should notice. A mutant that no test notices "survived": that guard is not really tested.

    make mutants            # all of them (about 15 minutes)
    python scripts/mutants.py --only depth   # the mutants whose name contains "depth"

Writes tests/artifacts/mutants.json and prints a table. Exit 1 if any mutant survived.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


STORE = "tests/test_store.py"
MALFORMED = "tests/test_malformed.py"
HARDENING = "tests/test_hardening.py"
FUZZ = "tests/test_fuzz.py"
CLI = "tests/test_cli.py"
EXPORT = "tests/test_export_cli.py"
LINKS = "tests/test_links.py"
LIVE = "tests/test_live.py"
E2E_HARD = "tests/test_e2e_hardening.py"
E2E_LIVE = "tests/test_e2e_live.py"

MUTANTS = [
    Mutant("depth check not called", "ikd_core/domain/loading.py",
           "    if deep := _too_deep(text, file):\n        raise DataFileError([deep])\n", "",
           (MALFORMED, HARDENING, FUZZ)),
    # The same mutant against the fuzz test alone: the generated documents must find the crash by themselves.
    Mutant("depth check not called, fuzz test only", "ikd_core/domain/loading.py",
           "    if deep := _too_deep(text, file):\n        raise DataFileError([deep])\n", "", (FUZZ,)),
    Mutant("depth limit never reached", "ikd_core/domain/loading.py", "                if depth > MAX_DEPTH:",
           "                if depth > 10**9:", (MALFORMED, HARDENING, FUZZ)),
    Mutant("depth counts mappings only", "ikd_core/domain/loading.py",
           "if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:",
           "if kind is yaml.MappingStartEvent:", (MALFORMED, HARDENING, FUZZ)),
    Mutant("depth never goes down", "ikd_core/domain/loading.py", "                depth -= 1\n",
           "                pass\n", (MALFORMED, HARDENING, FUZZ)),
    Mutant("alias limits not checked", "ikd_core/domain/loading.py", "        errors += _alias_limits(node, file)",
           "        pass", (MALFORMED, HARDENING, FUZZ)),
    Mutant("duplicate keys allowed", "ikd_core/domain/loading.py", "            if name in names:",
           "            if False:", (MALFORMED,)),
    Mutant("huge integers not caught", "ikd_core/domain/loading.py",
           'SafeLoader.add_constructor("tag:yaml.org,2002:int", _int)', "", (MALFORMED, FUZZ)),
    Mutant("position lookup scans each time", "ikd_core/domain/loading.py",
           "            keys = self._keys.get(id(node))\n",
           "            keys = None\n", (MALFORMED,)),
    Mutant("file size not limited", "ikd_core/domain/loading.py",
           "def read_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:",
           "def read_bytes(path: str | os.PathLike, limit: int = 10**12) -> bytes:", (MALFORMED,)),
    Mutant("any kind of file read", "ikd_core/domain/loading.py", "        if not stat.S_ISREG(info.st_mode):",
           "        if False:", (STORE,)),
    Mutant("served file not read in a child", "ikd_core/domain/store.py",
           "    errors = isolation.check(raw, name, today, limits)\n", "    errors = []\n", (STORE,)),
    Mutant("no CPU limit", "ikd_core/domain/isolation.py",
           "    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))\n", "", (STORE, CLI)),
    Mutant("no memory limit", "ikd_core/domain/isolation.py",
           "    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))\n", "", (STORE,)),
    Mutant("no wall-clock limit", "ikd_core/domain/isolation.py",
           "        out, err = child.communicate(raw, timeout=limits.wall_seconds)",
           "        out, err = child.communicate(raw)", (STORE,)),
    Mutant("a crashed child is not reported", "ikd_core/domain/isolation.py",
           "    if code == 0:\n", "    if code <= 0:\n", (STORE,)),
    Mutant("command line not supervised", "ikd_core/domain/isolation.py", "    if code >= 0:\n        return code\n",
           "    return code\n", (CLI,)),
    Mutant("draft size not checked", "ikd_core/domain/store.py", "    if size <= UPLOAD_MAX_BYTES:\n",
           "    if True:\n", (HARDENING,)),
    Mutant("--out folder accepted", "ikd_core/__main__.py", "    if out.is_dir():\n", "    if False:\n",
           (EXPORT,)),
    Mutant("--out in a missing folder accepted", "ikd_core/__main__.py", "    if not folder.is_dir():\n",
           "    if False:\n", (EXPORT,)),
    Mutant("unwritable folder not checked", "ikd_core/__main__.py",
           "    if not os.access(folder, os.W_OK | os.X_OK):\n", "    if False:\n", (EXPORT,)),
    Mutant("half-written file left behind", "ikd_core/__main__.py", "                os.unlink(tmp)\n",
           "                pass\n", (EXPORT,)),
    Mutant("owner-only file permissions", "ikd_core/__main__.py", "        os.chmod(tmp, 0o666 & ~mask)\n",
           "", (EXPORT,)),
    Mutant("any --link accepted", "ikd_core/views/links.py",
           '    if parts.scheme not in ("http", "https") or not parts.netloc or (page and page not in PAGES):',
           "    if False:", (EXPORT,)),
    Mutant("long links not limited", "ikd_core/views/links.py",
           "    return size if size > MAX_LINK_CHARS or count > MAX_LINK_VALUES else None",
           "    return None", (LINKS,)),
    Mutant("rejected values not cut", "ikd_core/views/plain.py", "    if len(text) <= limit:\n",
           "    if True:\n", (LINKS,)),
    Mutant("direction controls obeyed", "ikd_core/views/plain.py",
           '    return _BIDI.sub(lambda m: f"⟨U+{ord(m[0]):04X}⟩", text)', "    return text", (LINKS,)),
    Mutant("bare URLs become links", "ui/text.py", '    return _AUTOLINK.sub("\\u2060", escaped)', "    return escaped",
           (E2E_HARD + "::test_a_rejected_link_value_is_cut_never_a_link_and_cannot_reverse_the_text",)),
    Mutant("upload size left at Streamlit's 200 MB", ".streamlit/config.toml", "maxUploadSize = 2\n", "",
           (E2E_HARD + "::test_a_150_mb_upload_is_refused_by_the_server_and_memory_stays_flat",)),
    Mutant("no quiet period (half saves read)", "ui/live.py", "QUIET_SECONDS = 0.5", "QUIET_SECONDS = 0",
           (LIVE, E2E_LIVE)),
    Mutant("open sessions not rerun", "ui/live.py", "    if not Runtime.exists():", "    if True:",
           (E2E_LIVE,)),
    Mutant("a rename with the same size and time unseen", "ikd_core/domain/store.py",
           "    return (st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)",
           "    return (st.st_size, st.st_mtime_ns)", (STORE,)),
]


def copy_tree(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))


def run(mutant: Mutant, python: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="ikd-mutant-") as scratch:
        tree = Path(scratch)
        copy_tree(tree)
        path = tree / mutant.file
        text = path.read_text(encoding="utf-8")
        if text.count(mutant.old) != 1:
            return {"name": mutant.name, "result": "stale", "detail": f"{mutant.old!r} is not in {mutant.file} once"}
        path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
        started = time.monotonic()
        env = {**os.environ, "PYTHONPATH": str(tree), "IKD_FUZZ_EXAMPLES": "300"}
        # A disarmed guard may let a test eat the machine (an alias bomb expands to 10^9 values): cap the memory,
        # except for browser tests (Chromium reserves more address space than any cap that would help).
        browser = any("e2e" in t for t in mutant.tests)
        done = subprocess.run([python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                               "--timeout", "300", *mutant.tests], cwd=tree, env=env, capture_output=True, text=True,
                              preexec_fn=None if browser else _cap_memory)
        last = (done.stdout.strip().splitlines() or [""])[-1]
        return {"name": mutant.name, "file": mutant.file, "tests": list(mutant.tests),
                "result": "killed" if done.returncode != 0 else "survived", "pytest": last,
                "seconds": round(time.monotonic() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="run the mutants whose name contains this")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if args.only in m.name]
    results = []
    for mutant in chosen:
        result = run(mutant, sys.executable)
        results.append(result)
        print(f"{result['result']:9} {mutant.name:45} {result.get('seconds', '')}s  {result.get('pytest', '')}",
              flush=True)
    out = ROOT / "tests" / "artifacts" / "mutants.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    survived = [r["name"] for r in results if r["result"] != "killed"]
    print(f"\n{len(results) - len(survived)} of {len(results)} mutants killed; survived or stale: {survived or 'none'}")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

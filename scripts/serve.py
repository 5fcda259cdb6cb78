"""`make serve WORKERS=N`: N Streamlit processes behind nginx on one port, each browser kept on one of them.

    python scripts/serve.py --workers 4 --port 8501      # what `make serve WORKERS=4` runs
    python scripts/serve.py --workers 2 --logs /tmp/ikd  # each worker's and nginx's log in a folder

Every worker is `streamlit run app.py` on 127.0.0.1 (ports 8511 and up, skipping busy ones), on the same data file
($IKD_DATA or data/regions.yaml); each has its own data watcher (ui/live.py), so a save reaches the pages open on
every worker. nginx (Debian's package) listens on the port, runs as whoever starts this script, with its
configuration rendered from deploy/nginx.conf.template and its pid, logs and temporary files in a private temporary
folder. Ctrl-C or SIGTERM stops nginx, then the workers; a worker or nginx that dies stops the rest (exit 1), so a
supervisor or a container runtime can restart the whole. Why stickiness and how to spread this over several
machines: docs/deploy.md. The tests start the same thing through `Cluster` (tests/test_e2e_workers.py).
"""

from __future__ import annotations

import argparse
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path
from types import FrameType
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
CONFIG = ROOT / ".streamlit" / "config.toml"
FIRST_WORKER_PORT = 8511
STARTUP_SECONDS = 120.0  # N workers importing pandas and plotly at once on a small machine take a while


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def max_upload_mb(config: Path = CONFIG) -> int:
    """Streamlit's server.maxUploadSize (megabytes) from the app's config; Streamlit's own default is 200."""
    with config.open("rb") as handle:
        return int(tomllib.load(handle).get("server", {}).get("maxUploadSize", 200))


def render(template: str, *, listen: str, workers: list[str], prefix: Path, max_upload: int,
           error_log: str = "stderr", access_log: str = "off", user: str | None = None) -> str:
    """nginx.conf from the template: every {{name}} filled in, and none left over."""
    values = {
        "user": f"user {user};" if user else "",
        "prefix": str(prefix),
        "error_log": error_log,
        "access_log": access_log,
        "servers": "\n".join(f"        server {w};" for w in workers),
        "listen": listen,
        "max_upload_mb": str(max_upload),
    }
    text = template
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise ValueError(f"unfilled placeholder in the nginx template: {text[text.index('{{'):][:40]}")
    return text


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind: closed connections don't count
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def worker_ports(count: int, first: int | None) -> list[int]:
    """`count` free ports: from `first` upward, skipping busy ones, or any free ones when `first` is None."""
    ports: list[int] = []
    candidate = first
    while len(ports) < count:
        if candidate is None:
            port = free_port()
        else:
            port, candidate = candidate, candidate + 1
            if candidate > 65535:
                raise RuntimeError("no free port for a worker")
        if port not in ports and port_is_free(port):
            ports.append(port)
    return ports


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Cluster:
    """N `streamlit run app.py` workers and nginx in front of them; `url` is nginx's root once `start()` returns."""

    def __init__(self, workers: int = 2, port: int = 8501, address: str = "", data: Path | None = None,
                 first_worker_port: int | None = FIRST_WORKER_PORT, logs: Path | None = None,
                 env: dict[str, str] | None = None):
        if workers < 1:
            raise ValueError("at least one worker")
        self.count, self.port, self.address = workers, port, address
        self.data, self.first_worker_port, self.logs = data, first_worker_port, logs
        self.env = {**os.environ, **(env or {})}
        self.url = f"http://{address or 'localhost'}:{port}"
        self.ports: list[int] = []
        self.workers: list[subprocess.Popen[bytes]] = []
        self.nginx: subprocess.Popen[bytes] | None = None
        self.prefix: Path | None = None
        self._files: list[IO[bytes]] = []

    @property
    def upstreams(self) -> list[str]:
        """The workers as nginx names them in $upstream_addr (and so in the X-IKD-Worker header)."""
        return [f"127.0.0.1:{p}" for p in self.ports]

    def _output(self, name: str) -> IO[bytes] | None:
        if self.logs is None:
            return None  # the terminal's
        self.logs.mkdir(parents=True, exist_ok=True)
        handle = (self.logs / name).open("wb")
        self._files.append(handle)
        return handle

    def start(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        if not port_is_free(self.port, self.address or "0.0.0.0"):
            raise RuntimeError(f"port {self.port} is busy: pass another (make serve PORT=...)")
        env = dict(self.env)
        if self.data is not None:
            env["IKD_DATA"] = str(self.data.resolve())
        # One cookie secret for all workers, so anything signed by one (XSRF, login cookies) is valid on another.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        self.ports = worker_ports(self.count, self.first_worker_port)
        for port in self.ports:
            out = self._output(f"worker-{port}.log")
            self.workers.append(subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                 "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if out else None,
            ))
        self._wait([f"http://127.0.0.1:{p}" for p in self.ports], "workers")
        self.prefix = Path(tempfile.mkdtemp(prefix="ikd-nginx-"))
        logs = self.logs
        conf = self.prefix / "nginx.conf"
        conf.write_text(render(
            TEMPLATE.read_text(encoding="utf-8"),
            listen=f"{self.address}:{self.port}" if self.address else str(self.port),
            workers=self.upstreams, prefix=self.prefix, max_upload=max_upload_mb(),
            error_log=str(logs / "nginx-error.log") if logs else "stderr",
            access_log=f"{logs / 'nginx-access.log'} ikd" if logs else "off",
            # Started as root (a container, this project's CI), nginx would hand its workers to `nobody`, who
            # cannot enter the private prefix: keep them as the user who started it.
            user=pwd.getpwuid(os.geteuid()).pw_name if os.geteuid() == 0 else None,
        ), encoding="utf-8")
        out = self._output("nginx.out")
        # -e: nginx's own messages before it reads the configuration, instead of /var/log/nginx (root's).
        self.nginx = subprocess.Popen(
            [nginx_binary(), "-p", str(self.prefix), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
            stdout=out, stderr=subprocess.STDOUT if out else None,
        )
        self._wait([self.url], "nginx")

    def _wait(self, urls: list[str], what: str) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        pending = list(urls)
        while pending:
            if dead := self.dead():
                raise RuntimeError(f"{dead} exited while starting{self._where_logs()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} not healthy after {STARTUP_SECONDS:.0f} s: {pending}{self._where_logs()}")
            pending = [u for u in pending if not healthy(u)]
            if pending:
                time.sleep(0.3)

    def _where_logs(self) -> str:
        return f" (logs in {self.logs})" if self.logs else ""

    def dead(self) -> str | None:
        """What has exited, or None while everything runs."""
        for port, worker in zip(self.ports, self.workers, strict=False):
            if worker.poll() is not None:
                return f"worker on port {port} (exit {worker.returncode})"
        if self.nginx is not None and self.nginx.poll() is not None:
            return f"nginx (exit {self.nginx.returncode})"
        return None

    def stop(self) -> None:
        """nginx first (so no request reaches a stopping worker), then the workers; idempotent."""
        processes = ([self.nginx] if self.nginx else []) + self.workers
        for process in processes:
            if process.poll() is None:
                process.terminate()  # nginx: fast shutdown (a graceful one would wait for open websockets)
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.nginx, self.workers = None, []
        for handle in self._files:
            handle.close()
        self._files = []
        if self.prefix is not None:
            shutil.rmtree(self.prefix, ignore_errors=True)
            self.prefix = None

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Stop(Exception):
    pass


def _on_signal(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="nginx's port (above 1024: no root needed)")
    parser.add_argument("--address", default="", help="nginx's address (default: every interface)")
    parser.add_argument("--first-worker-port", type=int, default=FIRST_WORKER_PORT,
                        help="the workers listen on 127.0.0.1 from this port up, skipping busy ones")
    parser.add_argument("--data", type=Path, default=None, help="the data file (default: $IKD_DATA or "
                        "data/regions.yaml)")
    parser.add_argument("--logs", type=Path, default=None, help="a folder for each worker's and nginx's log "
                        "(default: this terminal)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    cluster = Cluster(args.workers, args.port, args.address, args.data, args.first_worker_port, args.logs)
    try:
        cluster.start()
        print(f"{args.workers} workers ({', '.join(map(str, cluster.ports))}) behind nginx: "
              f"http://localhost:{args.port}  (Ctrl-C stops them all)", flush=True)
        while (dead := cluster.dead()) is None:
            time.sleep(0.5)
        print(f"{dead}: stopping everything", file=sys.stderr, flush=True)
        return 1
    except _Stop:
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())

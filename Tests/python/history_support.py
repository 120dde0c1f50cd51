"""Helpers for the history end-to-end tests (test_history.py).

Runs `easel` subcommands with a clean environment, starts `easel sandbox` with any options
(including `--no-thread-list`), talks to the sandbox's ai-client API directly, opens the history
database read-only-ish for checks, and offers a small forwarding proxy that slows the entries
requests down so a sync can be interrupted part-way on purpose.

Nothing here sleeps for correctness: waits poll a condition against a deadline.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sandbox_support import Sandbox, easel_binary
from studio_support import STALE_VARIABLES

COMMAND_TIMEOUT_S = 60.0
SANDBOX_START_TIMEOUT_S = 20.0


def clean_environment(home: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without provider keys, Easel/XDG settings or a stale terminal
    size, with a private EASEL_HOME; `extra` is added last."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AICLIENT_", "OPENAI_", "EASEL_", "XDG_"))}
    for name in STALE_VARIABLES + ("LINES", "COLUMNS"):
        env.pop(name, None)
    env["EASEL_HOME"] = str(home)
    env.setdefault("LANG", "C.UTF-8")
    env.update(extra)
    return env


def aiclient_environment(home: Path, sandbox: Sandbox, **extra: str) -> dict[str, str]:
    """A clean environment that points the ai-client provider at an external sandbox."""
    return clean_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=sandbox.aiclient_base, **extra)


def run_easel(args: list[str], env: dict[str, str], timeout: float = COMMAND_TIMEOUT_S) -> subprocess.CompletedProcess:
    """Runs `easel ARGS...` to completion (text output, stdin closed)."""
    return subprocess.run([easel_binary(), *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)


def run_ok(args: list[str], env: dict[str, str], timeout: float = COMMAND_TIMEOUT_S) -> subprocess.CompletedProcess:
    """Runs easel and fails with everything it printed unless it exits 0."""
    result = run_easel(args, env, timeout)
    assert result.returncode == 0, (
        f"easel {' '.join(args)} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def threads_json(env: dict[str, str]) -> list[dict]:
    return json_lines(run_ok(["threads", "list", "--json"], env).stdout)


# ----------------------------------------------------------------------------------- sandbox


class SandboxProcess:
    """`easel sandbox --port 0` with the given options, its EASEL_HOME at `home`; `stop()` is
    idempotent."""

    def __init__(self, home: Path, token: str, delay: float = 0.0, thread_list: bool = True):
        args = [easel_binary(), "sandbox", "--port", "0", "--delay", str(delay), "--token", token]
        if not thread_list:
            args.append("--no-thread-list")
        self.stderr_file = tempfile.TemporaryFile()
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.stderr_file,
                                        env=clean_environment(home))
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            # Hands over the first line, then keeps draining stdout so the server never blocks.
            first = True
            for raw in iter(self.process.stdout.readline, b""):
                if first:
                    lines.put(raw.decode("utf-8", "replace"))
                    first = False
            if first:
                lines.put(None)

        threading.Thread(target=pump, name="sandbox-stdout", daemon=True).start()
        try:
            line = lines.get(timeout=SANDBOX_START_TIMEOUT_S)
        except queue.Empty:
            line = None
        if line is None or not line.startswith("listening on http://127.0.0.1:"):
            self.stderr_file.seek(0)
            stderr = self.stderr_file.read().decode("utf-8", "replace")
            self.stop()
            raise AssertionError(f"easel sandbox did not start: first line {line!r}; stderr:\n{stderr}")
        self.sandbox = Sandbox(origin=line[len("listening on "):].strip(), token=token)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        if not self.stderr_file.closed:
            self.stderr_file.close()


class AIClientAPI:
    """The sandbox's ai-client threads API, called directly (form bodies, bearer token)."""

    def __init__(self, sandbox: Sandbox):
        self.base = sandbox.aiclient_base
        self.token = sandbox.token

    def _call(self, method: str, path: str, form: dict[str, str] | None = None) -> dict:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        with urllib.request.urlopen(request, timeout=20) as reply:
            return json.loads(reply.read())

    def create_thread(self, ai_version_code: str = "dalle2_text2img") -> str:
        return self._call("POST", "/threads", {"ai_version_code": ai_version_code})["data"]["guid"]

    def post_request(self, thread: str, prompt: str, size: str = "256x256") -> str:
        form = {"type": "request", "n": "1", "size": size, "prompt": prompt}
        return self._call("POST", f"/threads/{thread}/entry", form)["data"]["guid"]

    def entries(self, thread: str) -> list[dict]:
        return self._call("GET", f"/threads/{thread}/entries")["data"]

    def all_complete(self, threads: list[str]) -> bool:
        return all(not entry["waiting_response"] for guid in threads for entry in self.entries(guid))


# ------------------------------------------------------------------------------------ database


def open_history(home: Path) -> sqlite3.Connection:
    """A connection to the history file (which must exist); close it before easel runs again."""
    path = home / "data" / "history.sqlite"
    assert path.is_file(), f"no history database at {path}"
    return sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10)


def integrity(home: Path) -> str:
    with closing(open_history(home)) as db:
        return "\n".join(row[0] for row in db.execute("PRAGMA integrity_check"))


def query(home: Path, sql: str, *args) -> list[tuple]:
    with closing(open_history(home)) as db:
        return db.execute(sql, args).fetchall()


# --------------------------------------------------------------------------------- slow proxy


class SlowEntriesProxy:
    """An HTTP forwarder on 127.0.0.1:0 in front of a sandbox that holds every
    `GET .../threads/{guid}/entries` reply back for `delay` seconds; other requests pass at once.
    It counts the entries replies it has passed on."""

    def __init__(self, upstream_origin: str, delay: float):
        self.upstream = upstream_origin
        self.delay = delay
        self.entries_served = 0
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                request = urllib.request.Request(outer.upstream + self.path, data=body, method=self.command)
                for name in ("Authorization", "Content-Type", "Accept"):
                    if self.headers.get(name):
                        request.add_header(name, self.headers[name])
                try:
                    with urllib.request.urlopen(request, timeout=30) as reply:
                        status, headers, payload = reply.status, reply.headers, reply.read()
                except urllib.error.HTTPError as error:
                    status, headers, payload = error.code, error.headers, error.read()
                is_entries = self.command == "GET" and self.path.split("?")[0].endswith("/entries")
                if is_entries:
                    time.sleep(outer.delay)  # the throttle itself, not a wait for a condition
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                if is_entries:
                    with outer._lock:
                        outer.entries_served += 1

            do_GET = do_POST = _forward

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="slow-proxy", daemon=True)
        self.thread.start()

    @property
    def aiclient_base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v1"

    def served(self) -> int:
        with self._lock:
            return self.entries_served

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


"""Support code for the Python interoperability tests.

Starts and stops `easel sandbox` (never blocking longer than a timeout) and
checks image bytes.

Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

from __future__ import annotations

import os
import queue
import struct
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

DEFAULT_BIN = "/work/main/.build/debug/easel"
STARTUP_TIMEOUT_S = 20.0
SHUTDOWN_TIMEOUT_S = 10.0
LISTENING_PREFIX = "listening on "

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOI = b"\xff\xd8"


@dataclass(frozen=True)
class Sandbox:
    """A running sandbox: `origin` is e.g. http://127.0.0.1:54321 (no trailing slash)."""

    origin: str
    token: str

    # Allows `origin, token = sandbox`.
    def __iter__(self):
        return iter((self.origin, self.token))

    @property
    def aiclient_base(self) -> str:
        return self.origin + "/api/v1"

    @property
    def openai_base(self) -> str:
        return self.origin + "/v1"


def easel_binary() -> str:
    path = os.environ.get("EASEL_BIN") or DEFAULT_BIN
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"easel binary not found or not executable: {path} (set EASEL_BIN)")
    return path


def _read_first_line(stream, timeout: float) -> str | None:
    """Read one line from `stream` without ever blocking longer than `timeout`.

    A daemon thread does the blocking read and then keeps draining the pipe so
    the server can never stall on a full stdout buffer.
    """
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        first = True
        for raw in iter(stream.readline, b""):
            if first:
                lines.put(raw.decode("utf-8", "replace"))
                first = False
        if first:
            lines.put(None)  # EOF before any line

    threading.Thread(target=pump, name="sandbox-stdout", daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None


def start_sandbox(token: str, delay: str = "0", extra: tuple[str, ...] = ()):
    """Start `easel sandbox` (with `extra` arguments such as `--hostile`) and return
    (process, Sandbox, stderr_file)."""
    stderr_file = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [easel_binary(), "sandbox", "--port", "0", "--delay", delay, "--token", token, *extra],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr_file,
    )
    line = _read_first_line(proc.stdout, STARTUP_TIMEOUT_S)
    if line is None or not line.startswith(LISTENING_PREFIX):
        stop_sandbox(proc)
        stderr_file.seek(0)
        err = stderr_file.read().decode("utf-8", "replace")
        stderr_file.close()
        pytest.fail(
            f"sandbox did not print a listening line within {STARTUP_TIMEOUT_S}s; "
            f"got {line!r}; exit={proc.returncode}; stderr:\n{err}"
        )
    origin = line[len(LISTENING_PREFIX):].strip()
    assert origin.startswith("http://127.0.0.1:"), line
    assert line.endswith("\n") and not origin.endswith("/"), line
    return proc, Sandbox(origin=origin, token=token), stderr_file


def stop_sandbox(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=SHUTDOWN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=SHUTDOWN_TIMEOUT_S)
    if proc.stdout is not None:
        proc.stdout.close()


def png_dimensions(data: bytes) -> tuple[int, int]:
    """(width, height) from the PNG IHDR chunk, which must be the first chunk."""
    assert data[:8] == PNG_SIGNATURE, f"not a PNG: {data[:16]!r}"
    length, ctype = struct.unpack(">I4s", data[8:16])
    assert ctype == b"IHDR" and length == 13, f"first chunk is {ctype!r} (len {length})"
    return struct.unpack(">II", data[16:24])


def parse_dimensions(text: str) -> tuple[int, int]:
    w, _, h = text.partition("x")
    return int(w), int(h)


SCRIPTS_DIR = Path(__file__).parent / "seed_scripts"


# Every provider the sandbox speaks, as `--provider` names.
SANDBOX_PROVIDERS = ("ai-client", "openai", "azure", "aimlapi", "compatible", "acedata", "a1111", "comfyui", "sdcpp")

PROVIDER_PREFIXES = ("AICLIENT_", "OPENAI_", "AZURE_OPENAI_", "AIMLAPI_", "COMPATIBLE_", "ACEDATA_", "A1111_",
                     "COMFYUI_", "SDCPP_", "EASEL_", "XDG_")


def every_provider_environment(home: Path, sandbox: Sandbox, **extra: str) -> dict[str, str]:
    """A clean environment (private EASEL_HOME) whose every provider points at `sandbox`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(PROVIDER_PREFIXES)}
    for name in ("LINES", "COLUMNS", "TMUX", "STY"):
        env.pop(name, None)
    origin, token = sandbox.origin, sandbox.token
    env.update({
        "EASEL_HOME": str(home), "LANG": "C.UTF-8",
        "AICLIENT_TOKEN": token, "AICLIENT_BASE_URL": origin + "/api/v1",
        "OPENAI_API_KEY": token, "OPENAI_BASE_URL": origin + "/v1",
        "AZURE_OPENAI_API_KEY": token, "AZURE_OPENAI_ENDPOINT": origin,
        "AIMLAPI_KEY": token, "AIMLAPI_BASE_URL": origin + "/aimlapi/v1",
        "COMPATIBLE_API_KEY": token, "COMPATIBLE_BASE_URL": origin + "/compatible/v1",
        "ACEDATA_TOKEN": token, "ACEDATA_BASE_URL": origin,
        "A1111_AUTH": "sandbox:" + token, "A1111_BASE_URL": origin + "/a1111",
        "COMFYUI_BASE_URL": origin + "/comfyui",
        "SDCPP_BASE_URL": origin + "/sd-server",
    })
    env.update(extra)
    return env

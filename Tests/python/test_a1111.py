"""AUTOMATIC1111 (`--provider a1111`) end to end with the real binary: a job on the built-in
sandbox prints the server's real seed and saves a PNG carrying the web UI's infotext, and a
job whose Easel is killed with SIGKILL is never sent again — `easel resume` follows it while the
server still runs it and ends it as outcome unknown (exit 5).

Nothing sleeps for correctness: waits poll a condition against a deadline.
"""

from __future__ import annotations

import base64
import json
import secrets
import signal
import struct
import subprocess
import urllib.request
import zlib
from pathlib import Path

import pytest

from history_support import SandboxProcess, clean_environment, query
from sandbox_support import easel_binary
from studio_support import poll_until


@pytest.fixture
def home(tmp_path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def png_text_chunks(data: bytes) -> dict[str, str]:
    """The PNG's tEXt, zTXt and iTXt chunks by keyword."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks: dict[str, str] = {}
    offset = 8
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        offset += 12 + length
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            chunks[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            chunks[key.decode("latin-1")] = zlib.decompress(rest[1:]).decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _language, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            chunks[key.decode("latin-1")] = (zlib.decompress(text) if compressed else text).decode("utf-8")
    return chunks


def test_generate_on_the_sandbox_prints_the_seed_and_writes_the_infotext(home, tmp_path):
    env = clean_environment(home, EASEL_SANDBOX_DELAY="0.5")
    result = subprocess.run(
        [easel_binary(), "generate", "--provider", "a1111", "--sandbox", "a fox", "--negative", "rain",
         "--size", "128x128", "--steps", "8", "--json", "--out", str(tmp_path / "out")],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    seed = reply["seed"]
    assert isinstance(seed, int) and seed >= 0, reply
    info = json.loads(reply["reply"]["info"])
    assert info["all_seeds"] == [seed], "the seed printed is the one the server reports using"
    image = Path(reply["images"][0]["path"])
    chunks = png_text_chunks(image.read_bytes())
    parameters = chunks["parameters"]
    assert parameters.startswith("a fox\nNegative prompt: rain\nSteps: 8, Sampler: Euler"), parameters
    assert f"Seed: {seed}," in parameters, parameters
    assert "A1111_AUTH" not in result.stderr and "sandbox:" not in result.stderr


class WebUI:
    """`easel sandbox` as an A1111 web UI with `--api-auth sandbox:TOKEN`, and an environment
    pointing `easel` at it."""

    def __init__(self, tmp_path: Path, home: Path, delay: float):
        self.token = "easel-a1111-" + secrets.token_hex(8)
        sandbox_home = tmp_path / "sandbox-home"
        sandbox_home.mkdir()
        self.server = SandboxProcess(sandbox_home, token=self.token, delay=delay)
        self.base = self.server.sandbox.origin + "/a1111"
        self.env = clean_environment(home, A1111_BASE_URL=self.base, A1111_AUTH="sandbox:" + self.token)

    def progress(self) -> dict:
        request = urllib.request.Request(self.base + "/sdapi/v1/progress")
        request.add_header("Authorization", "Basic " + base64.b64encode(f"sandbox:{self.token}".encode()).decode())
        with urllib.request.urlopen(request, timeout=5) as answer:
            return json.load(answer)

    def busy(self) -> bool:
        return self.progress()["state"]["job_count"] > 0

    def generate(self, out: Path, stderr=subprocess.DEVNULL) -> subprocess.Popen:
        return subprocess.Popen(
            [easel_binary(), "generate", "--provider", "a1111", "a lighthouse", "--size", "64x64", "--out", str(out)],
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, text=True)


def test_ctrl_c_interrupts_the_job_on_the_server(home, tmp_path):
    web_ui = WebUI(tmp_path, home, delay=60)
    try:
        process = web_ui.generate(tmp_path / "out", stderr=subprocess.PIPE)
        try:
            poll_until(web_ui.busy, 30, lambda: "the server never started the job")
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 1, (process.returncode, stderr)
        assert "cancelled" in stderr, stderr
        # The web UI's worker notices an interrupt between steps (the sandbox's every 20 ms), so
        # the job ends moments after easel exits — long before its 60 s.
        poll_until(lambda: not web_ui.busy(), 15, lambda: "the server's job was not interrupted: it is still running")
        assert query(home, "SELECT state FROM job") == [("cancelled",)]
    finally:
        web_ui.server.stop()


def test_a_killed_job_is_followed_by_resume_and_never_sent_again(home, tmp_path):
    web_ui = WebUI(tmp_path, home, delay=5)
    try:
        process = web_ui.generate(tmp_path / "out")
        try:
            def sent() -> bool:
                # The file can exist before its tables do; the task id is journalled before the POST.
                try:
                    return query(home, "SELECT state, trace_id IS NOT NULL FROM job") == [("sending", 1)]
                except Exception:
                    return False

            poll_until(sent, 30, lambda: "the job was never journalled as sent")

            poll_until(web_ui.busy, 30, lambda: "the server never started the job")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        result = subprocess.run([easel_binary(), "resume"], env=web_ui.env, capture_output=True, text=True, timeout=90,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 5, (result.returncode, result.stderr)
        assert "a1111 does not hand back a finished job's images after a restart" in result.stderr, result.stderr
        assert "outputs folder when save_images was on" in result.stderr, result.stderr
        assert query(home, "SELECT state FROM job") == [("outcome_unknown",)]
        assert not list((tmp_path / "out").glob("*.png")), "nothing was made again"
    finally:
        web_ui.server.stop()

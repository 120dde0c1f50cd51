"""Every `--json` command keeps a hostile server's text from reaching the terminal raw.

A fake OpenAI-compatible server on 127.0.0.1 answers with revised prompts made of the hostile
corpus (ESC and C1 sequences, bidi overrides, zero-width and format characters, DEL, line
separators). The JSON Easel prints must decode to those same strings, yet its bytes must hold
none of them: they travel as `\\u` escapes.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from sandbox_support import easel_binary

HOSTILE = [
    "\x1b]0;pwned\x07title",
    "\x1b[2J\x1b[31mred",
    "c1 csi \u009b31m and osc \u009d52;c;Zm9v\u009c",
    "bidi \u202egnp.exe\u202c and \u2066isolate\u2069",
    "zero\u200bwidth\u200d joiner \ufeffbom",
    "del\x7f and bel\x07",
    "line\u2028separator\u2029paragraph",
    "tag \U000E0041\U000E007F",
]


def forbidden(scalar: str) -> bool:
    code = ord(scalar)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    return unicodedata.category(scalar) in ("Cf", "Zl", "Zp", "Cc")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


class HostileImages(BaseHTTPRequestHandler):
    counter = 0

    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        HostileImages.counter += 1
        text = HOSTILE[HostileImages.counter % len(HOSTILE)]
        body = json.dumps({
            "created": 1,
            "data": [{"b64_json": base64.b64encode(png_bytes()).decode(), "revised_prompt": "revised " + text}],
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileImages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def collect_strings(value, into: list[str]) -> None:
    if isinstance(value, str):
        into.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            collect_strings(item, into)
    elif isinstance(value, list):
        for item in value:
            collect_strings(item, into)


def run(args, env) -> str:
    result = subprocess.run([easel_binary(), *args], capture_output=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, (args, result.returncode, result.stderr.decode("utf-8", "replace"))
    text = result.stdout.decode("utf-8")  # strict: invalid UTF-8 fails the test
    bad = sorted({f"U+{ord(c):04X}" for c in text if c != "\n" and forbidden(c)})
    assert not bad, f"{args}: raw {bad} in the output"
    return text


def test_every_json_command_escapes_the_hostile_corpus(tmp_path, hostile_server):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AICLIENT_", "OPENAI_", "EASEL_", "XDG_", "COMPATIBLE_"))}
    env["EASEL_HOME"] = str(tmp_path / "home")
    env["COMPATIBLE_BASE_URL"] = hostile_server
    prompts = []
    for index, text in enumerate(HOSTILE):
        prompt = f"word{index} {text}"
        prompts.append(prompt)
        output = run(["generate", prompt, "--provider", "compatible", "--json"], env)
        document = json.loads(output)
        assert document["revised_prompt"].startswith("revised "), document
    listed = run(["threads", "list", "--json"], env)
    threads = [json.loads(line) for line in listed.splitlines() if line.strip()]
    assert len(threads) >= 1
    strings: list[str] = []
    for thread in threads:
        collect_strings(json.loads(run(["threads", "show", str(thread["id"]), "--json"], env)), strings)
    joined = "\n".join(strings)
    # The decoded JSON carries the hostile strings exactly.
    for text in HOSTILE:
        assert text in joined, f"{text!r} lost in threads show --json"
    run(["threads", "search", "word3", "--json"], env)
    run(["history", "costs", "--json"], env)
    out = tmp_path / "history.jsonl"
    run(["history", "export", "--format", "jsonl", "--out", str(out)], env)
    exported = out.read_text(encoding="utf-8")
    assert not [c for c in exported if c != "\n" and forbidden(c)], "raw invisibles in the export"
    images = sorted((tmp_path / "home").rglob("*.png"))
    assert images, "no image saved"
    run(["inspect", "--json", *map(str, images[:3])], env)
    # One file is pretty-printed: its layout stays readable JSON.
    json.loads(run(["inspect", "--json", str(images[0])], env))

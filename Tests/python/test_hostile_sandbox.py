"""`easel sandbox --hostile` over every CLI command and the studio's panes.

The hostile sandbox puts escape sequences (OSC 52, OSC 8, OSC 0, CSI reports, DCS), C1
controls, bidi overrides, C0 controls, invalid UTF-8 and very long strings into every string it
serves, for every provider. Each command runs on a pseudo-terminal, as a user would run it, and
the raw bytes it writes are checked: no sequence from the server may reach the terminal. Easel's
own escapes (the studio's drawing, colours) are expected, so the checks look for the corpus'
own sequences and for bytes Easel never writes (C1, bidi, invalid UTF-8), and every ESC must open
a sequence Easel itself uses.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sandbox_support import SANDBOX_PROVIDERS, easel_binary, every_provider_environment, start_sandbox, stop_sandbox
from studio_support import PtyStudio, tmux_available

TOKEN = "hostile-token"

# The corpus' own sequences and bytes Easel never writes: a leak shows up as one of these.
FORBIDDEN = [
    b"\x1b]52", b"\x1b]8;;https://hostile", b"\x1b]0;hx", b"\x1bP+q", b"\x1b[6n", b"\x1b[21t", b"\x1b[31;7;5m",
    b"\x1b[1;1H\xc2\x9b",
    *[bytes([0xC2, c]) for c in range(0x80, 0xA0)],  # C1 controls in UTF-8
    *[chr(c).encode() for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                                 0x200B, 0x200F, 0xFEFF, 0x2028, 0x2029)],
    b"\xff", b"\xfe", b"\xc0\xaf", b"\xed\xa0\x80",  # invalid UTF-8
]

# What Easel itself may write: CSI sequences, charset designations, keypad modes, an OSC 0/2
# title of printable text, index and reverse index (ncurses scrolls with them), OSC 8 links to local files (`easel show`, paths),
# and the studio's start-up probe, whose one non-CSI query is kitty's fixed graphics query.
ALLOWED_ESCAPE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0B]|\x1b[=>78DM]|\x1b\][02];(?:[ -~]|[\xc2-\xf4][\x80-\xbf]+)*\x07"
    rb"|\x1b\]8;[^\x1b\x07]*;(?:file://[ -~]*)?(?:\x1b\\|\x07)"
    rb"|\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\")

# Easel's CLI writes no controls but line ends, tabs and (progress lines) carriage returns.
CLI_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")


# The graphics probe the studio sends once when it starts (`graphics = "auto"`): its own
# queries, not server text, so they are taken out (once) before the checks.
GRAPHICS_PROBE = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[>q\x1b[16t\x1b[c"


def assert_clean(label: str, out: bytes, studio: bool = False) -> None:
    if studio:
        assert out.count(GRAPHICS_PROBE) <= 1, f"{label}: the graphics probe was sent more than once"
        out = out.replace(GRAPHICS_PROBE, b"", 1)
    for needle in FORBIDDEN:
        at = out.find(needle)
        assert at < 0, f"{label}: {needle!r} reached the terminal at byte {at}: ...{out[max(0, at - 80):at + 80]!r}..."
    position = 0
    while (position := out.find(b"\x1b", position)) >= 0:
        match = ALLOWED_ESCAPE.match(out, position)
        assert match, f"{label}: unexpected escape at byte {position}: {out[max(0, position - 40):position + 40]!r}"
        position = match.end()
    if not studio:
        stripped = ALLOWED_ESCAPE.sub(b"", out)
        control = CLI_CONTROLS.search(stripped)
        assert control is None, f"{label}: control byte {control.group()!r}: ...{stripped[max(0, control.start() - 60):control.start() + 60]!r}"
    out.decode("utf-8")  # everything written is valid UTF-8


def run_on_pty(argv: list[str], env: dict[str, str], timeout: float = 120) -> tuple[int, bytes]:
    """Runs argv with stdin, stdout and stderr on one pseudo-terminal; returns (exit code, bytes)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True)
    os.close(terminal)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    data = os.read(controller, 65536)
                except OSError:  # EIO: every writer closed
                    data = b""
                if not data and process.poll() is not None:
                    break
                chunks.append(data)
            elif process.poll() is not None:
                break
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                raise AssertionError(f"{argv[1:]} did not finish in {timeout}s: {b''.join(chunks)[-2000:]!r}")
    finally:
        os.close(controller)
    return process.wait(timeout=10), b"".join(chunks)


@pytest.fixture(scope="module")
def hostile_sandbox():
    proc, sandbox, stderr_file = start_sandbox(TOKEN, delay="0", extra=("--hostile", "--seed", "11"))
    yield sandbox
    stop_sandbox(proc)
    stderr_file.close()


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory, hostile_sandbox):
    """A history made over the hostile sandbox: one generation per provider, plain and --json."""
    home = tmp_path_factory.mktemp("hostile-home")
    env = every_provider_environment(home, hostile_sandbox, TERM="xterm-256color", COLUMNS="100", LINES="30")
    outcomes = {}
    # OpenAI's streamed generation: the corpus arrives in server-sent events.
    code, out = run_on_pty([easel_binary(), "generate", "streamed hostile lighthouse sbx-hstream", "--provider", "openai",
                            "--stream", "--partial-images", "2"], env)
    assert_clean("generate --stream", out)
    outcomes[("openai --stream", False)] = (code, out)
    for index, provider in enumerate(SANDBOX_PROVIDERS):
        for json_flag in ((), ("--json",)):
            prompt = f"hostile lighthouse number{index} sbx-h{index}x{len(json_flag)}"
            code, out = run_on_pty([easel_binary(), "generate", prompt, "--provider", provider, *json_flag], env)
            assert_clean(f"generate --provider {provider} {' '.join(json_flag)}", out)
            outcomes[(provider, bool(json_flag))] = (code, out)
    return home, env, outcomes


def test_generate_for_every_provider_keeps_the_corpus_off_the_terminal(hostile_home):
    _, _, outcomes = hostile_home
    # Every provider's flow runs to the end: the corpus is in text, not in ids or states.
    failed = [f"{provider} json={as_json} exited {code}: {out[-600:]!r}"
              for (provider, as_json), (code, out) in outcomes.items() if code != 0]
    assert not failed, "\n".join(failed)


def test_history_commands_keep_the_corpus_off_the_terminal(hostile_home, tmp_path):
    home, env, _ = hostile_home
    binary = easel_binary()
    code, listed = run_on_pty([binary, "threads", "list", "--json"], env)
    assert code == 0, listed[-1000:]
    threads = [json.loads(line) for line in listed.decode().splitlines() if line.strip().startswith("{")]
    assert len(threads) >= len(SANDBOX_PROVIDERS), listed[-2000:]
    seen_corpus = False
    commands = [["threads", "list"], ["threads", "search", "lighthouse"], ["threads", "search", "lighthouse", "--json"],
                ["threads", "sync"], ["resume"], ["history", "costs"]]
    for thread in threads:
        commands += [["threads", "show", str(thread["id"])], ["threads", "show", str(thread["id"]), "--json"]]
    for args in commands:
        code, out = run_on_pty([binary, *args], env)
        assert_clean(" ".join(args), out)
        seen_corpus = seen_corpus or b"hx-" in out
    # The corpus did arrive (shown made safe, or escaped in JSON); it was not simply dropped.
    assert seen_corpus, "no hostile text reached the history at all"
    images = sorted(p for p in home.rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")
                    and "rejected" not in p.parts)
    assert images, "no images saved"
    for image in images[:12]:
        for args in (["show", str(image)], ["inspect", str(image)], ["inspect", "--json", str(image)]):
            code, out = run_on_pty([binary, *args], env)
            assert code == 0, (args, out[-1000:])
            assert_clean(" ".join(args[:1]) + " " + image.name, out)


def test_studio_panes_keep_the_corpus_off_the_terminal(hostile_home, hostile_sandbox):
    home, env, _ = hostile_home
    # AI/ML API alone, so the studio starts on it; the history holds every provider's threads.
    env = {k: v for k, v in env.items()
           if not k.startswith(("AICLIENT_", "OPENAI_", "AZURE_", "COMPATIBLE_", "ACEDATA_", "A1111_", "COMFYUI_", "SDCPP_"))
           and k not in ("COLUMNS", "LINES")}
    session = PtyStudio([easel_binary()], env, columns=110, rows=34)
    try:
        session.wait_for_text("^C quit", timeout=60)
        # A finished job, then one the server refuses (its message carries the corpus).
        for prompt, outcome in ((b"hostile studio lighthouse sbx-studio1", "done"),
                                (b"hostile studio refusal [no-credits] sbx-studio2", "failed")):
            session.write(prompt)
            session.wait_for_text(prompt.decode()[-12:])
            mark = session.size()
            session.write(b"\r")
            session.wait_for_text(outcome, start=mark, timeout=90)
        for keys in (b"\x1b2", b"k", b"\x1b3", b"j", b"j", b"\r", b"\x1b", b"\x1b3", b"k", b"\r", b"\x1b"):
            session.write(keys)
            session.wait_quiet(0.4)
        assert session.process.poll() is None, "the studio exited"
        assert_clean("studio", session.output, studio=True)
        # Shown made safe: ESC as ␛, other controls as U+FFFD, or the payloads' markers.
        assert any(mark in session.output for mark in (b"hx-", "\u241b".encode(), "\ufffd".encode())), \
            "the studio showed none of the corpus"
    finally:
        session.close()


def test_edit_vary_and_import_keep_the_corpus_off_the_terminal(hostile_home, tmp_path):
    """Edits and variations on every backend that makes them, and an ai-client thread imported
    by its guid, over the hostile sandbox: the corpus arrives in their replies (revised prompts,
    infotext, errors, thread titles) and none of it reaches the terminal raw."""
    from PIL import Image

    home, env, _ = hostile_home
    binary = easel_binary()
    source = tmp_path / "square.png"
    Image.new("RGB", (256, 256), (40, 90, 160)).save(source)
    mask = tmp_path / "mask.png"
    painted = Image.new("RGBA", (256, 256), (0, 0, 0, 255))
    painted.paste((0, 0, 0, 0), (64, 64, 192, 192))
    painted.save(mask)
    runs = [
        ["edit", str(source), "--mask", str(mask), "hostile edit sbx-he1", "--provider", "openai", "--model", "gpt-image-1"],
        ["edit", str(source), "hostile edit sbx-he2", "--provider", "openai", "--model", "gpt-image-1", "--json"],
        ["vary", str(source), "--provider", "openai"],
        ["vary", str(source), "--provider", "openai", "--json"],
        ["edit", str(source), "--mask", str(mask), "hostile inpaint sbx-he3", "--provider", "a1111"],
        ["edit", str(source), "--mask", str(mask), "hostile inpaint sbx-he4", "--provider", "comfyui", "--json"],
        ["edit", str(source), "--mask", str(mask), "hostile inpaint sbx-he5", "--provider", "sdcpp"],
        # A history image: its source prompt (the corpus, revised by the server) steers the backend.
        ["vary", "@1", "--provider", "a1111", "--json"],
    ]
    failed, outputs = [], []
    for args in runs:
        code, out = run_on_pty([binary, *args], env)
        assert_clean(" ".join(args[:1] + args[-3:]), out)
        outputs.append(out)
        if code != 0:
            failed.append(f"{' '.join(args)} exited {code}: {out[-400:]!r}")
    assert not failed, "\n".join(failed)
    assert any(mark in out for out in outputs for mark in (b"hx-", b"\\u001b", "\u241b".encode(), "\ufffd".encode())), \
        "none of the corpus reached the edits' output"

    # Import: a thread another machine made, by its guid, into an empty history.
    code, listed = run_on_pty([binary, "threads", "list", "--json"], env)
    guids = [json.loads(line).get("guid") for line in listed.decode().splitlines() if line.strip().startswith("{")]
    guid = next(g for g in guids if g)
    fresh = dict(env, EASEL_HOME=str(tmp_path / "fresh-home"))
    for args in (["threads", "import", guid], ["threads", "show", guid], ["threads", "show", guid, "--json"]):
        code, out = run_on_pty([binary, *args], fresh)
        assert code == 0, (args, out[-1000:])
        assert_clean(" ".join(args), out)

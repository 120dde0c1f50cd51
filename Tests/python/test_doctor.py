"""End-to-end tests of `easel doctor` on a pseudo-terminal whose fake terminal answers like
kitty, like a sixel terminal, or not at all; off a terminal; `--json`; bad options.

Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import fake_terminal_support as fake_terminal
from history_support import clean_environment
from sandbox_support import easel_binary
from studio_support import studio_environment, tmux_available

KITTY = b"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.39.1)\x1b\\\x1b[6;20;10t\x1b[>1;4000;29c\x1b[?62;52;4c"
SIXEL = (b"\x1bP>|XTerm(390)\x1b\\\x1b[>41;390;0c\x1b[?1;0;256S\x1b[?2;0;1000;800S"
         b"\x1b[?63;1;2;4;6;9;15;22c")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = clean_environment(tmp_path / "home", TERM="xterm-256color", LANG="C.UTF-8")
    for name in ("TMUX", "COLORTERM", "KITTY_WINDOW_ID", "TERM_PROGRAM", "SSH_CONNECTION", "SSH_TTY", "LC_ALL", "LC_CTYPE"):
        environment.pop(name, None)
    return environment


def doctor_json(env: dict[str, str], answer: bytes | None, *args: str) -> tuple[dict, bytes, float]:
    output, elapsed, code = fake_terminal.run(["doctor", "--json", *args], env, answer)
    assert code == 0
    # The queries went out first, on the same line (the terminal shows nothing for them).
    document = output[output.index(b'{"'):].replace(b"\r\n", b"\n").strip()
    return json.loads(document), output, elapsed


def findings(report: dict) -> dict[str, dict]:
    return {finding["topic"]: finding for finding in report["findings"]}


def test_a_kitty_terminal_is_found_by_its_answer_and_the_kitty_check_passes(env):
    report, output, _ = doctor_json(env, KITTY)
    assert b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\" in output  # the test image went out
    assert report["terminal"] is True
    assert report["graphics"]["renderer"] == "kitty"
    assert report["graphics"]["reason"] == "the terminal answered the kitty graphics query with OK"
    found = findings(report)
    assert found["kitty-check"]["status"] == "ok"
    assert found["identity"]["summary"] == "kitty(0.39.1); cell 10×20 px"
    assert "DA2: CSI > 1;4000;29 c" in found["identity"]["evidence"]


def test_a_sixel_terminal_is_found_by_da1_and_xtsmgraphics_gives_the_geometry(env):
    report, output, _ = doctor_json(env, SIXEL)
    for query in (b"\x1b[>c", b"\x1b[?1;1;0S", b"\x1b[?2;1;0S"):
        assert query in output
    assert report["graphics"]["summary"] == "sixel — DA1 lists sixel (attribute 4)"
    check = findings(report)["sixel-check"]
    assert check["status"] == "ok"
    assert check["summary"] == "passed: DA1 lists sixel; images up to 1000×800 px, 256 colour registers"


def test_a_terminal_that_never_answers_cannot_hang_the_doctor(env):
    report, _, elapsed = doctor_json(env, None)
    assert elapsed < 10
    assert report["graphics"]["reason"] == "no answer to DA1 within 200 ms"
    tty = findings(report)["tty"]
    assert tty["status"] == "problem" and "graphics = " in tty["fix"]
    assert report["problems"] >= 1


def test_text_report_names_each_fix(env):
    env = {**env, "LANG": "C", "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}
    output, _, code = fake_terminal.run(["doctor"], env, SIXEL)
    assert code == 0
    text = output.decode()
    assert "pictures: sixel — DA1 lists sixel (attribute 4)" in text
    assert "fix: export LANG=C.UTF-8" in text
    assert "SendEnv COLORTERM" in text and "AcceptEnv COLORTERM" in text


def test_hostile_replies_never_reach_the_screen_raw(env):
    evil = b"\x1bP>|evil\x1b]52;c;SGVsbG8=\x07\x9b2J\x1b\\\x1b_Gi=31;E\x1b[2J\x1b\\\x1b[?62;4c"
    output, _, code = fake_terminal.run(["doctor"], env, evil)
    assert code == 0
    report = output.split(b"pictures:", 1)[1]
    assert b"\x1b" not in report and b"\x07" not in report and b"\x9b" not in report and "\u009b".encode() not in report


def test_without_a_terminal_the_environment_is_reported_and_it_exits_0(env):
    env = {**env, "TMUX": "/tmp/nowhere/default,1,0", "PATH": env.get("PATH", "/usr/bin:/bin")}
    # A session of its own has no controlling terminal, as under cron or CI.
    result = subprocess.run([easel_binary(), "doctor", "--json"], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                            timeout=30, start_new_session=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["terminal"] is False
    assert report["graphics"]["reason"] == "not a terminal, so nothing could be asked"
    found = findings(report)
    assert found["kitty-check"]["summary"] == "not checked: not a terminal"
    # tmux is asked, with a deadline, even off a terminal; a dead server is reported with the fix.
    assert found["tmux"]["status"] == "problem"
    assert "allow-passthrough" in found["tmux"]["fix"]
    assert all(ord(c) >= 0x20 for c in result.stdout.decode().strip())


def test_graphics_flag_and_config_override_detection_and_bad_values_exit_2(env, tmp_path):
    report, _, _ = doctor_json(env, KITTY, "--graphics", "sixel")
    assert report["graphics"]["renderer"] == "sixel"
    assert report["graphics"]["reason"] == "--graphics sixel (detection skipped)"
    config = Path(env["EASEL_HOME"]) / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('graphics = "blocks"\n')
    result = subprocess.run([easel_binary(), "doctor", "--json"], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=30,
                            start_new_session=True)
    assert json.loads(result.stdout)["graphics"]["renderer"].startswith("blocks (half, ")
    bad = subprocess.run([easel_binary(), "doctor", "--graphics", "retina\x1b[2J"], env=env, stdin=subprocess.DEVNULL,
                         capture_output=True, timeout=30)
    assert bad.returncode == 2
    assert bad.stderr.decode().count("\n") == 1 and b"\x1b" not in bad.stderr
    assert "auto, kitty, sixel, iterm2, symbols, blocks or none" in bad.stderr.decode()
    config.write_text('\n graphics = "retina"\n')
    for command in (["doctor"], ["show", "x.png"]):
        bad = subprocess.run([easel_binary(), *command], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        assert bad.returncode == 2
        assert f"{config}:2:2: graphics: must be auto, kitty, sixel, iterm2, symbols, blocks or none" in bad.stderr.decode()


@pytest.mark.skipif(not tmux_available(), reason="tmux is not installed")
def test_the_studio_help_shows_the_protocol_in_use_and_why(tmp_path, tmux_factory):
    home = tmp_path / "studio-home"
    home.mkdir()
    studio = tmux_factory(120, 40)
    studio.start(f'"{easel_binary()}" --graphics sixel', studio_environment(home))
    studio.wait_for_text("Compose", "^C quit")
    studio.send_keys("F1")
    studio.wait_for_text("Pictures", "sixel — --graphics sixel (detection skipped)")
    studio.send_keys("Escape")
    # Detection in tmux: tmux itself answers, without sixel or kitty, so glyphs are drawn.
    auto = tmux_factory(120, 40)
    auto.start(f'"{easel_binary()}"', studio_environment(home))
    auto.wait_for_text("Compose", "^C quit")
    auto.send_keys("F1")
    auto.wait_for_text("Pictures", "symbols (", "no kitty reply, no iTerm2 name, DA1 without sixel")

"""The config's [keys] tables, end to end: the studio obeys the user's keys and says them in
its status bar and help, `easel keys` lists them, and a line Easel cannot apply stops the
studio before the terminal is touched with one line naming file:line:column (exit 2)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from sandbox_support import easel_binary
from studio_support import poll_until, studio_environment, tmux_available

needs_tmux = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux)")


@pytest.fixture
def easel() -> str:
    return easel_binary()


@pytest.fixture
def home(tmp_path) -> Path:
    path = tmp_path / "home"
    (path / "config").mkdir(parents=True)
    return path


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.write_text(text)
    os.chmod(path, 0o600)
    return path


@needs_tmux
def test_moved_quit_key_quits_and_the_screen_says_so(easel, home, tmp_path, tmux_factory):
    write_config(home, '[keys.global]\n"C-q" = "quit"\n"C-c" = "none"\n')
    exit_file = tmp_path / "exit"
    studio = tmux_factory(120, 40)
    studio.start(f'"$EASEL_BIN"; echo "EXIT:$?" > {exit_file}', studio_environment(home, EASEL_BIN=easel))
    screen = studio.wait_for_text("Compose", "^Q quit")
    assert "^C quit" not in screen, screen
    studio.send_keys("F1")
    screen = studio.wait_for_text("Keys · Esc closes")
    assert "Ctrl-Q / q" in screen and "Ctrl-C / q" not in screen, screen
    studio.send_keys("Escape")
    studio.wait_for(lambda s: "Keys · Esc closes" not in s, "help closed")
    # Ctrl-C does nothing now; the studio is still there afterwards.
    studio.send_keys("C-c")
    studio.type_text("still here")
    studio.wait_for_text("still here")
    assert not exit_file.exists()
    studio.send_keys("C-q")
    text = poll_until(lambda: exit_file.exists() and exit_file.read_text().strip(), 30, lambda: "easel did not exit on Ctrl-Q")
    assert text == "EXIT:0", text


@pytest.mark.parametrize("config, where, why", [
    ('[keys.history]\n"C-i" = "remix"\n', ":2:1: keys.history.C-i:", "C-i reaches Easel as tab"),
    ('theme = "dusk"\n[keys.histroy]\nr = "remix"\n', ":3:1: keys.histroy:", "no such part of the studio"),
    ('[keys.prompt]\n  "C-r" = "remix"\n', ":2:3: keys.prompt.C-r:", "remix does nothing in [keys.prompt]"),
    ('[keys.viewer]\nq = 1\n', ":2:1: keys.viewer.q:", "must be a command's name"),
], ids=["alias", "table", "context", "type"])
def test_a_line_easel_cannot_apply_stops_the_studio_with_its_place(easel, home, config, where, why):
    path = write_config(home, config)
    for argv in ([easel], [easel, "studio"], [easel, "keys"]):
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=studio_environment(home), timeout=30)
        assert result.returncode == 2, (argv, result)
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and f"{path}{where}" in lines[0] and why in lines[0], (argv, lines)
        assert result.stdout == b"", argv


def test_easel_keys_lists_names_and_marks_the_users_lines(easel, home):
    write_config(home, '[keys.history]\n"C-r" = "remix"\nr = "none"\n')
    result = subprocess.run([easel, "keys", "--table", "history"], capture_output=True, env=studio_environment(home), timeout=30)
    assert result.returncode == 0, result
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("[keys.history]"), lines
    remix = next(line for line in lines if " remix " in line)
    assert remix.startswith("* C-r ") and "load the latest request" in remix, remix
    assert any(line.startswith("  down j ") and "select_next" in line for line in lines), lines
    defaults = subprocess.run([easel, "keys", "--defaults", "--table", "history"], capture_output=True, env=studio_environment(home), timeout=30)
    remix = next(line for line in defaults.stdout.decode().splitlines() if " remix " in line)
    assert remix.startswith("  r "), remix
    wrong = subprocess.run([easel, "keys", "--table", "nope"], capture_output=True, env=studio_environment(home), timeout=30)
    assert wrong.returncode == 2 and "no table nope" in wrong.stderr.decode()

"""Real terminal emulators under Xvfb: `easel show` and `easel doctor` in `xterm -ti vt340`
(sixel) and in kitty (kitty graphics, on Mesa's software GL), checked by the pixels of a
screenshot — the picture must appear at the top left and look like its source.

Each test skips, naming the reason, when its emulator cannot start here (no Xvfb, no
xterm/kitty, no GL). Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from PIL import Image

from history_support import clean_environment
from sandbox_support import easel_binary
from xvfb_support import RealTerminal, Unavailable, XvfbDisplay, colourful_box, mean_colour_error

# Colours far from black, white and grey, so the picture is told from background and text.
QUADRANTS = [(210, 40, 40), (40, 170, 70), (50, 70, 210), (230, 150, 40)]


@pytest.fixture(scope="module")
def display():
    try:
        server = XvfbDisplay().start()
    except Unavailable as reason:
        print(f"skipped: {reason}")
        pytest.skip(str(reason))
    yield server
    server.stop()


@pytest.fixture
def quadrants(tmp_path: Path) -> Image.Image:
    image = Image.new("RGB", (96, 96))
    for index, colour in enumerate(QUADRANTS):
        x, y = index % 2 * 48, index // 2 * 48
        image.paste(colour, (x, y, x + 48, y + 48))
    image.save(tmp_path / "quadrants.png")
    return image


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = clean_environment(tmp_path / "home", LANG="C.UTF-8")
    for name in ("TMUX", "COLORTERM", "KITTY_WINDOW_ID", "TERM_PROGRAM", "SSH_CONNECTION", "SSH_TTY"):
        environment.pop(name, None)
    return environment


def run_in(kind: str, display: XvfbDisplay, command: str, env: dict[str, str]) -> tuple[RealTerminal, int]:
    terminal = RealTerminal(kind, display, command, env)
    try:
        terminal.start()
        status = terminal.wait_done()
    except Unavailable as reason:
        terminal.stop()
        print(f"skipped: {reason}")
        pytest.skip(str(reason))
    return terminal, status


def show_command(tmp_path: Path, typescript: Path) -> str:
    """`easel show` of the test image through `script`, which logs what easel wrote (so the
    test knows which protocol drew the pixels) while the terminal still sees and answers it;
    then the cursor is hidden so it cannot sit on the picture."""
    show = f"{shlex.quote(easel_binary())} show {shlex.quote(str(tmp_path / 'quadrants.png'))} --cols 20 --rows 10"
    return f"script -q -e -c {shlex.quote(show)} {shlex.quote(str(typescript))}; printf '\\033[?25l'"


def check_picture(screen: Image.Image, source: Image.Image) -> None:
    box = colourful_box(screen)
    assert box is not None, "no picture on the screen"
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    # At the top left, where the cursor was: within the window's border and first cell.
    assert left < 40 and top < 40, f"the picture is at {box}, not at the top left"
    assert width >= 40 and height >= 40, f"the picture is only {width}×{height} px"
    assert 0.8 < width / height < 1.25, f"a square source came out {width}×{height} px"
    error = mean_colour_error(screen.crop(box), source.resize((48, 48), Image.Resampling.BOX))
    assert error < 20, f"mean colour error {error:.1f} per channel"


@pytest.mark.skipif(shutil.which("script") is None, reason="script (util-linux) is not installed")
def test_show_draws_sixel_in_xterm_vt340(display, quadrants, env, tmp_path):
    typescript = tmp_path / "xterm.typescript"
    terminal, status = run_in("xterm", display, show_command(tmp_path, typescript), {**env, "TERM": "xterm-256color"})
    try:
        assert status == 0
        written = typescript.read_bytes()
        assert re.search(rb"\x1bP[0-9;]*q", written), "easel did not write sixel"
        assert b"\x1b_G" not in written.split(b"\x1b[c", 1)[-1], "kitty graphics after detection"
        check_picture(terminal.screenshot(), quadrants)
    finally:
        terminal.stop()


@pytest.mark.skipif(shutil.which("script") is None, reason="script (util-linux) is not installed")
def test_show_draws_kitty_graphics_in_kitty(display, quadrants, env, tmp_path):
    typescript = tmp_path / "kitty.typescript"
    terminal, status = run_in("kitty", display, show_command(tmp_path, typescript), {**env, "TERM": "xterm-kitty"})
    try:
        assert status == 0
        written = typescript.read_bytes()
        assert b"\x1b_Ga=T" in written, "easel did not write kitty graphics"
        check_picture(terminal.screenshot(), quadrants)
    finally:
        terminal.stop()


def doctor_in(kind: str, display: XvfbDisplay, env: dict[str, str], tmp_path: Path) -> dict:
    report = tmp_path / f"{kind}-doctor.json"
    command = f"{shlex.quote(easel_binary())} doctor --json > {shlex.quote(str(report))}"
    terminal, status = run_in(kind, display, command, env)
    terminal.stop()
    assert status == 0
    return json.loads(report.read_text())


def test_doctor_in_xterm_vt340_reports_sixel_and_its_check_passes(display, env, tmp_path):
    report = doctor_in("xterm", display, {**env, "TERM": "xterm-256color"}, tmp_path)
    assert report["terminal"] is True
    assert report["graphics"]["renderer"] == "sixel"
    assert report["graphics"]["reason"] == "DA1 lists sixel (attribute 4)"
    findings = {finding["topic"]: finding for finding in report["findings"]}
    assert findings["sixel-check"]["status"] == "ok", findings["sixel-check"]
    assert findings["sixel-check"]["summary"].startswith("passed: DA1 lists sixel; images up to ")
    assert findings["identity"]["summary"].startswith("XTerm(")


def test_doctor_in_kitty_reports_kitty_and_its_check_passes(display, env, tmp_path):
    report = doctor_in("kitty", display, {**env, "TERM": "xterm-kitty"}, tmp_path)
    assert report["graphics"]["renderer"] == "kitty"
    findings = {finding["topic"]: finding for finding in report["findings"]}
    assert findings["kitty-check"]["status"] == "ok", findings["kitty-check"]
    assert findings["identity"]["summary"].startswith("kitty(")

"""kitty graphics in the studio (issue 16): pictures as Unicode placeholders, each transmitted
once, deleted when gone, through tmux's passthrough when it is allowed.

The pty tests stand in for kitty: a responder answers the graphics query (`a=q` → `OK`), the
cell size and DA1, and every byte easel writes is kept and counted. The tmux tests read where
the placeholder cells land with `capture-pane`.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

import pytest

from sandbox_support import easel_binary
from studio_support import KittyPtyStudio, PtyStudio, poll_until, studio_environment, tmux_available

needs_tmux = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux)")

PLACEHOLDER = "\U0010EEEE"
TRANSMIT = KittyPtyStudio.TRANSMIT
ALT_2 = b"\x1b2"


def symbol_cells(screen: str) -> int:
    """Cells drawn with block glyphs (half blocks, sextants, octants): pictures as symbols."""
    return sum(1 for c in screen if 0x2580 <= ord(c) <= 0x259F or 0x1FB00 <= ord(c) <= 0x1FB3B or 0x1CD00 <= ord(c) <= 0x1CDE5)


@pytest.fixture
def easel() -> str:
    return easel_binary()


@pytest.fixture
def home(tmp_path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def start(easel: str, home: Path, columns: int = 120, rows: int = 36, **env: str) -> KittyPtyStudio:
    environment = studio_environment(home, KITTY_WINDOW_ID="1", EASEL_SANDBOX_DELAY="0.2", **env)
    return KittyPtyStudio([easel], environment, columns, rows)


def press(session: PtyStudio, key: bytes, quiet: float = 0.4) -> None:
    """Sends `key` and waits until nothing was written for `quiet` seconds since it was sent."""
    sent = time.monotonic()
    session.write(key)
    poll_until(lambda: time.monotonic() - max(session.last_byte_at, sent) >= quiet, 20,
               lambda: f"output never went quiet after {key!r}")


def two_jobs(session: PtyStudio, home: Path) -> None:
    """Two finished jobs with different prompts (so different pictures), waited for on disk."""
    session.wait_for_text("Compose")
    session.write(b"a red fox")
    session.wait_for_text("a red fox")
    session.write(b"\r")
    session.wait_for_text("#1")
    session.write(b" and an owl")
    session.wait_for_text("and an owl")
    session.write(b"\r")
    images = home / "data" / "images"
    poll_until(lambda: len(list(images.glob("*.png"))) >= 2, 60,
               lambda: "two jobs never finished:\n" + session.text()[-2000:])
    session.wait_quiet(0.5)


def test_each_picture_is_sent_once_across_switching_and_a_resize(easel, home):
    session = start(easel, home)
    try:
        two_jobs(session, home)
        poll_until(lambda: session.transmissions() >= 1, 30, lambda: f"no transmission: {session.output[-2000:]!r}")
        press(session, ALT_2)
        for key in (b"k", b"j", b"k", b"j", b"k"):
            press(session, key)
        assert session.transmissions() == 2, "each job's picture once, however often it is shown"
        assert PLACEHOLDER.encode() in session.output
        # The id is the foreground (a palette colour ≥ 16) of the placeholder cells.
        assert re.search(rb"\x1b\[38;5;(1[6-9]|[2-9]\d|1\d\d|2[0-5]\d)m(?:\x1b\[[0-9;]*m)*" + PLACEHOLDER.encode(), session.output)
        # Images go out before the text that shows them.
        assert session.output.index(TRANSMIT) < session.output.index(PLACEHOLDER.encode())

        sent = time.monotonic()
        session.resize(140, 40)
        poll_until(lambda: time.monotonic() - max(session.last_byte_at, sent) >= 0.6, 20, lambda: "no quiet")
        after_bigger = session.transmissions()
        assert after_bigger <= 3, "a new cell size is at most one new picture"
        sent = time.monotonic()
        session.resize(120, 36)
        poll_until(lambda: time.monotonic() - max(session.last_byte_at, sent) >= 0.6, 20, lambda: "no quiet")
        assert session.transmissions() == after_bigger, "resizing back reuses the earlier picture"

        mark = session.size()
        session.write(b"\x03")
        assert session.wait_exit() == 0
        tail = session.output[mark:]
        assert tail.count(b"\x1b_Ga=d,d=I,i=") >= 2, "quitting frees the images"
    finally:
        session.close()


def test_a_picture_that_leaves_is_deleted(easel, home):
    session = start(easel, home, EASEL_KITTY_KEEP="0")
    try:
        two_jobs(session, home)
        poll_until(lambda: session.transmissions() >= 1, 30, lambda: "no transmission")
        press(session, ALT_2)
        first = session.size()
        press(session, b"k")
        press(session, b"j")
        assert re.search(rb"\x1b_Ga=d,d=I,i=\d+,q=2\x1b\\", session.output[first:]), "the picture that left is deleted"
    finally:
        session.close()


def test_a_terminal_that_claims_kitty_but_does_not_answer_gets_symbols_and_says_so(easel, home):
    environment = studio_environment(home, KITTY_WINDOW_ID="1", EASEL_SANDBOX_DELAY="0.2")
    session = KittyPtyStudio([easel], environment, 120, 36, answer_graphics=False)
    try:
        session.wait_for_text("kitty's graphics query")
        two_jobs(session, home)
        poll_until(lambda: symbol_cells(session.text()) > 50, 30, lambda: "no picture as symbols")
        assert session.transmissions() == 0
    finally:
        session.close()


# --------------------------------------------------------------------------------------- tmux


def tmux_environment(home: Path, studio, easel: str) -> dict[str, str]:
    socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}" / studio.socket
    return studio_environment(home, EASEL_BIN=easel, KITTY_WINDOW_ID="1", EASEL_SANDBOX_DELAY="0.2", TMUX=f"{socket},0,0")


def placeholder_rows(screen: str) -> list[tuple[int, int, int]]:
    """(row, first column, count) of every line holding placeholder cells; the diacritics that
    number a placeholder's row and column take no column of their own."""
    rows = []
    for y, line in enumerate(screen.split("\n")):
        spacing = [c for c in line if not unicodedata.combining(c)]
        cells = [x for x, c in enumerate(spacing) if c == PLACEHOLDER]
        if cells:
            rows.append((y, cells[0], len(cells)))
    return rows


@needs_tmux
def test_inside_tmux_with_passthrough_the_placeholders_fill_the_pictures_cells(easel, home, tmux_factory):
    studio = tmux_factory(120, 36)
    studio.start('tmux set -g allow-passthrough on; "$EASEL_BIN"', tmux_environment(home, studio, easel))
    studio.wait_for_text("Compose")
    studio.type_text("a red fox")
    studio.send_keys("Enter")
    screen = studio.wait_for(lambda s: PLACEHOLDER in s, "placeholder cells", timeout=60)
    rows = placeholder_rows(screen)
    assert len(rows) >= 3, rows
    # One rectangle: consecutive rows, the same left column and width.
    assert [y for y, _, _ in rows] == list(range(rows[0][0], rows[0][0] + len(rows)))
    assert len({(x, n) for _, x, n in rows}) == 1, rows
    assert symbol_cells(screen) < 10, "the picture is placeholders, not symbols"
    studio.send_keys("C-c")


@needs_tmux
def test_inside_tmux_without_passthrough_symbols_and_the_fix_in_the_status_line(easel, home, tmux_factory):
    studio = tmux_factory(120, 36)
    studio.start('"$EASEL_BIN"', tmux_environment(home, studio, easel))
    studio.wait_for_text("allow-passthrough on")
    studio.type_text("a red fox")
    studio.send_keys("Enter")
    screen = studio.wait_for(lambda s: symbol_cells(s) > 50, "the picture as symbols", timeout=60)
    assert PLACEHOLDER not in screen
    studio.send_keys("C-c")

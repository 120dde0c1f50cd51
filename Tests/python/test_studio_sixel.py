"""The studio's sixel pictures, byte for byte, on a pty whose "terminal" is this test: it
answers the start-up probe as a sixel terminal would (DA1 with attribute 4, a 10×20-pixel
cell) and then reads what easel writes.

Checked: the history pane's picture goes out as one sixel at its cells; a scroll step that
keeps the picture sends none; the help overlay repaints the cells it covers and the picture
comes back once when it closes; a resize sends it once more; a terminal that does not answer
gets symbol cells only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from history_support import run_ok
from sandbox_support import easel_binary
from studio_support import PtyStudio, poll_until, studio_environment

SIXEL = b"\x1bPq"
# A sixel terminal's answers to the probe: the cell size (CSI 16 t) and DA1 with sixel (4).
SIXEL_ANSWER = b"\x1b[6;20;10t\x1b[?62;4;22c"


@pytest.fixture
def studio(tmp_path: Path, request):
    """Starts the studio on a pty after one generated image; answers the probe when asked."""

    def start(answer: bytes | None, columns: int = 120, rows: int = 40, **extra: str) -> PtyStudio:
        home = tmp_path / "home"
        env = studio_environment(home, **extra)
        run_ok(["generate", "red barn at dusk", "--sandbox"], env)
        session = PtyStudio([easel_binary()], env, columns=columns, rows=rows)
        request.addfinalizer(session.close)
        if answer is not None:
            session.wait_for(b"\x1b[c", timeout=10)
            session.write(answer)
        session.wait_for_text("^C quit")
        return session

    return start


def sixels(data: bytes) -> int:
    return data.count(SIXEL)


def wait_for_sixels(session: PtyStudio, start: int, count: int, timeout: float = 20) -> bytes:
    def enough():
        return sixels(session.output[start:]) >= count
    poll_until(enough, timeout, lambda: f"{sixels(session.output[start:])} sixels of {count}; tail:\n"
               f"{session.output[-2000:]!r}")
    return session.output[start:]


def settle(session: PtyStudio, mark: int | None = None) -> bytes:
    """Waits for output after byte `mark` (when given), then for 0.5 s of quiet."""
    if mark is not None:
        poll_until(lambda: session.size() > mark, 10, lambda: "nothing was drawn")
    session.wait_quiet(0.5)
    return session.output


def test_the_history_picture_is_one_sixel_kept_across_steps_overlays_and_resizes(studio):
    session = studio(SIXEL_ANSWER)
    session.write(b"\x1b3")  # Alt-3: the history pane, the thread's picture
    first = wait_for_sixels(session, 0, 1)
    settle(session)
    assert sixels(session.output) == 1, "one picture, one sixel"
    # The image is drawn with the cursor saved and restored around it.
    at = session.output.find(SIXEL)
    assert session.output[:at].endswith(b"H") and b"\x1b7" in session.output[at - 16:at]
    assert b"\x1b8" in session.output[at:]
    # 10×20-pixel cells: the raster attributes give a multiple of them.
    raster = session.output[at + 3:at + 40].split(b"#")[0]
    width, height = (int(v) for v in raster.decode().lstrip('"').split(";")[2:4])
    assert width % 10 == 0 and height % 20 == 0, raster

    # Scroll steps in the thread's entries: the selection moves, the picture stays.
    mark = session.size()
    session.write(b"\r")
    settle(session, mark)
    for key in (b"j", b"k", b"j"):
        mark = session.size()
        session.write(key)
        step = settle(session, mark)[mark:]
        assert sixels(step) == 0, f"a scroll step resent the picture ({len(step)} bytes)"
        assert len(step) < 2048, f"a scroll step cost {len(step)} bytes"

    # The help overlay covers part of it: no sixel while open, its cells are repainted…
    mark = session.size()
    session.write(b"?")
    opened = settle(session, mark)[mark:]
    assert sixels(opened) == 0
    assert len(opened) > 500, "the overlay and the picture's uncovered cells were drawn"
    # …and closing it draws the picture once more.
    mark = session.size()
    session.write(b"?")
    wait_for_sixels(session, mark, 1)
    assert sixels(settle(session)[mark:]) == 1

    # A resize: the screen is cleared and the picture, at its new size, sent once.
    mark = session.size()
    session.resize(100, 34)
    wait_for_sixels(session, mark, 1)
    assert sixels(settle(session)[mark:]) == 1


def test_a_terminal_that_does_not_answer_gets_symbol_cells(studio):
    session = studio(None)
    session.write(b"\x1b3")
    session.wait_for_text("red barn")
    settle(session)
    assert sixels(session.output) == 0
    assert "▀" in session.text() or any(ch in session.text() for ch in "▄▌▐▖▗▘▝"), "the picture is drawn as cells"


def test_an_iterm2_terminal_gets_one_inline_image_sized_in_cells(studio):
    # XTVERSION answered as iTerm2 does, then DA1 (no sixel).
    session = studio(b"\x1bP>|iTerm2 3.5.0\x1b\\\x1b[?62;22c")
    session.write(b"\x1b3")
    at = session.wait_for(b"\x1b]1337;File=inline=1;", timeout=20)
    settle(session)
    output = session.output
    assert output.count(b"\x1b]1337;File=") == 1
    header = output[at:at + 200].split(b":")[0].decode()
    assert ";width=" in header and ";height=" in header and "preserveAspectRatio=0" in header, header
    assert sixels(output) == 0
    mark = session.size()
    session.write(b"\r")
    settle(session, mark)
    assert session.output.count(b"\x1b]1337;File=") == 1, "entering the entries kept the image"

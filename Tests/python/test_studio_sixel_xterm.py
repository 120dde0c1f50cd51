"""End to end in a real sixel terminal: the studio in `xterm -ti vt340` on Xvfb, read back as
pixels. The picture drawn as sixel must sit exactly where the same studio draws its symbol
picture, look like the source image, and be the same after the help overlay opened and closed.
Skipped, with the reason, where the X server, xterm or the tools cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest

from history_support import run_ok
from sandbox_support import easel_binary
from studio_support import studio_environment
from xterm_sixel_support import XtermDisplay, difference_box, mean_colour_error

COLUMNS, ROWS = 120, 40
# Mean channel error allowed between the shown sixel and the source scaled to its box: the
# sixel has 256 colours with Floyd–Steinberg, the box is whole cells (a few pixels of
# aspect difference).
MAX_MEAN_ERROR = 24.0


@pytest.fixture
def display():
    started = XtermDisplay.start()
    if isinstance(started, str):
        pytest.skip(f"no X terminal to test in: {started}")
    yield started
    started.close()


def studio_screenshot(display: XtermDisplay, env: dict[str, str], graphics: str, help_cycle: bool = False,
                      emulator: str = "xterm", resize: tuple[int, int] | None = None):
    run = display.run_kitty if emulator == "kitty" else display.run_xterm
    terminal = run([easel_binary(), "--graphics", graphics], env, COLUMNS, ROWS)
    try:
        display.settled_screenshot()
        if terminal.poll() is not None:
            pytest.skip(f"{emulator} exited at once ({terminal.returncode})")
        display.keys("alt+3")
        shot = display.settled_screenshot(quiet=1.5)
        if resize:
            display.resize_windows(*resize)
            return display.settled_screenshot(quiet=1.5)
        if help_cycle:
            display.keys("question")
            covered = display.settled_screenshot()
            display.keys("Escape")
            return shot, covered, display.settled_screenshot(quiet=1.5)
        return shot
    finally:
        display.keys("ctrl+c")
        try:
            terminal.wait(timeout=10)
        except Exception:
            terminal.kill()


def test_the_sixel_picture_is_where_the_pane_puts_it_and_looks_like_the_image(display, tmp_path: Path):
    home = tmp_path / "home"
    env = studio_environment(home)
    env.pop("TERM", None)
    run_ok(["generate", "red barn at dusk", "--sandbox"], env)
    source = next((home / "data" / "images").glob("*.png"))

    blocks = studio_screenshot(display, env, "blocks")
    sixel, covered, reopened = studio_screenshot(display, env, "sixel", help_cycle=True)

    box = difference_box(blocks, sixel)
    assert box is not None, "the sixel studio drew the same pixels as the symbol one: no image"
    width, height = box[2] - box[0], box[3] - box[1]
    assert width >= 60 and height >= 60, f"the picture's box is only {width}×{height}"
    # Everything outside the picture's cells is the same in both: the box is within the screen
    # the pane gave the picture, not spread over the whole terminal.
    assert width < COLUMNS * 6 * 0.9 and height < ROWS * 13 * 0.9, box
    error = mean_colour_error(sixel, box, source)
    assert error <= MAX_MEAN_ERROR, f"mean colour error {error:.1f} in {box}"
    # The help overlay covered the picture; once closed the picture is back as it was.
    assert difference_box(sixel, covered) is not None
    assert mean_colour_error(covered, box, source) > 2 * error + 10, "no stale image pixels under the overlay"
    after = difference_box(sixel, reopened)
    assert after is None, f"after help opened and closed the screen differs in {after}"


def test_after_a_resize_the_sixel_picture_is_where_the_new_layout_puts_it(display, tmp_path: Path):
    """The terminal shrinks under the studio: the picture is drawn again once, at the place
    the new layout gives it, and still looks like the image; nothing of the old one is left."""
    home = tmp_path / "home"
    env = studio_environment(home)
    env.pop("TERM", None)
    run_ok(["generate", "red barn at dusk", "--sandbox"], env)
    source = next((home / "data" / "images").glob("*.png"))
    size = (100 * 6, 34 * 13)
    blocks = studio_screenshot(display, env, "blocks", resize=size)
    sixel = studio_screenshot(display, env, "sixel", resize=size)
    box = difference_box(blocks, sixel)
    assert box is not None, "after the resize the sixel studio drew no image"
    width, height = box[2] - box[0], box[3] - box[1]
    assert width >= 40 and height >= 40, f"the picture's box is only {width}×{height}"
    assert box[2] <= size[0] and box[3] <= size[1], f"the picture {box} lies outside the {size} window"
    error = mean_colour_error(sixel, box, source)
    assert error <= MAX_MEAN_ERROR, f"mean colour error {error:.1f} in {box}"


def kitty_version() -> tuple[int, int] | None:
    import re
    import subprocess
    out = subprocess.run(["kitty", "--version"], capture_output=True, text=True, timeout=20).stdout
    found = re.search(r"(\d+)\.(\d+)", out)
    return (int(found.group(1)), int(found.group(2))) if found else None


def test_the_kitty_picture_is_where_the_pane_puts_it_or_symbols_where_kitty_is_too_old(display, tmp_path: Path):
    """In kitty: from 0.28 on, the image's pixels (Unicode placeholders) sit where the symbol
    picture is, look like the source, and the help overlay covers and gives them back. Older
    kitty (Debian 12 ships 0.26.5) draws placeholders as boxes, so the studio must keep the
    symbol picture — the first run of this test found it did not."""
    import shutil
    if shutil.which("kitty") is None:
        pytest.skip("kitty is not installed (Debian package kitty)")
    version = kitty_version()
    home = tmp_path / "home"
    env = studio_environment(home)
    env.pop("TERM", None)
    run_ok(["generate", "red barn at dusk", "--sandbox"], env)
    source = next((home / "data" / "images").glob("*.png"))

    blocks = studio_screenshot(display, env, "blocks", emulator="kitty")
    if difference_box(blocks, blocks.point(lambda _: 0)) is None:
        pytest.skip("kitty drew nothing here (no OpenGL under Xvfb?)")
    kitty, covered, reopened = studio_screenshot(display, env, "kitty", help_cycle=True, emulator="kitty")
    box = difference_box(blocks, kitty)
    if version is not None and version < (0, 28):
        # The symbol picture (the `symbols` set, as `--graphics symbols` draws it) stays; only
        # the status line, which says why, may differ.
        symbols = studio_screenshot(display, env, "symbols", emulator="kitty")
        box = difference_box(symbols, kitty)
        assert box is None or box[1] >= kitty.height - 40, f"kitty {version} drew something else than symbols in {box}"
        return
    assert box is not None, "the kitty studio drew the same pixels as the symbol one: no image"
    width, height = box[2] - box[0], box[3] - box[1]
    assert width >= 60 and height >= 60, f"the picture's box is only {width}×{height}"
    error = mean_colour_error(kitty, box, source)
    assert error <= MAX_MEAN_ERROR, f"mean colour error {error:.1f} in {box}"
    assert difference_box(kitty, covered) is not None, "the help overlay did not cover the picture"
    after = difference_box(kitty, reopened)
    assert after is None, f"after help opened and closed the screen differs in {after}"

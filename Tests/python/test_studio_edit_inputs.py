"""The studio's edit inputs in a real terminal: E on a finished image shows it in the composer
with its size and format, Alt-A adds a file by its typed path (Tab completes it), an input the
model cannot take is said on its line with the conversion, Enter refuses to send it, and Alt-P
makes the padded copy (kept in the input store) that replaces it."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from sandbox_support import easel_binary
from studio_support import studio_environment, tmux_available

needs_tmux = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux)")


def wide_png(width: int = 300, height: int = 200) -> bytes:
    """An RGB PNG that is not square."""
    raw = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x % 256, y % 256, 90)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@needs_tmux
def test_inputs_are_shown_checked_completed_and_converted(tmp_path, tmux_factory):
    home = tmp_path / "home"
    home.mkdir()
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "wide-harbour.png").write_bytes(wide_png())
    studio = tmux_factory(110, 34)
    studio.start('"$EASEL_BIN" --provider openai --model dall-e-2',
                  studio_environment(home, EASEL_BIN=easel_binary(), EASEL_SANDBOX_DELAY="0.2"))
    studio.wait_for_text("Compose", "Progress")

    studio.type_text("a lighthouse at dusk")
    studio.send_keys("Enter")
    studio.wait_for(lambda s: any("✓ #1" in line and "done" in line for line in s.splitlines()), "job #1 finished", timeout=60)

    # E on the finished image: the composer edits it and shows what it is.
    studio.send_keys("M-2")
    studio.send_keys("E")
    screen = studio.wait_for_text("✎ editing", "1024×1024 PNG", "✓ fits dall-e-2")

    # Alt-A, part of the path, Tab: completed by the studio, then added.
    studio.send_keys("M-a")
    studio.wait_for_text("add input image:")
    studio.type_text(str(pictures / "wide-h"))
    studio.send_keys("Tab")
    studio.wait_for_text(str(pictures / "wide-harbour.png")[-40:])
    studio.send_keys("Enter")
    screen = studio.wait_for_text("wide-harbour.png  300×200 PNG", "not square for dall-e-2 — Alt-P pad 300×300, Alt-C crop 200×200")

    # Enter sends nothing while an input does not fit.
    studio.send_keys("Enter")
    screen = studio.wait_for_text("nothing was sent:")
    assert "#2" not in screen, screen

    # Alt-P: the padded copy replaces it, and is checked on its line in turn.
    studio.send_keys("M-p")
    screen = studio.wait_for_text("wide-harbour.png (converted copy)  300×300 PNG")
    kept = [p for p in (home / "data").rglob("*.png") if "inputs" in p.parts and "converting" not in p.parts]
    assert len(kept) == 1, kept
    assert (pictures / "wide-harbour.png").read_bytes() == wide_png(), "the original is untouched"
    studio.send_keys("C-c")

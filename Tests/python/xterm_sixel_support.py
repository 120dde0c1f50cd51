"""The studio in a real sixel terminal: `xterm -ti vt340` on a private Xvfb display, keys sent
with xdotool, the screen read back as pixels with ImageMagick's `import`.

`XtermDisplay.start()` returns None with a reason when something it needs is missing or the
X server or terminal does not start, so the test can skip and say why. Another helper builds a
general Xvfb harness (`xvfb_support.py`) at the same time; this one is kept separate on purpose
and can be folded into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from io import BytesIO
from pathlib import Path

TOOLS = ("Xvfb", "xterm", "xdotool", "import")


class XtermDisplay:
    """A private X display with nothing on it but the terminals this harness starts."""

    def __init__(self, server: subprocess.Popen, display: str):
        self.server = server
        self.display = display
        self.terminals: list[subprocess.Popen] = []

    @classmethod
    def start(cls, width: int = 1024, height: int = 768) -> "XtermDisplay | str":
        missing = [tool for tool in TOOLS if shutil.which(tool) is None]
        if missing:
            return "missing " + ", ".join(missing)
        read, write = os.pipe()
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        number = b""
        deadline = time.monotonic() + 10
        os.set_blocking(read, False)
        while time.monotonic() < deadline and not number.endswith(b"\n"):
            try:
                number += os.read(read, 16)
            except BlockingIOError:
                time.sleep(0.05)
            if server.poll() is not None:
                break
        os.close(read)
        if not number.strip().isdigit():
            server.kill()
            server.wait()
            return "Xvfb did not start"
        return cls(server, ":" + number.strip().decode())

    def env(self, base: dict[str, str]) -> dict[str, str]:
        return {**base, "DISPLAY": self.display}

    def run_xterm(self, command: list[str], env: dict[str, str], columns: int, rows: int) -> subprocess.Popen:
        """Starts `command` in an xterm emulating a VT340 with 256 colour registers at the
        display's top-left corner, in the X server's built-in `fixed` font (6×13 cells)."""
        terminal = subprocess.Popen(
            ["xterm", "-ti", "vt340", "-tn", "xterm-256color", "-geometry", f"{columns}x{rows}+0+0",
             "-fn", "fixed", "-bw", "0", "-b", "0",
             "-xrm", "XTerm*numColorRegisters: 256", "-xrm", "XTerm*metaSendsEscape: true",
             "-xrm", "XTerm*sixelScrolling: true", "-e", *command],
            env=self.env(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.terminals.append(terminal)
        return terminal

    def run_kitty(self, command: list[str], env: dict[str, str], columns: int, rows: int) -> subprocess.Popen:
        """Starts `command` in kitty on Mesa's software OpenGL (llvmpipe gives the 3.3 kitty
        needs under Xvfb), `columns`×`rows` cells, black background, no blinking cursor."""
        env = {**self.env(env), "LIBGL_ALWAYS_SOFTWARE": "1"}
        env.pop("KITTY_WINDOW_ID", None)
        terminal = subprocess.Popen(
            ["kitty", "--config", "NONE", "-o", f"initial_window_width={columns}c", "-o", f"initial_window_height={rows}c",
             "-o", "remember_window_size=no", "-o", "background=#000000", "-o", "foreground=#ffffff",
             "-o", "cursor_blink_interval=0", *command],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.terminals.append(terminal)
        return terminal

    def resize_windows(self, width: int, height: int) -> None:
        """Resizes every top-level window on the display to `width`×`height` pixels (there is
        no window manager: the terminal gets the new size and sends SIGWINCH)."""
        env = self.env(dict(os.environ))
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."], env=env, capture_output=True,
                               text=True, timeout=10).stdout.split()
        for window in found:
            subprocess.run(["xdotool", "windowsize", window, str(width), str(height)], env=env, timeout=10)

    def keys(self, *names: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "50", *names], env=self.env(dict(os.environ)), check=True,
                       timeout=10)

    def screenshot(self):
        from PIL import Image  # pillow: installed by `make python-deps`
        png = subprocess.run(["import", "-display", self.display, "-window", "root", "png:-"],
                             capture_output=True, check=True, timeout=20).stdout
        return Image.open(BytesIO(png)).convert("RGB")

    def settled_screenshot(self, quiet: float = 1.0, timeout: float = 30.0):
        """A screenshot once the screen has stopped changing for `quiet` seconds."""
        last = self.screenshot()
        stable_since = time.monotonic()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.2)
            shot = self.screenshot()
            if shot.tobytes() != last.tobytes():
                last, stable_since = shot, time.monotonic()
            elif time.monotonic() - stable_since >= quiet:
                return last
        return last

    def close(self) -> None:
        for terminal in self.terminals:
            if terminal.poll() is None:
                terminal.terminate()
                try:
                    terminal.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    terminal.kill()
                    terminal.wait()
        self.server.terminate()
        try:
            self.server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()


def difference_box(first, second, threshold: int = 24):
    """The bounding box (left, top, right, bottom) of pixels that differ by more than
    `threshold` in any channel between two same-sized screenshots; None when none do."""
    from PIL import ImageChops
    diff = ImageChops.difference(first, second).convert("L").point(lambda v: 255 if v > threshold else 0)
    return diff.getbbox()


def mean_colour_error(shot, box, source: Path) -> float:
    """The mean absolute channel difference (0–255) between `shot` inside `box` and the
    source image scaled to the box."""
    from PIL import Image
    region = shot.crop(box)
    expected = Image.open(source).convert("RGB").resize(region.size, Image.BOX)
    a, b = region.tobytes(), expected.tobytes()
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)

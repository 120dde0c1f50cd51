"""Real terminal emulators in the tests: an Xvfb X server, `xterm -ti vt340` (sixel) or
`kitty` (on Mesa's software GL) running a command, and a screenshot of the result.

Used by test_real_terminals.py. Anything missing (a binary, a display, GL) makes the caller
skip with the reason: `XvfbDisplay.start()` and `RealTerminal.start()` raise `Unavailable`.

The command runs under `sh -c`; it writes a marker file when it is done, so the screenshot
waits for the program rather than for a guessed sleep, and then keeps the window open
(`sleep`) until the terminal is closed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageStat


class Unavailable(Exception):
    """The X server or the emulator could not be started here; the message says why."""


def _kill_group(process: subprocess.Popen) -> None:
    """Ends a process started with `start_new_session` and everything it started."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=3)


class XvfbDisplay:
    """An Xvfb server on a display number it picks itself (`-displayfd`), so parallel runs
    never collide."""

    def __init__(self, width: int = 1024, height: int = 768) -> None:
        self.width = width
        self.height = height
        self.process: subprocess.Popen | None = None
        self.display = ""

    def start(self, timeout: float = 10) -> "XvfbDisplay":
        binary = shutil.which("Xvfb")
        if binary is None:
            raise Unavailable("Xvfb is not installed (Debian package xvfb)")
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            [binary, "-displayfd", str(write_end), "-screen", "0", f"{self.width}x{self.height}x24", "-nolisten", "tcp",
             "-noreset"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(write_end)
        import select
        number = b""
        deadline = time.monotonic() + timeout
        try:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                ready, _, _ = select.select([read_end], [], [], 0.1)
                if ready:
                    chunk = os.read(read_end, 16)
                    if not chunk:
                        break
                    number += chunk
        finally:
            os.close(read_end)
        if not number.strip().isdigit():
            self.stop()
            raise Unavailable("Xvfb did not report a display number")
        self.display = ":" + number.strip().decode()
        return self

    def stop(self) -> None:
        if self.process is not None:
            _kill_group(self.process)
            self.process = None

    def screenshot(self, path: Path) -> Image.Image:
        """The whole screen as RGB (no window manager: the terminal sits at 0,0)."""
        if shutil.which("import") is None:
            raise Unavailable("ImageMagick's import is not installed (Debian package imagemagick)")
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)], check=True, timeout=20,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return Image.open(path).convert("RGB")

    def __enter__(self) -> "XvfbDisplay":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class RealTerminal:
    """One terminal emulator window on `display` running `command` through `sh -c`.

    kind: "xterm" (`xterm -ti vt340` with 256 sixel colour registers) or "kitty" (with
    `LIBGL_ALWAYS_SOFTWARE=1`; kitty needs OpenGL 3.3, which llvmpipe gives under Xvfb).
    """

    def __init__(self, kind: str, display: XvfbDisplay, command: str, env: dict[str, str], columns: int = 80,
                 rows: int = 24) -> None:
        self.kind = kind
        self.display = display
        self.command = command
        self.env = dict(env)
        self.columns = columns
        self.rows = rows
        self.process: subprocess.Popen | None = None
        self.folder = Path(tempfile.mkdtemp(prefix=f"easel-{kind}-"))
        self.done = self.folder / "done"
        self.log = self.folder / "terminal.log"

    def argv(self) -> list[str]:
        # The marker is written after the command, whatever its status; `sleep` keeps the
        # window up for the screenshot until stop().
        script = f"{self.command}; echo $? > {self.done}.tmp; mv {self.done}.tmp {self.done}; exec sleep 600"
        if self.kind == "xterm":
            return ["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 256", "-xrm", "XTerm*sixelScrolling: true",
                    "-geometry", f"{self.columns}x{self.rows}+0+0", "-bg", "white", "-fg", "black", "+sb",
                    "-e", "sh", "-c", script]
        if self.kind == "kitty":
            return ["kitty", "--config", "NONE", "-o", f"initial_window_width={self.columns}c",
                    "-o", f"initial_window_height={self.rows}c", "-o", "remember_window_size=no",
                    "-o", "background=#000000", "-o", "foreground=#ffffff", "-o", "cursor_blink_interval=0",
                    "sh", "-c", script]
        raise ValueError(self.kind)

    def start(self) -> "RealTerminal":
        if shutil.which(self.kind) is None:
            raise Unavailable(f"{self.kind} is not installed (Debian package {self.kind})")
        env = {**self.env, "DISPLAY": self.display.display}
        if self.kind == "kitty":
            env["LIBGL_ALWAYS_SOFTWARE"] = "1"
            env.pop("KITTY_WINDOW_ID", None)
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(self.argv(), env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            start_new_session=True)
        return self

    def wait_done(self, timeout: float = 40) -> int:
        """Waits for the command to finish; its exit status. Raises Unavailable when the
        emulator died first (no GL, no fonts…) and TimeoutError when it ran too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.done.exists():
                return int(self.done.read_text().strip() or "0")
            if self.process is not None and self.process.poll() is not None:
                reason = self.log.read_text(errors="replace").strip().splitlines()[-3:]
                raise Unavailable(f"{self.kind} exited ({self.process.returncode}) before the command ran: {' | '.join(reason)}")
            time.sleep(0.05)
        raise TimeoutError(f"the command in {self.kind} did not finish within {timeout} s")

    def screenshot(self, settle: float = 0.5) -> Image.Image:
        """The screen after the terminal has had `settle` seconds to draw the last output."""
        time.sleep(settle)
        return self.display.screenshot(self.folder / "screen.png")

    def stop(self) -> None:
        if self.process is not None:
            _kill_group(self.process)
            self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "RealTerminal":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def colourful_box(screen: Image.Image, min_spread: int = 60) -> tuple[int, int, int, int] | None:
    """The bounding box of saturated pixels (max − min channel ≥ `min_spread`): where a
    colourful test picture is, ignoring black or white backgrounds, grey text and cursors."""
    red, green, blue = screen.convert("RGB").split()
    brightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    spread = ImageChops.subtract(brightest, darkest)
    return spread.point(lambda v: 255 if v >= min_spread else 0).getbbox()


def mean_colour_error(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel (0–255) after scaling `a` to `b`'s size."""
    a = a.convert("RGB").resize(b.size, Image.Resampling.BOX)
    return sum(ImageStat.Stat(ImageChops.difference(a, b.convert("RGB"))).mean) / 3

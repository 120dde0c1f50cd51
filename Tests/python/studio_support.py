"""Drives the real `easel` studio in a terminal, for the end-to-end tests and the benchmarks.

Two harnesses:

* `TmuxStudio` runs easel in a pane of a private tmux server (its own `-L` socket, no user
  config), types with `send-keys` and reads the screen with `capture-pane`. tmux is a real
  terminal emulator, so what the tests read is what a user would see.
* `PtyStudio` runs easel on a pseudo-terminal this process owns and keeps every byte easel
  writes, for checks on the raw output (escape sequences, byte counts, timing).

Nothing here sleeps for correctness: every wait polls a condition until a deadline and fails
with the last screen (or output tail) when the deadline passes. This module does not import
pytest, so the benchmark script can use it too.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import shlex
import shutil
import signal
import struct
import subprocess
import termios
import threading
import time
import unicodedata
from pathlib import Path
from typing import Callable

POLL_INTERVAL_S = 0.05
# Variables the harness never passes on. LINES and COLUMNS matter most: ncurses prefers them
# to the real window size, and a parent that ran curses' setupterm (some pytest plugins do)
# leaves them in the C environment, which child processes inherit although os.environ lacks
# them.
STALE_VARIABLES = ("LINES", "COLUMNS", "NO_COLOR", "TMUX", "TMUX_PANE")
DEFAULT_TIMEOUT_S = 30.0
TERM_INSIDE = "xterm-256color"


class StudioTimeout(AssertionError):
    """A condition did not hold before its deadline; the message carries what was seen."""


def studio_environment(home: Path, **extra: str) -> dict[str, str]:
    """The environment easel runs with: the caller's, minus provider keys (so the sandbox is
    used unless a test sets one), plus a private EASEL_HOME and TERM."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AICLIENT_", "OPENAI_", "EASEL_", "XDG_"))}
    for name in STALE_VARIABLES:
        env.pop(name, None)
    env["EASEL_HOME"] = str(home)
    env["TERM"] = TERM_INSIDE
    env.setdefault("LANG", "C.UTF-8")
    env.update(extra)
    return env


def poll_until(condition: Callable[[], object], timeout: float, describe: Callable[[], str]) -> object:
    """Calls `condition` until it returns something truthy (which is returned) or `timeout`
    passes (then raises StudioTimeout with `describe()`)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise StudioTimeout(describe())
        time.sleep(POLL_INTERVAL_S)


# --------------------------------------------------------------------------------------- tmux


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class TmuxStudio:
    """A private tmux server with one window whose pane runs a shell command.

    The pane stays after its command exits (`remain-on-exit`), so the lines a program prints
    on the way out can still be captured. `kill()` is idempotent and must always run.
    """

    def __init__(self, workdir: Path, width: int, height: int):
        self.socket = "easel-test-" + secrets.token_hex(6)
        self.workdir = workdir
        self.width = width
        self.height = height
        self.started = False

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in STALE_VARIABLES}
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=20, check=check, env=env,
        )

    def start(self, command: str, env: dict[str, str]) -> None:
        """Runs `command` (a shell command line) in a fresh pane of size width×height.

        The command goes through a script file so the environment is exactly `env`, whatever
        the tmux server's global environment holds.
        """
        script = self.workdir / f"pane-{self.socket}.sh"
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in sorted(env.items()) if k.isidentifier())
        unset = "unset " + " ".join(name for name in STALE_VARIABLES if name not in env) + "\n"
        script.write_text("#!/bin/sh\n" + unset + exports + command + "\n")
        # The server starts with this session; the options that matter for resizing and for
        # reading a pane after its program ended are set before anything draws.
        self.tmux(
            "new-session", "-d", "-x", str(self.width), "-y", str(self.height), "-s", "studio",
            "sh", "-c", "read _ready; exec sh " + shlex.quote(str(script)),
        )
        self.started = True
        self.tmux("set-option", "-g", "window-size", "manual")
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("set-option", "-g", "default-terminal", TERM_INSIDE)
        self.tmux("set-option", "-g", "escape-time", "0")
        self.tmux("resize-window", "-t", "studio", "-x", str(self.width), "-y", str(self.height))
        # The pane's shell waits for this line, so easel only starts once the options hold.
        self.tmux("send-keys", "-t", "studio", "Enter")

    def kill(self) -> None:
        if self.started:
            socket_path = self.tmux("display-message", "-p", "#{socket_path}", check=False).stdout.strip()
            self.tmux("kill-server", check=False)
            self.started = False
            # tmux 3.3 leaves the socket file behind; one per test would pile up in /tmp.
            if socket_path.endswith("/" + self.socket):
                Path(socket_path).unlink(missing_ok=True)

    def capture(self) -> str:
        """The visible screen as text, one line per row, trailing blanks trimmed; a line the
        terminal wrapped comes back whole (-J), so long paths can be matched."""
        text = self.tmux("capture-pane", "-p", "-J", "-t", "studio").stdout
        return "\n".join(line.rstrip() for line in text.split("\n"))

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "studio", "#{pane_pid}").stdout.strip())

    def pane_dead(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "studio", "#{pane_dead}").stdout.strip() == "1"

    def pane_size(self) -> tuple[int, int]:
        out = self.tmux("display-message", "-p", "-t", "studio", "#{pane_width} #{pane_height}").stdout.split()
        return int(out[0]), int(out[1])

    def send_keys(self, *keys: str) -> None:
        """Key names as tmux spells them: Enter, C-c, M-=, M-Down, F1."""
        self.tmux("send-keys", "-t", "studio", *keys)

    def type_text(self, text: str) -> None:
        """Literal text, typed as if on a keyboard."""
        self.tmux("send-keys", "-t", "studio", "-l", text)

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", "studio", "-x", str(width), "-y", str(height))

    def wait_for(self, condition: Callable[[str], object], what: str, timeout: float = DEFAULT_TIMEOUT_S) -> str:
        """Polls the screen until `condition(screen)` holds; returns that screen."""
        seen = {"screen": ""}

        def check():
            seen["screen"] = self.capture()
            return condition(seen["screen"])

        poll_until(check, timeout, lambda: f"timed out after {timeout}s waiting for {what}; screen:\n{seen['screen']}")
        return seen["screen"]

    def wait_for_text(self, *texts: str, timeout: float = DEFAULT_TIMEOUT_S) -> str:
        return self.wait_for(lambda s: all(t in s for t in texts), f"{texts!r} on screen", timeout)


# ---------------------------------------------------------------------------------------- pty


def set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


# What ncurses and easel write for xterm-256color: CSI sequences, OSC strings (the window
# title), charset designations and the short ESC-letter controls.
ESCAPE_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+][0-9A-Za-z]|\x1b[=>78DEHMNOZc]")


# The same sequences, plus the controls that move the cursor, as separators for `re.split`.
_TOKEN = re.compile(b"(" + ESCAPE_SEQUENCE.pattern + rb"|[\r\n\b])")
_CSI = re.compile(rb"\x1b\[([0-9;]*)([A-Za-z@])")


def _columns(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def visible_text(raw: bytes) -> str:
    """The printable text in terminal output, escape sequences removed, laid out where it was
    drawn: easel writes a frame's changed cells grouped by colour, not left to right, so the
    text of one row ("^C quit") may arrive in pieces. Pieces are placed at their cursor
    positions (cursor moves, `hpa`/`vpa`, CR/LF) and read back row by row, left to right, with
    unchanged cells between them dropped, so text from different places still runs together
    and a word drawn in one frame reads whole. A piece landing on cells already drawn since the
    last read-back starts a new frame: what was drawn before is read back first, so text that
    was drawn and then overwritten (a flash) is still there to find. Text before the first
    absolute move (a slice started mid-frame) is read in arrival order."""
    out: list[str] = []
    frame: dict[int, list[tuple[int, int, str]]] = {}
    unplaced: list[str] = []
    row: int | None = None
    column = 0
    saved: tuple[int | None, int] = (None, 0)

    def read_back() -> None:
        out.extend(unplaced)
        unplaced.clear()
        for line in sorted(frame):
            out.extend(text for _, _, text in sorted(frame[line]))
        frame.clear()

    def place(text: str, width: int) -> None:
        if row is None:
            unplaced.append(text)
            return
        drawn = frame.setdefault(row, [])
        if any(start < column + width and column < end for start, end, _ in drawn):
            read_back()
            drawn = frame.setdefault(row, [])
        drawn.append((column, column + width, text))

    for index, piece in enumerate(_TOKEN.split(raw)):
        if not piece:
            continue
        if index % 2 == 0:  # text between sequences
            text = piece.decode("utf-8", "replace")
            width = _columns(text)
            place(text, width)
            column += width
            continue
        if piece == b"\r":
            column = 0
        elif piece == b"\n":
            row = None if row is None else row + 1
        elif piece == b"\b":
            column = max(0, column - 1)
        elif piece == b"\x1b7":
            saved = (row, column)
        elif piece == b"\x1b8":
            row, column = saved
        elif match := _CSI.fullmatch(piece):
            numbers = [int(n) if n else 0 for n in match.group(1).split(b";")] if match.group(1) else []
            first = numbers[0] if numbers else 0
            final = match.group(2)
            if final in (b"H", b"f"):
                row = max(1, first) - 1
                column = max(1, numbers[1] if len(numbers) > 1 else 1) - 1
            elif final == b"G":
                column = max(1, first) - 1
            elif final == b"d":
                row = max(1, first) - 1
            elif final == b"C":
                column += max(1, first)
            elif final == b"D":
                column = max(0, column - max(1, first))
            elif final == b"A" and row is not None:
                row = max(0, row - max(1, first))
            elif final == b"B" and row is not None:
                row += max(1, first)
            elif final == b"J":
                read_back()
            elif final == b"X":  # ech: blanks drawn where the cursor is, which stays
                place(" " * max(1, first), max(1, first))
    read_back()
    return "".join(out)


class PtyStudio:
    """easel on a pseudo-terminal owned by this process.

    A reader thread drains the master side into `output` as fast as easel writes (so easel
    never blocks on a full pty) and notes when the last byte arrived, for "wait until quiet".
    It can also note the moment each `watch` text first became visible (searching the last
    WATCH_WINDOW bytes after every read), which is how the benchmark times the first frame
    without polling latency.
    """

    WATCH_WINDOW = 16384

    def __init__(self, argv: list[str], env: dict[str, str], columns: int = 100, rows: int = 30,
                 watch: tuple[str, ...] = (), answer_probe: bytes | None = None):
        self._lock = threading.Lock()
        # Written back at once when easel's start-up probe asks DA1 (`ESC [ c`), as a real
        # terminal would answer; None leaves the probe to time out, as on a bare pty.
        self._probe_answer = answer_probe
        self._output = bytearray()
        self._watches: dict[str, float | None] = dict.fromkeys(watch)
        # CPU time (all threads, ns) the process had used when each watched text was seen.
        self._watch_cpu: dict[str, int | None] = dict.fromkeys(watch)
        # (arrival time, output length after it) of every read, for timing bursts of output.
        self._reads: list[tuple[float, int]] = []
        self.master, slave = os.openpty()
        set_window_size(slave, columns, rows)
        self.spawned_at = time.monotonic()
        self.process = subprocess.Popen(
            argv, env=env, stdin=slave, stdout=slave, stderr=slave,
            start_new_session=True, close_fds=True, preexec_fn=_take_controlling_tty,
        )
        os.close(slave)
        self.last_byte_at = time.monotonic()
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO once every slave descriptor is closed
                break
            if not chunk:
                break
            now = time.monotonic()
            if self._probe_answer is not None and b"\x1b[c" in chunk:
                os.write(self.master, self._probe_answer)
                self._probe_answer = None
            with self._lock:
                self._output += chunk
                self.last_byte_at = now
                self._reads.append((now, len(self._output)))
                pending = [needle for needle, seen in self._watches.items() if seen is None]
                if pending:
                    tail = visible_text(bytes(self._output[-self.WATCH_WINDOW:]))
                    for needle in pending:
                        if needle in tail:
                            self._watches[needle] = now
                            self._watch_cpu[needle] = process_cpu_ns(self.process.pid)

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def size(self) -> int:
        with self._lock:
            return len(self._output)

    def reads_since(self, start: int) -> list[tuple[float, int]]:
        """(arrival time, output length after it) of every read that ended past byte `start`."""
        with self._lock:
            return [read for read in self._reads if read[1] > start]

    def text(self, start: int = 0) -> str:
        """Everything visible written from byte `start` on (see `visible_text`)."""
        return visible_text(self.output[start:])

    def seen_at(self, needle: str) -> float | None:
        with self._lock:
            return self._watches.get(needle)

    def cpu_at(self, needle: str) -> int | None:
        """The CPU time in ns (all threads) easel had used when `needle` was first seen."""
        with self._lock:
            return self._watch_cpu.get(needle)

    def reads(self) -> list[tuple[float, int]]:
        """Every read from the pty so far: (arrival time, output length after it)."""
        with self._lock:
            return list(self._reads)

    def burst_end(self, at: float, gap: float) -> float | None:
        """The arrival time of the last byte of the burst of output that includes time `at`:
        reads follow one another with less than `gap` seconds between them. None while the
        burst may still go on (the last read is less than `gap` old)."""
        end = at
        for arrived, _ in self.reads():
            if arrived < at:
                continue
            if arrived - end >= gap:
                return end
            end = arrived
        return end if time.monotonic() - end >= gap else None

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def resize(self, columns: int, rows: int) -> None:
        set_window_size(self.master, columns, rows)

    def wait_for(self, needle: bytes, timeout: float = DEFAULT_TIMEOUT_S, start: int = 0) -> int:
        """Waits until `needle` appears in the output at or after offset `start`; returns
        the offset just past it."""

        def found():
            at = self.output.find(needle, start)
            return at + len(needle) if at >= 0 else None

        return poll_until(found, timeout, lambda: f"timed out after {timeout}s waiting for {needle!r}; "
                          f"exit={self.process.poll()}; output tail:\n{self.output[-3000:]!r}")

    def wait_for_text(self, needle: str, timeout: float = DEFAULT_TIMEOUT_S, start: int = 0) -> str:
        """Waits until `needle` is in the visible text written from byte `start` on."""
        seen = {"text": ""}

        def found():
            seen["text"] = self.text(start)
            return needle in seen["text"]

        poll_until(found, timeout, lambda: f"timed out after {timeout}s waiting for {needle!r} on screen; "
                   f"exit={self.process.poll()}; visible text tail:\n{seen['text'][-3000:]}")
        return seen["text"]

    def wait_quiet(self, quiet: float, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        """Waits until nothing has been written for `quiet` seconds."""
        poll_until(lambda: time.monotonic() - self.last_byte_at >= quiet, timeout,
                   lambda: f"output never went quiet for {quiet}s within {timeout}s")

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT_S) -> int:
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return code

    def close(self) -> None:
        """Ends easel if still running (SIGTERM, then SIGKILL) and frees the pty."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        try:
            os.close(self.master)
        except OSError:
            pass


class KittyPtyStudio(PtyStudio):
    """A `PtyStudio` that answers like kitty: the graphics query (`a=q`, id 31) gets `OK`
    (unless `answer_graphics` is false), `CSI 16 t` a 10×20 cell and DA1 a VT220, once, from a
    thread watching the output, as a terminal would."""

    KITTY_QUERY = b"\x1b_Gi=31,"
    TRANSMIT = b"\x1b_Ga=T,U=1,"

    def __init__(self, *args, answer_graphics: bool = True, **kwargs):
        self.answer_graphics = answer_graphics
        super().__init__(*args, **kwargs)
        self._responder = threading.Thread(target=self._respond, name="fake-kitty", daemon=True)
        self._responder.start()

    def _respond(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            output = self.output
            if b"\x1b[c" in output:
                reply = b""
                if self.answer_graphics and self.KITTY_QUERY in output:
                    reply += b"\x1b_Gi=31;OK\x1b\\"
                reply += b"\x1b[6;20;10t\x1b[?62;22c"
                try:
                    os.write(self.master, reply)
                except OSError:
                    pass
                return
            time.sleep(0.005)

    def transmissions(self, start: int = 0) -> int:
        """How many images easel transmitted (first chunks of `a=T,U=1`) from byte `start` on."""
        return self.output[start:].count(self.TRANSMIT)


def _take_controlling_tty() -> None:
    # After setsid (start_new_session) the child has no controlling terminal; opening the
    # slave (already fd 0) with TIOCSCTTY makes it one, as a login shell's terminal would be,
    # so job-control signals and /dev/tty behave as for a user.
    try:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    except OSError:
        pass


def process_cpu_ns(pid: int) -> int | None:
    """CPU time of a process's threads in ns (from /proc/PID/task/*/schedstat, which counts
    in ns, unlike /proc/PID/stat's clock ticks); None once it is gone."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                pass  # a thread that ended between the listing and the read
    except OSError:
        return None
    return total


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc/PID/stat."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2:].split()
    # After the command name: state is field 3, so utime (14) and stime (15) are at 11, 12.
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")

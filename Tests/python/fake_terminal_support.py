"""A fake terminal for end-to-end tests: runs `easel` on a pseudo-terminal and, when its
queries arrive (DA1, `ESC [ c`, comes last), answers with canned bytes — or never answers.
"""

from __future__ import annotations

import os
import pty
import select
import time

import pytest

from sandbox_support import easel_binary


def run(args: list[str], env: dict[str, str], answer: bytes | None, deadline: float = 20) -> tuple[bytes, float, int]:
    """Runs `easel ARGS` on a pty; when the queries arrive (DA1 last), answers with `answer`
    (None: never answers). Returns what easel wrote, the seconds it took and its exit status."""
    pid, master = pty.fork()
    if pid == 0:
        os.execve(easel_binary(), [easel_binary(), *args], env)
    started = time.monotonic()
    output = b""
    answered = False
    status = None
    while time.monotonic() - started < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if not data:
                break
            output += data
            if answer is not None and not answered and b"\x1b[c" in output:
                os.write(master, answer)
                answered = True
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
            try:
                while True:
                    ready, _, _ = select.select([master], [], [], 0.05)
                    if not ready:
                        break
                    data = os.read(master, 65536)
                    if not data:
                        break
                    output += data
            except OSError:
                pass
            break
    if status is None and time.monotonic() - started < deadline:
        # The pty closed: the program has exited (or is about to).
        _, status = os.waitpid(pid, 0)
    elapsed = time.monotonic() - started
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail(f"easel {args[0]} did not finish within {deadline} s on the fake terminal")
    os.close(master)
    return output, elapsed, os.waitstatus_to_exitcode(status)

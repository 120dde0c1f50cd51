"""Signals sent to the headless commands (the studio's are in test_studio_terminal.py)."""

from __future__ import annotations

import signal
import subprocess

from sandbox_support import start_sandbox


def test_sigquit_ends_a_command_with_131_and_no_crash_report():
    """SIGQUIT once reached Swift's crash handler: a "crash" report with a backtrace (and, on a
    terminal, a 30 s wait for a key). It ends the command like the shell expects: status 131."""
    proc, _sandbox, stderr_file = start_sandbox(token="quit-test")
    try:
        proc.send_signal(signal.SIGQUIT)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    stderr_file.seek(0)
    err = stderr_file.read().decode("utf-8", "replace")
    stderr_file.close()
    assert code == 128 + signal.SIGQUIT, (code, err)
    assert "Crash" not in err and "Backtrace" not in err and "Press space" not in err, err

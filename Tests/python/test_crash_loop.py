"""The crash loop's short form in the normal suite: 20 SIGKILLs of `easel generate` (every
provider the loop rotates through) and of the studio at random points of a job, each followed by
`easel resume` — at most one POST per job, nothing the server made and the journal can find
lost, integrity ok, no stray files. `make crashtest` runs the 200-kill version (crashloop.py)."""
from __future__ import annotations

import shutil

import pytest

import crashloop
from sandbox_support import easel_binary


def test_twenty_kills_lose_nothing_and_send_nothing_twice(capsys):
    studio_every = crashloop.STUDIO_EVERY if shutil.which("tmux") else 0
    code = crashloop.main(["--easel", easel_binary(), "--runs", "20", "--delay", "0.6",
                           "--studio-every", str(studio_every)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "crash loop: 20 kills" in printed, printed

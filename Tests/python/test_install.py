"""`make install-files` / `make uninstall`: the binary, completions, themes and price table land
under PREFIX, the installed easel works from anywhere with no build folder beside it, and
uninstall removes it all. (`make install` adds a release build and the man pages, which take
minutes to build; their generation is the argument parser's own plugin.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sandbox_support import easel_binary

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_install_files_then_uninstall(tmp_path):
    prefix = tmp_path / "prefix"
    manuals = tmp_path / "manuals"
    manuals.mkdir()
    (manuals / "easel.1").write_text(".TH EASEL 1\n")
    subprocess.run(["make", "-s", "install-files", f"PREFIX={prefix}", f"EASEL_BUILT={easel_binary()}", f"MANUALS={manuals}"],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    installed = prefix / "bin" / "easel"
    expected = [
        installed,
        prefix / "share/man/man1/easel.1",
        prefix / "share/bash-completion/completions/easel",
        prefix / "share/zsh/site-functions/_easel",
        prefix / "share/fish/vendor_completions.d/easel.fish",
        prefix / "share/easel/themes/dusk.toml",
        prefix / "share/easel/prices.json",
    ]
    assert [path for path in expected if not path.exists()] == []
    assert "generate" in (prefix / "share/bash-completion/completions/easel").read_text()
    # Run from PATH in another folder, as a user would: version, a theme, a generation.
    home = tmp_path / "home"
    env = {"PATH": f"{prefix / 'bin'}:/usr/bin:/bin", "EASEL_HOME": str(home), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = subprocess.run(["easel", "--version"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=30)
    assert version.returncode == 0 and version.stdout.startswith("easel "), version
    made = subprocess.run(["easel", "generate", "a kite", "--sandbox"], cwd=elsewhere, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert made.returncode == 0 and Path(made.stdout.strip().splitlines()[-1]).exists(), made.stderr

    subprocess.run(["make", "-s", "uninstall", f"PREFIX={prefix}"], cwd=ROOT, check=True, capture_output=True, timeout=60)
    assert [path for path in expected if path.exists()] == []

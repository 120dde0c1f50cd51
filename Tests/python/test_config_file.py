"""A malformed config file is one line naming file:line:column and exit 2, for every command."""

from __future__ import annotations

import os
import subprocess

import pytest

from sandbox_support import easel_binary

MALFORMED = [
    ("[\n", "1:2"),          # once aborted the process inside toml++ (exit 134)
    ("[[\n", "1:3"),
    ("a = \"x\n", "1:5"),
    ("provider = 'openai'\nprovider = 'openai'\n", "2:1"),
    ("[openai]\napi_key = \"\\uD800\"\n", "2:12"),
]


@pytest.mark.parametrize("text,where", MALFORMED)
@pytest.mark.parametrize("command", [["threads", "list"], ["generate", "x", "--sandbox"], ["--help"]])
def test_malformed_config_is_one_line_and_exit_2(tmp_path, text, where, command):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    config = home / "config" / "config.toml"
    config.write_text(text)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AICLIENT_", "OPENAI_", "EASEL_", "XDG_"))}
    env["EASEL_HOME"] = str(home)
    result = subprocess.run([easel_binary(), *command], capture_output=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    err = result.stderr.decode("utf-8", "replace")
    if command == ["--help"]:
        assert result.returncode == 0, err  # help never reads the config
        return
    assert result.returncode == 2, (result.returncode, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and f"{config}:{where}:" in lines[0], err

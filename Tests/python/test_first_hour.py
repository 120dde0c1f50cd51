"""What a new user meets in the first hour, run through the real binary (issue 11).

* Every `easel generate` example in README.md's code blocks, and every weight example in
  `easel generate --help`, runs as written — only the providers' endpoints point at an
  `easel sandbox` this session starts — and saves real images.
* A copy of the binary in another folder, run from yet another folder through PATH, still
  has the shipped themes.
* The studio refuses an unknown provider or model before it touches the terminal, and opens
  on the first configured provider, as `easel generate` picks it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from sandbox_support import JPEG_SOI, PNG_SIGNATURE, easel_binary
from studio_support import PtyStudio, studio_environment

README = Path(__file__).resolve().parents[2] / "README.md"
RUN_TIMEOUT_S = 120


def readme_generate_examples() -> list[str]:
    """The `easel generate …` commands in README.md's fenced code blocks, continuation lines
    joined and comments dropped, exactly as a reader would paste them."""
    commands: list[str] = []
    in_block = False
    pending = ""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_block = not in_block
            pending = ""
            continue
        if not in_block:
            continue
        if pending:
            line = pending + " " + line.strip()
            pending = ""
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1].rstrip()
            continue
        words = shlex.split(line, comments=True)
        if words[:2] == ["easel", "generate"]:
            commands.append(shlex.join(words))
    return commands


def help_weight_examples() -> list[str]:
    """The `W:TEXT` examples `easel generate --help` gives for --weighted."""
    result = subprocess.run([easel_binary(), "generate", "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result
    text = " ".join(result.stdout.split())
    examples = re.findall(r"(?<![\w.:-])(-?\d+(?:\.\d+)?:[A-Za-z][\w-]*)", text)
    assert examples, text
    return examples


def sandbox_environment(home: Path, sandbox) -> dict[str, str]:
    """A clean environment whose every provider with a sandbox route points at `sandbox`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AICLIENT_", "OPENAI_", "AZURE_OPENAI_", "AIMLAPI_", "COMPATIBLE_", "ACEDATA_", "COMFYUI_", "EASEL_", "XDG_"))}
    env.update({
        "EASEL_HOME": str(home),
        "AICLIENT_TOKEN": sandbox.token, "AICLIENT_BASE_URL": sandbox.aiclient_base,
        "OPENAI_API_KEY": sandbox.token, "OPENAI_BASE_URL": sandbox.openai_base,
        "ACEDATA_TOKEN": sandbox.token, "ACEDATA_BASE_URL": sandbox.origin,
        "COMFYUI_BASE_URL": sandbox.origin + "/comfyui",
    })
    return env


def saved_images(stdout: str) -> list[Path]:
    """The image paths a successful `easel generate` printed (plain or --json)."""
    text = stdout.strip()
    if text.startswith("{"):
        return [Path(image["path"]) for image in json.loads(text)["images"]]
    return [Path(line) for line in text.splitlines() if line]


def assert_images(paths: list[Path]) -> None:
    assert paths, "no image paths printed"
    for path in paths:
        head = path.read_bytes()[:16]
        assert head.startswith(PNG_SIGNATURE) or head.startswith(JPEG_SOI) or head[8:12] == b"WEBP", (path, head)


def test_readme_has_the_examples_this_file_runs():
    examples = readme_generate_examples()
    # The README's examples: a negative weight, OpenAI, streaming and Ace Data Cloud among them.
    assert len(examples) >= 5, examples
    assert any("-0.8:clouds" in example for example in examples), examples


@pytest.mark.parametrize("command", readme_generate_examples())
def test_readme_generate_example_runs_as_written(command, sandbox, tmp_path):
    result = subprocess.run(shlex.split(command), executable=easel_binary(), capture_output=True, text=True,
                            env=sandbox_environment(tmp_path / "home", sandbox), cwd=tmp_path, timeout=RUN_TIMEOUT_S)
    assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert_images(saved_images(result.stdout))


def test_help_weight_examples_run_as_written(sandbox, tmp_path):
    for example in help_weight_examples():
        result = subprocess.run(
            [easel_binary(), "generate", "a lighthouse", "--weighted", example, "--model", "stablediffusion_text2img"],
            capture_output=True, text=True, env=sandbox_environment(tmp_path / "home", sandbox), timeout=RUN_TIMEOUT_S)
        assert result.returncode == 0, f"--weighted {example}\n{result.stderr}"
        assert_images(saved_images(result.stdout))


# ------------------------------------------------------------------------ themes from PATH


def test_shipped_themes_are_found_by_a_copied_binary_run_from_path(tmp_path, monkeypatch):
    bin_dir = tmp_path / "elsewhere" / "bin"
    bin_dir.mkdir(parents=True)
    shutil.copy2(easel_binary(), bin_dir / "easel")
    workdir = tmp_path / "somewhere"
    workdir.mkdir()
    home = tmp_path / "home"
    env = studio_environment(home, PATH=f"{bin_dir}:{os.environ.get('PATH', '')}")
    monkeypatch.chdir(workdir)
    session = PtyStudio(["easel", "--theme", "dusk"], env, columns=100, rows=30)
    try:
        session.wait_for_text("Compose")
        session.wait_quiet(0.5)
        assert "no theme named" not in session.text(), session.text()[-2000:]
        session.write(b"\x03")
        session.wait_exit(timeout=30)
    finally:
        session.close()


# ------------------------------------------------------------------ the studio's provider


@pytest.mark.parametrize("argv, named", [(["--provider", "bogus"], "--provider bogus"),
                                         (["--model", "nosuchmodel"], "--model nosuchmodel")],
                         ids=["provider", "model"])
def test_studio_refuses_an_unknown_choice_before_touching_the_terminal(argv, named, tmp_path):
    session = PtyStudio([easel_binary(), *argv], studio_environment(tmp_path / "home"))
    try:
        assert session.wait_exit(timeout=30) == 2
        out = session.output.decode("utf-8", "replace")
        lines = [line for line in out.replace("\r\n", "\n").split("\n") if line]
        assert len(lines) == 1 and lines[0].startswith("easel: ") and named in lines[0], out
        assert "\x1b" not in out, repr(out)
    finally:
        session.close()


def test_studio_opens_on_the_first_configured_provider(sandbox, tmp_path):
    env = studio_environment(tmp_path / "home", OPENAI_API_KEY=sandbox.token, OPENAI_BASE_URL=sandbox.openai_base)
    session = PtyStudio([easel_binary()], env, columns=100, rows=30)
    try:
        session.wait_for_text("provider")
        session.wait_quiet(0.5)
        screen = session.text()
        assert re.search(r"provider\s+openai", screen), screen[-3000:]
        session.write(b"\x03")
        session.wait_exit(timeout=30)
    finally:
        session.close()


# -------------------------------------------------------------- a disk that fails late


def test_a_folder_lost_after_sending_is_a_disk_error_naming_it(tmp_path):
    """The folder passes the check before sending, then turns into a file while the server
    works: the failure is the disk's (exit 1, naming the folder), not the network's, and the
    JSON names the job's thread and entry."""
    out = tmp_path / "out"
    env = studio_environment(tmp_path / "home", EASEL_SANDBOX_DELAY="3")
    process = subprocess.Popen([easel_binary(), "generate", "a kite", "--sandbox", "--out", str(out), "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        seen = []
        for line in process.stderr:
            seen.append(line)
            if "waiting" in line:
                break
        assert any("waiting" in line for line in seen), seen
        shutil.rmtree(out, ignore_errors=True)
        out.write_text("not a folder any more")
        stdout, rest = process.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    last = (seen + rest.splitlines())[-1]
    assert process.returncode == 1, "".join(seen) + rest
    assert last.startswith("easel: could not save:") and str(out) in last and "network" not in last, last
    error = json.loads(stdout)["error"]
    assert error["exit_code"] == 1 and error["thread"] and error["entry"], error


def test_easel_help_answers_before_anything_starts():
    """`easel --help`, `-h` and `help` (answered before the concurrency runtime starts) print
    the same overview and command list, on stdout, and exit 0; a subcommand's help still goes
    through the parser."""
    outputs = []
    for flag in ("--help", "-h", "help"):
        result = subprocess.run([easel_binary(), flag], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result
        assert result.stderr == "", result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].startswith("OVERVIEW: A terminal image studio")
    for command in ("studio (default)", "generate", "show", "threads", "resume", "keys"):
        assert f"  {command}" in outputs[0], command
    assert "See 'easel help <subcommand>' for detailed help." in outputs[0]
    sub = subprocess.run([easel_binary(), "generate", "--help"], capture_output=True, text=True, timeout=30)
    assert sub.returncode == 0 and "USAGE: easel generate" in sub.stdout, sub

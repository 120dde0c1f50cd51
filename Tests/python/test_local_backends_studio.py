"""The studio on a local backend, end to end in a real terminal (tmux): a ComfyUI job on
`easel sandbox` shows its server-side steps and its live preview pictures while it runs, then
finishes with its image. The sandbox runs in its own process, as a real ComfyUI would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sandbox_support import easel_binary, start_sandbox, stop_sandbox
from studio_support import poll_until, studio_environment, tmux_available

needs_tmux = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux)")


@pytest.fixture
def home(tmp_path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def picture_cells(lines: list[str]) -> int:
    return sum(line.count("▀") for line in lines)


def progress_rows(screen: str) -> list[str]:
    """The rows of the progress pane (its frame's title down to the end of the screen)."""
    lines = screen.splitlines()
    start = next((i for i, line in enumerate(lines) if "┌─ Progress" in line), len(lines))
    return lines[start:]


@needs_tmux
def test_comfyui_job_shows_steps_and_live_previews_then_its_image(home, tmp_path, tmux_factory):
    proc, sandbox, stderr_file = start_sandbox("comfy-token", delay="6")
    try:
        exit_file = tmp_path / "exit"
        studio = tmux_factory(120, 40)
        env = studio_environment(home, EASEL_BIN=easel_binary(), COMFYUI_BASE_URL=sandbox.origin + "/comfyui")
        studio.start(f'"$EASEL_BIN"; echo "EXIT:$?" > {exit_file}', env)
        # The only configured provider is the one the studio opens on.
        studio.wait_for(lambda s: "Compose" in s and "comfyui" in s, "the studio on comfyui")
        studio.type_text("a heron in morning fog")
        studio.send_keys("Enter")
        # While it runs: ComfyUI's own step count and node, and a preview picture in the pane.
        running = studio.wait_for(
            lambda s: any("step " in row and "KSampler" in row for row in progress_rows(s))
            and picture_cells(progress_rows(s)) >= 40
            and not any("✓ #1" in row for row in progress_rows(s)),
            "steps and a live preview while the job runs", timeout=60)
        assert re.search(r"step \d+/20\b", "\n".join(progress_rows(running))), running
        studio.wait_for(lambda s: any("✓ #1" in row or "done" in row for row in progress_rows(s)), "job #1 done", timeout=90)
        studio.send_keys("C-c")
        text = poll_until(lambda: exit_file.exists() and exit_file.read_text().strip(), 30, lambda: "easel did not exit")
        assert text == "EXIT:0", text
        images = list((home).rglob("*.png"))
        assert any("partial" not in path.name for path in images), images
    finally:
        stop_sandbox(proc)
        stderr_file.close()

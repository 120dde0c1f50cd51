"""stable-diffusion.cpp's sd-server from the shell: `easel generate --provider sdcpp` against the
in-process sandbox, and a job whose Easel is killed with -9 after sd-server named the job id,
finished by `easel resume` polling that id (never submitting again)."""
from __future__ import annotations

import json
import secrets
import signal
import subprocess
from pathlib import Path

import pytest

from history_support import SandboxProcess, clean_environment, query, run_easel, run_ok
from sandbox_support import easel_binary
from studio_support import poll_until


@pytest.fixture
def homes(tmp_path):
    """Fresh EASEL_HOME folders: `homes("a")` → tmp_path/home-a."""
    def make(name: str) -> Path:
        path = tmp_path / f"home-{name}"
        path.mkdir()
        return path
    return make


@pytest.fixture
def sandboxes(request, tmp_path):
    """Starts `easel sandbox` processes with a delay; each is stopped at teardown."""
    def make(delay: float = 0.0):
        home = tmp_path / f"sandbox-home-{secrets.token_hex(4)}"
        home.mkdir()
        server = SandboxProcess(home, token="easel-sdcpp-" + secrets.token_hex(12), delay=delay)
        request.addfinalizer(server.stop)
        return server.sandbox
    return make


def test_generate_runs_on_the_in_process_sandbox_and_records_the_seed(homes, tmp_path):
    home = homes("g")
    out = tmp_path / "out"
    result = run_ok(["generate", "--provider", "sdcpp", "--sandbox", "a fox", "--json", "--size", "64x64",
                     "--out", str(out)], clean_environment(home))
    reply = json.loads(result.stdout)
    assert reply["provider"] == "sdcpp", reply
    assert isinstance(reply["seed"], int) and reply["seed"] >= 0, reply
    assert reply["task"]["task_id"].startswith("job_"), reply
    assert len(reply["images"]) == 1 and Path(reply["images"][0]["path"]).is_file(), reply


def test_a_refused_setting_is_one_line_naming_the_server(homes, tmp_path):
    result = run_easel(["generate", "--provider", "sdcpp", "--sandbox", "a fox", "--sampler", "warp_drive",
                        "--out", str(tmp_path)], clean_environment(homes("r")))
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "\"warp_drive\" is not one of this sd-server's samplers" in result.stderr, result.stderr


def test_killed_after_the_job_id_resume_polls_it_without_a_second_submission(sandboxes, homes, tmp_path):
    sandbox = sandboxes(delay=6)
    home = homes("k")
    env = clean_environment(home, SDCPP_BASE_URL=sandbox.origin + "/sd-server")
    process = subprocess.Popen([easel_binary(), "generate", "a fox in the snow", "--provider", "sdcpp", "--size", "64x64",
                                "--out", str(tmp_path / "out")],
                               env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def job_id():
            try:
                rows = query(home, "SELECT task_id, trace_id FROM job")
            except Exception:
                return None
            return rows[0] if rows and rows[0][0] else None

        task_id, trace_id = poll_until(job_id, 30, lambda: "the job id was never journalled")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL, "easel finished before it was killed: the test proves nothing"
    assert trace_id.startswith("sdcpp-seed-"), trace_id
    result = run_easel(["resume"], env, timeout=90)
    assert result.returncode == 0, (result.returncode, result.stderr)
    rows = query(home, "SELECT state, task_id FROM job")
    assert rows == [("done", task_id)], rows
    saved = list((tmp_path / "out").glob("*.png")) + list(home.rglob("*.png"))
    assert saved, "resume saved no image"

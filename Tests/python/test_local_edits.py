"""Edits and variations on the local backends from the command line: `easel edit --provider
comfyui|sdcpp --sandbox` with a mask repaints only where it is transparent and `--json` shows
the inputs, the mask and the parent; `easel vary` makes image-to-image variations; a ComfyUI
edit killed with SIGKILL is finished by `easel resume` without queueing it again; a mask of
the wrong size is one line with nothing sent."""

from __future__ import annotations

import hashlib
import json
import secrets
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from history_support import SandboxProcess, clean_environment, query, run_easel, run_ok
from sandbox_support import easel_binary

AREA = (8, 16, 40, 48)  # left, top, right, bottom: the mask's transparent rectangle


def halves(path: Path, width: int, height: int) -> Path:
    image = Image.new("RGB", (width, height), (30, 30, 200))
    image.paste((200, 30, 30), (0, 0, width // 2, height))
    image.save(path, "PNG")
    return path


def mask(path: Path, width: int, height: int) -> Path:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 255))
    image.paste((0, 0, 0, 0), AREA)
    image.save(path, "PNG")
    return path


@pytest.mark.parametrize("provider", ["comfyui", "sdcpp"])
def test_masked_edit_on_a_local_backend_repaints_only_the_mask_and_records_lineage(provider, tmp_path):
    env = clean_environment(tmp_path / "home", EASEL_SANDBOX_DELAY="0.1")
    photo = halves(tmp_path / "photo.png", 96, 64)
    cover = mask(tmp_path / "mask.png", 96, 64)
    result = run_ok(["edit", str(photo), "--mask", str(cover), "a stormy sky", "--provider", provider, "--sandbox",
                     "--strength", "0.5", "--json"], env)
    report = json.loads(result.stdout)
    assert report["operation"] == "edit" and report["provider"] == provider
    assert report["inputs"][0]["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert report["mask"]["sha256"] == hashlib.sha256(cover.read_bytes()).hexdigest()
    original = Image.open(photo).convert("RGB")
    edited = Image.open(report["images"][0]["path"]).convert("RGB")
    assert edited.size == (96, 64), "the size is the input's"
    inside = outside = 0
    for y in range(64):
        for x in range(96):
            changed = edited.getpixel((x, y)) != original.getpixel((x, y))
            if AREA[0] <= x < AREA[2] and AREA[1] <= y < AREA[3]:
                inside += changed
            else:
                outside += changed
    assert outside == 0, "pixels under the opaque mask changed"
    assert inside > 32 * 32 // 2, "the transparent area was not repainted"

    # Editing the result by @ID records it as the parent; varying it works too.
    thread = json.loads(run_ok(["threads", "list", "--json"], env).stdout.splitlines()[0])["id"]
    shown = run_ok(["threads", "show", str(thread)], env).stdout
    image_id = next(word for word in shown.split() if word.startswith("@"))
    again = json.loads(run_ok(["edit", image_id, "make it night", "--provider", provider, "--sandbox", "--json"], env).stdout)
    assert again["parent"] is not None and again["inputs"][0]["history_image"] == int(image_id[1:])
    varied = json.loads(run_ok(["vary", image_id, "--provider", provider, "--sandbox", "--json"], env).stdout)
    assert varied["operation"] == "variation" and varied["parent"] is not None


def test_a_mask_of_the_wrong_size_is_one_line_and_nothing_is_sent(tmp_path):
    env = clean_environment(tmp_path / "home")
    photo = halves(tmp_path / "photo.png", 96, 64)
    small = mask(tmp_path / "small.png", 48, 64)
    result = run_easel(["edit", str(photo), "--mask", str(small), "sky", "--provider", "comfyui", "--sandbox"], env)
    assert result.returncode == 2, result.stderr
    assert "the mask is 48×64 but the first image is 96×64" in result.stderr
    assert "nothing was sent" in result.stderr


def test_killed_comfyui_edit_is_resumed_without_queueing_again(tmp_path):
    home = tmp_path / "home"
    sandbox_home = tmp_path / "sandbox-home"
    sandbox_home.mkdir()
    server = SandboxProcess(sandbox_home, token="comfy-" + secrets.token_hex(8), delay=6)
    try:
        base = server.sandbox.origin + "/comfyui"
        env = clean_environment(home, COMFYUI_BASE_URL=base)
        photo = halves(tmp_path / "photo.png", 64, 64)
        process = subprocess.Popen([easel_binary(), "edit", str(photo), "a stormy sky", "--provider", "comfyui"],
                                   env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if query(home, "SELECT task_id FROM job WHERE task_id IS NOT NULL"):
                        break
                except Exception:
                    pass  # the history's tables may not exist yet
                time.sleep(0.05)
            else:
                raise AssertionError("the prompt was never queued")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        [(state, task_id)] = query(home, "SELECT state, task_id FROM job")
        assert state != "done"
        result = subprocess.run([easel_binary(), "resume", "--json"], env=env, capture_output=True, text=True, timeout=90,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 0, (result.returncode, result.stderr)
        report = json.loads(result.stdout.splitlines()[0])
        assert report["task"]["task_id"] == task_id and len(report["images"]) == 1
        assert query(home, "SELECT state FROM job") == [("done",)]
        with urllib.request.urlopen(base + "/history", timeout=10) as reply:
            history = json.loads(reply.read())
        assert list(history) == [task_id], "queued once, never again"
        graph = history[task_id]["prompt"][2]
        assert graph["10"]["class_type"] == "LoadImage", "the edit's graph ran"
    finally:
        server.stop()

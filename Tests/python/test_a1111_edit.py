"""AUTOMATIC1111 img2img (`easel edit` / `easel vary --provider a1111`) end to end with the real
binary: a masked edit on the built-in sandbox repaints exactly the drawn area and saves the web
UI's infotext with `Denoising strength` and `Mask blur`; a variation of a history image takes that
image's prompt; bad inputs are one line with nothing sent; a job whose Easel is killed with
SIGKILL is followed by `easel resume` and never sent again.

Nothing sleeps for correctness: waits poll a condition against a deadline.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from history_support import clean_environment, query
from sandbox_support import easel_binary
from studio_support import poll_until
from test_a1111 import WebUI, png_text_chunks

AREA = (8, 16, 40, 40)  # left, top, right, bottom: the area to repaint


@pytest.fixture
def home(tmp_path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def halves(path: Path, width: int, height: int) -> Path:
    image = Image.new("RGB", (width, height), (30, 30, 200))
    image.paste((200, 30, 30), (0, 0, width // 2, height))
    image.save(path, "PNG")
    return path


def white_mask(path: Path, width: int, height: int) -> Path:
    """A greyscale mask as A1111 users draw it: white = repaint."""
    image = Image.new("L", (width, height), 0)
    image.paste(255, AREA)
    image.save(path, "PNG")
    return path


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([easel_binary(), *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)


def test_masked_edit_repaints_the_drawn_area_and_keeps_the_infotext(home, tmp_path):
    env = clean_environment(home, EASEL_SANDBOX_DELAY="0.2")
    photo = halves(tmp_path / "photo.png", 96, 64)
    cover = white_mask(tmp_path / "mask.png", 96, 64)
    result = run(["edit", str(photo), "--mask", str(cover), "a stormy sky", "--negative", "rain", "--provider", "a1111", "--sandbox",
                  "--strength", "0.5", "--set", "mask_blur=6", "--steps", "4", "--json", "--out", str(tmp_path / "out")], env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["operation"] == "edit"
    assert report["inputs"][0]["path"] == str(photo) and report["mask"]["path"] == str(cover)
    edited = Image.open(report["images"][0]["path"]).convert("RGB")
    original = Image.open(photo).convert("RGB")
    assert edited.size == original.size, "the size follows the input"
    inside = outside = 0
    for y in range(64):
        for x in range(96):
            changed = edited.getpixel((x, y)) != original.getpixel((x, y))
            if AREA[0] <= x < AREA[2] and AREA[1] <= y < AREA[3]:
                inside += changed
            else:
                outside += changed
    assert outside == 0, "pixels outside the mask changed"
    assert inside > 32 * 24 // 2, "the mask's area was not repainted"
    parameters = png_text_chunks(Path(report["images"][0]["path"]).read_bytes())["parameters"]
    assert parameters.startswith("a stormy sky\nNegative prompt: rain\nSteps: 4, Sampler: Euler"), parameters
    assert "Denoising strength: 0.5, Mask blur: 6," in parameters, parameters
    assert "sandbox:" not in result.stderr, "the credential never reaches the screen"

    # A variation of the result by @ID: its prompt is taken, n at once, the edit is its parent.
    shown = run(["threads", "show", str(json.loads(run(["threads", "list", "--json"], env).stdout.splitlines()[0])["id"])], env)
    image_id = next(word for word in shown.stdout.split() if word.startswith("@"))
    varied = run(["vary", image_id, "--provider", "a1111", "--sandbox", "--n", "2", "--steps", "4", "--json",
                  "--out", str(tmp_path / "out")], env)
    assert varied.returncode == 0, varied.stderr
    assert f"using {image_id}'s prompt: a stormy sky" in varied.stderr, varied.stderr
    again = json.loads(varied.stdout)
    assert again["operation"] == "variation" and len(again["images"]) == 2
    assert again["parent"] is not None and again["inputs"][0]["history_image"] == int(image_id[1:])
    parameters = png_text_chunks(Path(again["images"][0]["path"]).read_bytes())["parameters"]
    assert parameters.startswith("a stormy sky\nNegative prompt: rain\n"), "the source's negative too: " + parameters
    assert "Denoising strength: 0.6," in parameters, parameters
    assert "Mask blur" not in parameters


def test_bad_inputs_are_one_line_each_and_nothing_is_sent(home, tmp_path):
    env = clean_environment(home, EASEL_SANDBOX_DELAY="0.2")
    photo = halves(tmp_path / "photo.png", 64, 48)
    small = white_mask(tmp_path / "small.png", 32, 32)
    result = run(["edit", str(photo), "--mask", str(small), "a sky", "--provider", "a1111", "--sandbox"], env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("the mask is 32×32 but the first image is 64×48" in line for line in lines), result.stderr
    assert lines[-1] == "easel: nothing was sent (1 problem)", result.stderr
    # A variation takes no mask, and an edit setting a variation does not have is named.
    result = run(["vary", str(photo), "--provider", "a1111", "--sandbox", "--set", "mask_blur=4"], env)
    assert result.returncode == 2 and "mask_blur: not supported by default" in result.stderr, result.stderr
    assert query(home, "SELECT count(*) FROM job") == [(0,)], "nothing was journalled, so nothing was sent"


def test_a_killed_img2img_job_is_followed_by_resume_and_never_sent_again(home, tmp_path):
    web_ui = WebUI(tmp_path, home, delay=5)
    photo = halves(tmp_path / "photo.png", 64, 64)
    try:
        process = subprocess.Popen(
            [easel_binary(), "edit", str(photo), "a lighthouse", "--provider", "a1111", "--out", str(tmp_path / "out")],
            env=web_ui.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            def sent() -> bool:
                try:
                    return query(home, "SELECT state, trace_id IS NOT NULL FROM job") == [("sending", 1)]
                except Exception:
                    return False

            poll_until(sent, 30, lambda: "the job was never journalled as sent")
            poll_until(web_ui.busy, 30, lambda: "the server never started the job")
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        result = subprocess.run([easel_binary(), "resume"], env=web_ui.env, capture_output=True, text=True, timeout=90,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 5, (result.returncode, result.stderr)
        assert "a1111 does not hand back a finished job's images after a restart" in result.stderr, result.stderr
        assert query(home, "SELECT state FROM job") == [("outcome_unknown",)]
        assert not list((tmp_path / "out").glob("*.png")), "nothing was made again"
        assert not web_ui.busy(), "resume did not start the job again"
    finally:
        web_ui.server.stop()

"""ComfyUI from the command line: `easel generate --provider comfyui` on the built-in sandbox
(JSON result, seed, ComfyUI's own PNG chunks kept), `--workflow` refusals, and a job killed with
SIGKILL while ComfyUI works, finished by `easel resume` without queueing it a second time."""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import time
import urllib.request

import pytest

from history_support import SandboxProcess, clean_environment, query, run_easel
from sandbox_support import easel_binary

PROMPT = "a fox in the snow at dusk"


@pytest.fixture
def comfy_sandbox(request, tmp_path):
    """An `easel sandbox` process whose ComfyUI takes `delay` seconds per prompt."""

    def make(delay: float):
        home = tmp_path / f"sandbox-home-{secrets.token_hex(4)}"
        home.mkdir()
        server = SandboxProcess(home, token="comfy-" + secrets.token_hex(8), delay=delay)
        request.addfinalizer(server.stop)
        return server.sandbox.origin + "/comfyui"

    return make


def png_text_chunks(data: bytes) -> dict[str, str]:
    chunks, offset = {}, 8
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset:offset + 4], "big")
        kind = data[offset + 4:offset + 8]
        body = data[offset + 8:offset + 8 + length]
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            chunks[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            # Compression flag and method, language tag, translated keyword, then the text.
            chunks[key.decode("latin-1")] = rest[2:].split(b"\0", 2)[2].decode("utf-8")
        offset += 12 + length
    return chunks


def test_generate_on_the_sandbox_prints_json_with_the_seed(tmp_path):
    env = clean_environment(tmp_path / "home", EASEL_SANDBOX_DELAY="0.3")
    result = run_easel(["generate", "--provider", "comfyui", "--sandbox", PROMPT, "--negative", "blurry",
                        "--size", "128x96", "--json"], env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["provider"] == "comfyui" and report["model"] == "txt2img"
    assert isinstance(report["seed"], int) and 0 <= report["seed"] <= 2**32 - 1
    assert report["task"]["task_id"] == report["task"]["trace_id"]
    [image] = report["images"]
    assert (image["width"], image["height"]) == (128, 96)
    data = open(image["path"], "rb").read()
    chunks = png_text_chunks(data)
    graph = json.loads(chunks["prompt"])
    assert graph["6"]["inputs"]["text"] == PROMPT and graph["7"]["inputs"]["text"] == "blurry"
    assert graph["3"]["inputs"]["seed"] == report["seed"]
    assert "workflow" in chunks and "easel" in chunks


def test_a_workflow_file_runs_with_its_own_settings(tmp_path):
    env = clean_environment(tmp_path / "home", EASEL_SANDBOX_DELAY="0.2")
    graph = {
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl-base-sandbox.safetensors"}},
        "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 72, "height": 40, "batch_size": 1}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["4", 1]}, "_meta": {"title": "Positive"}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["4", 1]}, "_meta": {"title": "Negative"}},
        "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 4, "cfg": 5, "sampler_name": "heun", "scheduler": "karras",
                                                    "denoise": 1, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
                                                    "latent_image": ["5", 0]}},
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "mine", "images": ["8", 0]}},
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(graph))
    result = run_easel(["generate", "--provider", "comfyui", "--sandbox", PROMPT, "--workflow", str(path), "--seed", "99", "--json"], env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["model"] == str(path) and report["seed"] == 99
    [image] = report["images"]
    assert (image["width"], image["height"]) == (72, 40)
    sent = json.loads(png_text_chunks(open(image["path"], "rb").read())["prompt"])
    assert sent["3"]["inputs"]["sampler_name"] == "heun" and sent["3"]["inputs"]["seed"] == 99
    assert sent["6"]["inputs"]["text"] == PROMPT


def test_workflow_flag_refusals(tmp_path):
    env = clean_environment(tmp_path / "home")
    editor = tmp_path / "editor.json"
    editor.write_text(json.dumps({"last_node_id": 1, "nodes": [{"id": 1, "type": "KSampler"}], "links": []}))
    wrong = run_easel(["generate", "--provider", "comfyui", "--sandbox", PROMPT, "--workflow", str(editor)], env)
    assert wrong.returncode == 2, wrong.stderr
    assert "editor format" in wrong.stderr and "Save (API)" in wrong.stderr
    other = run_easel(["generate", "--provider", "openai", "--sandbox", PROMPT, "--workflow", str(editor)], env)
    assert other.returncode == 2 and "only comfyui runs workflows" in other.stderr, other.stderr
    missing = run_easel(["generate", "--provider", "comfyui", "--sandbox", PROMPT, "--workflow", "nosuch"], env)
    assert missing.returncode == 2 and "no workflow" in missing.stderr, missing.stderr


def test_killed_mid_job_resume_collects_it_without_queueing_again(comfy_sandbox, tmp_path):
    base = comfy_sandbox(delay=6)
    home = tmp_path / "home"
    env = clean_environment(home, COMFYUI_BASE_URL=base)
    process = subprocess.Popen([easel_binary(), "generate", "--provider", "comfyui", PROMPT, "--size", "64x64"],
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


def test_threads_sync_imports_prompts_made_in_comfyui(comfy_sandbox, tmp_path):
    base = comfy_sandbox(delay=0)
    env = clean_environment(tmp_path / "home", COMFYUI_BASE_URL=base)
    made_here = run_easel(["generate", "--provider", "comfyui", PROMPT, "--size", "64x64"], env)
    assert made_here.returncode == 0, made_here.stderr
    graph = {
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15-sandbox.safetensors"}},
        "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "made in comfyui", "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["4", 1]}},
        "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 2, "cfg": 5, "sampler_name": "euler", "scheduler": "normal",
                                                    "denoise": 1, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
                                                    "latent_image": ["5", 0]}},
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x", "images": ["8", 0]}},
    }
    body = json.dumps({"prompt": graph, "client_id": "comfy-ui-tab"}).encode()
    with urllib.request.urlopen(urllib.request.Request(base + "/prompt", data=body, method="POST"), timeout=10) as reply:
        prompt_id = json.loads(reply.read())["prompt_id"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/history/{prompt_id}", timeout=10) as reply:
            if json.loads(reply.read()):
                break
        time.sleep(0.05)
    first = run_easel(["threads", "sync", "--provider", "comfyui"], env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "imported 1 ComfyUI prompt (1 already in the history) with 1 request"
    again = run_easel(["threads", "sync", "--provider", "comfyui"], env)
    assert again.stdout.strip() == "imported 0 ComfyUI prompts (2 already in the history) with 1 request"
    found = run_easel(["threads", "search", "made in comfyui"], env)
    assert found.returncode == 0 and "[made] [in] [comfyui]" in found.stdout, found.stdout + found.stderr

"""Metadata in the images the real `easel` binary saves, read back by Pillow (which reads
`parameters` exactly as AUTOMATIC1111 does) and by `easel inspect`; and `easel inspect` on
images other tools made (AUTOMATIC1111, ComfyUI, InvokeAI), including hostile text.

Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from history_support import clean_environment, run_ok
from sandbox_support import easel_binary


def generate(env: dict[str, str], *args: str) -> dict:
    result = run_ok(["generate", *args, "--sandbox", "--json"], env)
    return json.loads(result.stdout)


def inspect(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([easel_binary(), "inspect", *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=30)


def user_comment(image: Image.Image) -> str:
    """The Exif UserComment as AUTOMATIC1111 reads it (piexif's UNICODE prefix + UTF-16)."""
    raw = image.getexif().get_ifd(0x8769)[0x9286]
    prefix, body = raw[:8], raw[8:]
    assert prefix == b"UNICODE\0", prefix
    big_endian = image.info["exif"][6:8] == b"MM" if image.info["exif"].startswith(b"Exif") else image.info["exif"][:2] == b"MM"
    return body.decode("utf-16-be" if big_endian else "utf-16-le")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_environment(tmp_path / "home")


def test_png_from_ai_client_carries_infotext_and_record(env):
    made = generate(env, "a lighthouse, at dusk: golden", "--weighted", "0.7:warm light", "--negative", "blurry",
                    "--model", "stablediffusion_text2img", "--steps", "25")
    path = made["images"][0]["path"]
    with Image.open(path) as image:
        parameters = image.info["parameters"]
        record = json.loads(image.info["easel"])
        assert image.size == (1024, 1024)
        image.load()  # the pixels still decode after the chunks were added
    lines = parameters.split("\n")
    # The prompt as A1111 writes it: the weighted part in attention syntax.
    assert lines[0] == "a lighthouse, at dusk: golden, (warm light:0.7)"
    assert lines[1] == "Negative prompt: blurry"
    # A1111's own parameter regex reads every key back, the size among them.
    pairs = dict(re.findall(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)', lines[2]))
    assert pairs["Steps"] == "25" and pairs["Size"] == "1024x1024" and pairs["Model"] == "stablediffusion_text2img"
    assert record["easel"] == 1 and record["provider"] == "ai-client"
    assert [(p["text"], p["weight"]) for p in record["prompts"]] == [
        ("a lighthouse, at dusk: golden", 1), ("warm light", 0.7), ("blurry", -1)]
    assert record["thread_id"] == made["thread"]
    assert record["image_index"] == 0 and record["credits"] == made["credits"]
    # The size in the JSON output is the file's size with its metadata.
    assert made["images"][0]["bytes"] == Path(path).stat().st_size


def test_a_model_without_weights_records_what_was_sent_and_keeps_what_was_composed(env):
    made = generate(env, "a red fox", "--weighted", "0.8:golden hour", "--negative", "blurry",
                    "--provider", "openai", "--model", "dall-e-2", "--size", "256x256")
    with Image.open(made["images"][0]["path"]) as image:
        parameters = image.info["parameters"]
        record = json.loads(image.info["easel"])
    # DALL·E 2 takes one plain prompt: the parts were joined and the negative dropped.
    assert parameters.split("\n")[0] == "a red fox, golden hour"
    assert "Negative prompt" not in parameters and "golden hour:0.8" not in parameters
    assert [(p["text"], p["weight"]) for p in record["prompts"]] == [("a red fox, golden hour", 1)]
    assert [(p["text"], p["weight"]) for p in record["composed_prompts"]] == [
        ("a red fox", 1), ("golden hour", 0.8), ("blurry", -1)]
    assert [p["text"] for p in made["prompts"]] == ["a red fox, golden hour"]
    assert len(made["composed_prompts"]) == 3


@pytest.mark.parametrize("output_format,suffix", [("jpeg", ".jpg"), ("webp", ".webp")])
def test_jpeg_and_webp_carry_the_infotext_in_exif_and_the_record_in_xmp(env, output_format, suffix):
    made = generate(env, "a red fox in snow", "--provider", "openai", "--model", "gpt-image-1",
                    "--set", f"output_format={output_format}")
    path = made["images"][0]["path"]
    assert path.endswith(suffix)
    with Image.open(path) as image:
        image.load()
        comment = user_comment(image)
        xmp = image.info.get("xmp")
    assert comment.split("\n")[0] == "a red fox in snow"
    assert "Model: gpt-image-1" in comment
    assert xmp is not None and b"a red fox in snow" in (xmp if isinstance(xmp, bytes) else xmp.encode())
    report = json.loads(inspect(env, path, "--json").stdout)
    kinds = [source["kind"] for source in report["sources"]]
    assert "easel" in kinds and "automatic1111" in kinds
    easel = next(source for source in report["sources"] if source["kind"] == "easel")
    assert easel["prompt"] == "a red fox in snow" and easel["model"] == "gpt-image-1"


def test_inspect_reads_other_tools_metadata(env, tmp_path):
    a1111 = tmp_path / "a1111.png"
    info = PngInfo()
    info.add_text("parameters", 'castle on a hill\nNegative prompt: fog\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 64x64, Model: "v1-5, pruned"')
    Image.new("RGB", (64, 64), (10, 20, 30)).save(a1111, pnginfo=info)
    comfy = tmp_path / "comfy.png"
    graph = {
        "3": {"class_type": "KSampler", "inputs": {"seed": 7, "steps": 12, "cfg": 6.5, "sampler_name": "euler", "scheduler": "normal",
                                                    "denoise": 1, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl.safetensors"}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a glass teapot", "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "lowres", "clip": ["4", 1]}},
    }
    info = PngInfo()
    info.add_text("prompt", json.dumps(graph))
    info.add_text("workflow", json.dumps({"nodes": [{"id": 3}, {"id": 4}, {"id": 6}, {"id": 7}]}))
    Image.new("RGB", (32, 32)).save(comfy, pnginfo=info)
    report = json.loads(inspect(env, str(a1111), "--json").stdout)
    source = report["sources"][0]
    assert source["kind"] == "automatic1111" and source["prompt"] == "castle on a hill" and source["negative_prompt"] == "fog"
    assert source["settings"]["Seed"] == "42" and source["settings"]["Model"] == "v1-5, pruned"
    report = json.loads(inspect(env, str(comfy), "--json").stdout)
    source = report["sources"][0]
    assert source["kind"] == "comfyui" and source["prompt"] == "a glass teapot" and source["negative_prompt"] == "lowres"
    assert source["model"] == "sdxl.safetensors"
    text = inspect(env, str(comfy)).stdout.decode()
    assert "a glass teapot" in text and "ComfyUI" in text


def test_inspect_never_prints_escape_sequences_from_a_file(env, tmp_path):
    hostile = tmp_path / "hostile.png"
    info = PngInfo()
    info.add_text("parameters", "pwned\x1b]0;title\x07\x1b[2J\nSteps: 1\x1b[31m, Size: 8x8")
    info.add_text("Comment", "\x1b[?1049h\x9b2J")
    Image.new("RGB", (8, 8)).save(hostile, pnginfo=info)
    for args in ([str(hostile)], [str(hostile), "--json"]):
        result = inspect(env, *args)
        assert result.returncode == 0, result.stderr
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout and "\x9b".encode() not in result.stdout


def test_inspect_refuses_what_is_not_an_image_in_one_line(env, tmp_path):
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"hello")
    result = inspect(env, str(junk), str(tmp_path / "missing.png"))
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2 and all(line.startswith("easel: ") for line in lines)

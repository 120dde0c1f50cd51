"""`easel edit` and `easel vary` from the shell against `easel sandbox`: a masked edit keeps
the opaque area's pixels and repaints the transparent one, inputs are kept by content and
recorded with their parent, variations keep the palette, and bad inputs are refused with one
line each before anything is sent."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from history_support import clean_environment, run_easel, run_ok

AREA = (8, 16, 40, 40)  # left, top, right, bottom: the mask's transparent rectangle


def halves(path: Path, width: int, height: int, left=(200, 30, 30), right=(30, 30, 200)) -> Path:
    image = Image.new("RGB", (width, height), right)
    image.paste(left, (0, 0, width // 2, height))
    image.save(path, "PNG")
    return path


def mask(path: Path, width: int, height: int) -> Path:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 255))
    image.paste((0, 0, 0, 0), AREA)
    image.save(path, "PNG")
    return path


def openai_env(home: Path, sandbox) -> dict[str, str]:
    return clean_environment(home, OPENAI_API_KEY=sandbox.token, OPENAI_BASE_URL=sandbox.openai_base)


def test_masked_edit_keeps_the_opaque_area_and_records_its_lineage(sandbox, tmp_path):
    env = openai_env(tmp_path / "home", sandbox)
    photo = halves(tmp_path / "photo.png", 64, 48)
    cover = mask(tmp_path / "mask.png", 64, 48)
    result = run_ok(["edit", str(photo), "--mask", str(cover), "a stormy sky", "--provider", "openai",
                     "--model", "gpt-image-1.5", "--json"], env)
    report = json.loads(result.stdout)
    assert report["operation"] == "edit"
    assert report["inputs"][0]["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert report["mask"]["sha256"] == hashlib.sha256(cover.read_bytes()).hexdigest()
    kept = Path(report["inputs"][0]["kept"])
    assert kept.is_file() and kept.read_bytes() == photo.read_bytes()
    assert str(kept).startswith(str(tmp_path / "home"))

    original = Image.open(photo).convert("RGB")
    edited = Image.open(report["images"][0]["path"]).convert("RGB")
    assert edited.size == original.size
    inside = outside = 0
    for y in range(48):
        for x in range(64):
            changed = edited.getpixel((x, y)) != original.getpixel((x, y))
            if AREA[0] <= x < AREA[2] and AREA[1] <= y < AREA[3]:
                inside += changed
            else:
                outside += changed
    assert outside == 0, "pixels under the opaque mask changed"
    assert inside > 32 * 24 // 2, "the transparent area was not repainted"

    # The result is in the history with an id; editing it by @ID records it as the parent.
    thread = json.loads(run_ok(["threads", "list", "--json"], env).stdout.splitlines()[0])["id"]
    shown = run_ok(["threads", "show", str(thread)], env).stdout
    image_id = next(word for word in shown.split() if word.startswith("@"))
    again = json.loads(run_ok(["edit", image_id, "make it night", "--provider", "openai", "--json"], env).stdout)
    assert again["parent"] is not None
    assert again["inputs"][0]["history_image"] == int(image_id[1:])
    # A saved result named by its path is found in the history too.
    by_path = json.loads(run_ok(["edit", report["images"][0]["path"], "snow", "--provider", "openai", "--json"], env).stdout)
    assert by_path["parent"] is not None and by_path["inputs"][0].get("history_image") is None
    # The same bytes are kept once.
    assert again["inputs"][0]["sha256"] != report["inputs"][0]["sha256"]
    dup = json.loads(run_ok(["edit", str(photo), "again", "--provider", "openai", "--json"], env).stdout)
    assert dup["inputs"][0]["kept"] == report["inputs"][0]["kept"]


def test_vary_keeps_the_palette_and_picks_a_model_that_can(sandbox, tmp_path):
    env = openai_env(tmp_path / "home", sandbox)
    tile = halves(tmp_path / "tile.png", 32, 32, left=(10, 200, 10), right=(240, 240, 0))
    result = run_ok(["vary", str(tile), "--provider", "openai", "--n", "2", "--size", "256x256", "--json"], env)
    assert "using dall-e-2" in result.stderr
    report = json.loads(result.stdout)
    assert report["operation"] == "variation" and len(report["images"]) == 2
    for image in report["images"]:
        colours = {colour for _, colour in Image.open(image["path"]).convert("RGB").getcolors(1 << 20)}
        assert colours <= {(10, 200, 10), (240, 240, 0)}


def test_inputs_that_do_not_fit_are_refused_before_sending(sandbox, tmp_path):
    env = openai_env(tmp_path / "home", sandbox)
    wide = halves(tmp_path / "wide.png", 60, 40)
    refused = run_easel(["vary", str(wide), "--provider", "openai"], env)
    assert refused.returncode == 2
    lines = [line for line in refused.stderr.splitlines() if "wide.png" in line]
    assert len(lines) == 1 and "--fit crop" in lines[0] and "60×40" in lines[0]

    photo = halves(tmp_path / "photo.png", 64, 48)
    small = mask(tmp_path / "small.png", 32, 32)
    opaque = halves(tmp_path / "opaque.png", 64, 48)
    jpeg = tmp_path / "fake.png"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "JPEG")
    jpeg.write_bytes(buffer.getvalue())
    bomb = tmp_path / "bomb.png"
    data = bytearray(photo.read_bytes())
    data[16:24] = (200000).to_bytes(4, "big") * 2
    bomb.write_bytes(bytes(data))
    for args, expected in [
        ([str(photo), "--mask", str(small), "x"], "must be the same size"),
        ([str(photo), "--mask", str(opaque), "x"], "no alpha channel"),
        ([str(jpeg), "x"], "its name says PNG but its bytes are JPEG"),
        ([str(bomb), "x"], "200000×200000"),
        ([str(photo)] * 17 + ["x"], "takes at most 16 images"),
        (["@999999", "x"], "no history image has this id"),
        ([str(photo), "x", "--model", "dall-e-3"], "cannot edit images"),
    ]:
        result = run_easel(["edit", *args, "--provider", "openai", "--json"], env)
        assert result.returncode == 2, (args, result.stderr)
        assert expected in result.stderr, (args, result.stderr)
        assert json.loads(result.stdout)["error"]["exit_code"] == 2
    assert not (tmp_path / "home" / "data" / "images").exists() or not any((tmp_path / "home" / "data" / "images").iterdir())


def test_edit_help_explains_images_masks_and_ids(tmp_path):
    env = clean_environment(tmp_path / "home")
    text = run_ok(["edit", "--help"], env).stdout
    for phrase in ["@ID", "--mask", "transparent", "16", "exit code 2", "Examples"]:
        assert phrase.lower() in text.lower(), phrase


def test_fit_performs_the_named_conversion(sandbox, tmp_path):
    env = openai_env(tmp_path / "home", sandbox)
    wide = halves(tmp_path / "wide.png", 60, 40)
    result = run_ok(["vary", str(wide), "--fit", "crop", "--provider", "openai", "--size", "256x256", "--json"], env)
    assert "cropped to 40×40 (--fit crop)" in result.stderr
    report = json.loads(result.stdout)
    kept = Image.open(report["inputs"][0]["kept"])
    assert kept.size == (40, 40)
    # The original is untouched.
    assert Image.open(wide).size == (60, 40)


def test_with_no_provider_configured_edit_runs_on_the_sandbox_as_openai(tmp_path):
    env = clean_environment(tmp_path / "home", EASEL_SANDBOX_DELAY="0")
    photo = halves(tmp_path / "photo.png", 32, 32)
    result = run_ok(["edit", str(photo), "a red hat", "--json"], env)
    report = json.loads(result.stdout)
    assert report["provider"] == "openai" and report["operation"] == "edit"
    assert "built-in sandbox" in result.stderr
    # A provider that cannot edit, asked for by name, is refused naming those that can.
    refused = run_easel(["edit", str(photo), "x", "--provider", "ai-client"], env)
    assert refused.returncode == 2
    assert "ai-client cannot edit images; use --provider openai, azure, compatible" in refused.stderr


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK marks create_variation deprecated
def test_the_official_sdk_edits_and_varies_on_the_sandbox(sandbox, tmp_path):
    """The sandbox takes what the openai SDK sends (`image[]` lists, `mask`), and refuses what
    the service would, in its error shape."""
    import openai
    from openai import OpenAI

    client = OpenAI(base_url=sandbox.openai_base, api_key=sandbox.token, timeout=30)
    photo = halves(tmp_path / "photo.png", 64, 48)
    second = halves(tmp_path / "second.png", 64, 48, left=(0, 0, 0))
    cover = mask(tmp_path / "mask.png", 64, 48)
    with open(photo, "rb") as a, open(second, "rb") as b, open(cover, "rb") as m:
        reply = client.images.edit(model="gpt-image-1.5", image=[a, b], mask=m, prompt="a stormy sky")
    edited = Image.open(io.BytesIO(base64.b64decode(reply.data[0].b64_json))).convert("RGB")
    original = Image.open(photo).convert("RGB")
    assert edited.getpixel((60, 2)) == original.getpixel((60, 2))  # outside the transparent area
    assert edited.getpixel((20, 30)) != original.getpixel((20, 30))  # inside it

    square = halves(tmp_path / "square.png", 32, 32)
    with open(square, "rb") as a:
        varied = client.images.create_variation(image=a, model="dall-e-2", n=1, size="256x256", response_format="b64_json")
    assert len(varied.data) == 1
    with open(photo, "rb") as a:
        try:
            client.images.create_variation(image=a, model="dall-e-2")
            raise AssertionError("a non-square variation was accepted")
        except openai.BadRequestError as error:
            assert "square" in str(error)

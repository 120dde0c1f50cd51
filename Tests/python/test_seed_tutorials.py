"""ai-client's own Python tutorial scripts, run unchanged against the sandbox.

The scripts in seed_scripts/ are the "Full code example" blocks of the ai-client
DALL·E 2 and Stable Diffusion tutorials, verbatim (the DALL·E 2 page only shows
it flattened onto one line; it is stored re-wrapped, token for token the same).
At run time exactly two strings change: the API base URL and the token literal.

The scripts end with `time.sleep(60)` / `time.sleep(120)` before the one GET of
the entries. They run with a stand-in `time` module whose `sleep(seconds)`
returns as soon as the thread's request entry stops waiting (bounded by
`seconds` and by a 20 s cap): the scripts still wait for the result, as written,
but no test sleeps on the wall clock. (`--delay 0` removes the artificial delay,
not the time it takes to render the PNGs; 2 × 1024² takes about a second.)
"""

from __future__ import annotations

import builtins
import contextlib
import io
import re
import threading
import time
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from PIL import Image

from sandbox_support import (
    JPEG_SOI,
    PNG_SIGNATURE,
    SCRIPTS_DIR,
    parse_dimensions,
    png_dimensions,
)

SEED_BASE_URL = "https://app.ai-client.com/api/v1"
SEED_TOKEN_LITERAL = "'<<your_token_here>>'"
SEEDS_DIR = Path("/work/shared/seeds")

WAIT_CAP_S = 20.0
POLL_INTERVAL_S = 0.05
HTTP_TIMEOUT_S = 20.0

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Shape of the seed's timestamps: 2023-06-11T15:52:52.000000Z
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")

THREAD_KEYS = {"guid", "ai_code", "ai_version_code", "title", "created_at", "updated_at"}
ENTRY_KEYS = {
    "guid", "thread_guid", "type", "error", "content",
    "waiting_response", "credits", "created_at",
}
IMAGE_KEYS = {"url", "thumbnail_url", "dimensions", "filesize"}


@dataclass(frozen=True)
class Seed:
    """What each tutorial sends and what its printed output says comes back."""

    script: str
    seed_file: str
    sleep_seconds: int
    ai_code: str
    ai_version_code: str
    title: str
    request_content: dict
    image_count: int
    dimensions: str


SEEDS = [
    Seed(
        script="dalle2_tutorial.py",
        seed_file="000_3ed26a23eca61fa9.txt",
        sleep_seconds=60,
        ai_code="dalle2",
        ai_version_code="dalle2_text2img",
        title="New thread with DALL·E 2 Image Generation",
        request_content={"n": 2, "size": "512x512", "prompt": "Cats and dogs with lightsabers"},
        image_count=2,
        dimensions="512x512",
    ),
    Seed(
        script="stablediffusion_tutorial.py",
        seed_file="004_8fcfb9f8c3df582b.txt",
        sleep_seconds=120,
        ai_code="stablediffusion",
        ai_version_code="stablediffusion_text2img",
        title="New thread with Stable Diffusion Image Generation",
        request_content={
            "prompts": [
                {"text": "Delorean hacking time", "weight": 1},
                {"text": "Clock", "weight": -1},
            ],
            "engine": "stable-diffusion-xl-1024-v0-9",
            "style": "neon-punk",
            "images": 2,
            "steps": 45,
            "resolution": "1024x1024",
        },
        image_count=2,
        dimensions="1024x1024",
    ),
]


@dataclass
class ScriptRun:
    seed: Seed
    origin: str
    namespace: dict
    stdout: str
    sleeps: list  # the seconds the script asked to sleep for
    waited_s: float  # how long the stand-in sleep actually waited

    @property
    def thread(self) -> dict:
        return self.namespace["thread"]

    @property
    def thread_entry(self) -> dict:
        return self.namespace["thread_entry"]

    @property
    def thread_entries(self) -> list:
        return self.namespace["thread_entries"]


def _entries_complete(origin: str, token: str, thread_guid: str) -> bool:
    r = requests.get(
        f"{origin}/api/v1/threads/{thread_guid}/entries",
        headers={"Accept": "application/json", "Authorization": "Bearer " + token},
        timeout=HTTP_TIMEOUT_S,
    )
    r.raise_for_status()
    requests_ = [e for e in r.json()["data"] if e["type"] == "request"]
    return bool(requests_) and not any(e["waiting_response"] for e in requests_)


def _stand_in_time(namespace: dict, origin: str, token: str, sleeps: list, waited: list):
    """A `time` module whose sleep() waits for the script's thread instead of the clock."""
    fake = types.ModuleType("time")
    for name in dir(time):  # everything else behaves like the real module
        if not name.startswith("__"):
            setattr(fake, name, getattr(time, name))

    def sleep(seconds):
        sleeps.append(seconds)
        start = time.monotonic()
        deadline = start + min(float(seconds), WAIT_CAP_S)
        guid = namespace["thread"]["guid"]
        idle = threading.Event()  # never set: wait() is just a bounded pause between polls
        while not _entries_complete(origin, token, guid):
            if time.monotonic() >= deadline:
                break  # let the script carry on; the assertions will say what was missing
            idle.wait(POLL_INTERVAL_S)
        waited.append(time.monotonic() - start)

    fake.sleep = sleep
    return fake


def run_seed_script(seed: Seed, origin: str, token: str) -> ScriptRun:
    path = SCRIPTS_DIR / seed.script
    source = path.read_text(encoding="utf-8")
    # The stored script must still be the tutorial's: both placeholders present.
    assert source.count(SEED_TOKEN_LITERAL) == 1, "token placeholder missing from stored script"
    assert source.count(SEED_BASE_URL) == 3, "expected 3 ai-client URLs in stored script"
    source = source.replace(SEED_BASE_URL, origin + "/api/v1")
    source = source.replace(SEED_TOKEN_LITERAL, repr(token))
    assert "app.ai-client.com/api" not in source

    namespace: dict = {"__name__": "__main__", "__file__": str(path)}
    sleeps: list = []
    waited: list = []
    fake_time = _stand_in_time(namespace, origin, token, sleeps, waited)

    real_import = builtins.__import__

    def import_(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "time" and level == 0:
            return fake_time
        return real_import(name, globals, locals, fromlist, level)

    script_builtins = dict(vars(builtins))
    script_builtins["__import__"] = import_
    namespace["__builtins__"] = script_builtins

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, str(path), "exec"), namespace)
    return ScriptRun(seed, origin, namespace, out.getvalue(), sleeps, sum(waited))


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: s.script.removesuffix(".py"))
def run(request, sandbox) -> ScriptRun:
    origin, token = sandbox
    return run_seed_script(request.param, origin, token)


@pytest.fixture(scope="module")
def http():
    with requests.Session() as s:
        yield s


# ------------------------------------------------------------------ the scripts


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.script.removesuffix(".py"))
def test_stored_script_is_the_seed_text(seed: Seed):
    seed_path = SEEDS_DIR / seed.seed_file
    if not seed_path.exists():
        pytest.skip(f"seed file not available: {seed_path}")
    squash = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    stored = squash((SCRIPTS_DIR / seed.script).read_text(encoding="utf-8"))
    seed_text = squash(seed_path.read_text(encoding="utf-8"))
    assert stored.startswith("import requests import time bearer = '<<your_token_here>>'")
    assert stored in seed_text, f"{seed.script} differs from the tutorial's full code example"


def test_script_waits_once_as_written_but_not_on_the_clock(run: ScriptRun):
    assert run.sleeps == [run.seed.sleep_seconds]
    assert run.waited_s < WAIT_CAP_S, "entries never completed with --delay 0"


def test_script_prints_the_three_payloads(run: ScriptRun):
    assert run.stdout.splitlines() == [
        str(run.thread),
        str(run.thread_entry),
        str(run.thread_entries),
    ]


def test_thread_matches_seed(run: ScriptRun):
    thread, seed = run.thread, run.seed
    assert isinstance(thread, dict)
    assert set(thread) == THREAD_KEYS
    assert UUID_RE.match(thread["guid"]), thread["guid"]
    assert thread["ai_code"] == seed.ai_code
    assert thread["ai_version_code"] == seed.ai_version_code
    assert thread["title"] == seed.title
    for key in ("created_at", "updated_at"):
        assert TIMESTAMP_RE.match(thread[key]), f"{key}={thread[key]!r}"


def test_entry_at_creation_is_waiting(run: ScriptRun):
    entry, thread = run.thread_entry, run.thread
    assert set(entry) == ENTRY_KEYS
    assert UUID_RE.match(entry["guid"])
    assert entry["guid"] != thread["guid"]
    assert entry["thread_guid"] == thread["guid"]
    assert entry["type"] == "request"
    assert entry["waiting_response"] is True
    assert entry["credits"] == 0
    # Form fields come back typed and nested exactly as the tutorial prints them
    # (n/images/steps/weight as ints, prompts[i][...] folded into a list).
    assert entry["content"] == run.seed.request_content
    assert TIMESTAMP_RE.match(entry["created_at"]), entry["created_at"]


def test_entries_hold_finished_request_and_response(run: ScriptRun):
    entries, seed, first = run.thread_entries, run.seed, run.thread_entry
    assert isinstance(entries, list) and len(entries) == 2, entries
    request, response = entries  # oldest first, as in the tutorial

    assert set(request) == ENTRY_KEYS
    assert request["guid"] == first["guid"]
    assert request["type"] == "request"
    assert request["waiting_response"] is False
    assert request["credits"] == 0
    assert request["content"] == seed.request_content
    assert request["created_at"] == first["created_at"]

    assert set(response) == ENTRY_KEYS
    assert UUID_RE.match(response["guid"]) and response["guid"] != request["guid"]
    assert response["thread_guid"] == run.thread["guid"]
    assert response["type"] == "response"
    assert response["waiting_response"] is False
    assert isinstance(response["credits"], int) and response["credits"] > 0
    assert TIMESTAMP_RE.match(response["created_at"])
    assert response["created_at"] >= request["created_at"]

    images = response["content"]
    assert isinstance(images, list) and len(images) == seed.image_count
    storage = re.compile(
        re.escape(f"{run.origin}/storage/{seed.ai_version_code}/")
        + r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.png$"
    )
    for image in images:
        assert set(image) == IMAGE_KEYS
        assert storage.match(image["url"]), image["url"]
        assert image["thumbnail_url"] == image["url"] + ".thumbnail.jpg"
        assert image["dimensions"] == seed.dimensions
        assert isinstance(image["filesize"], int) and image["filesize"] > 0
    assert len({i["url"] for i in images}) == len(images)


def test_images_and_thumbnails_are_served_as_described(run: ScriptRun, http):
    response = run.thread_entries[-1]
    for image in response["content"]:
        # Storage URLs are plain public links in the tutorial: fetched without a token.
        r = http.get(image["url"], timeout=HTTP_TIMEOUT_S)
        assert r.status_code == 200, (image["url"], r.status_code, r.text[:200])
        assert r.headers["Content-Type"] == "image/png"
        body = r.content
        assert body[:8] == PNG_SIGNATURE
        assert len(body) == image["filesize"]
        assert png_dimensions(body) == parse_dimensions(image["dimensions"])
        with Image.open(io.BytesIO(body)) as im:
            im.load()
            assert im.format == "PNG"
            assert im.size == parse_dimensions(image["dimensions"])

        t = http.get(image["thumbnail_url"], timeout=HTTP_TIMEOUT_S)
        assert t.status_code == 200, (image["thumbnail_url"], t.status_code)
        assert t.headers["Content-Type"] == "image/jpeg"
        assert t.content[:2] == JPEG_SOI
        with Image.open(io.BytesIO(t.content)) as thumb:
            thumb.load()
            assert thumb.format == "JPEG"
            w, h = parse_dimensions(image["dimensions"])
            assert 0 < thumb.width <= w and 0 < thumb.height <= h
            # A thumbnail keeps the aspect ratio of the image.
            assert abs(thumb.width / thumb.height - w / h) < 0.05

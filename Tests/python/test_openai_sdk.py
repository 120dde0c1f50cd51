"""The official `openai` Python SDK against the sandbox's /v1/images/generations.

Only `base_url` and `api_key` differ from talking to api.openai.com. The SDK's
HTTP client gets a request hook that counts what actually goes on the wire, so
the tests can also show the SDK did not retry a 4xx.
"""

from __future__ import annotations

import base64
import binascii
import io
import time

import openai
import pytest
import requests
from openai import OpenAI
from PIL import Image

from sandbox_support import PNG_SIGNATURE, png_dimensions

HTTP_TIMEOUT_S = 30.0


class CountingClient:
    """An OpenAI client plus the list of HTTP requests its transport sent."""

    def __init__(self, base_url: str, api_key: str):
        self.sent: list = []
        http_client = openai.DefaultHttpx2Client(
            event_hooks={"request": [lambda req: self.sent.append((req.method, str(req.url)))]},
        )
        self.client = OpenAI(
            base_url=base_url, api_key=api_key, http_client=http_client, timeout=HTTP_TIMEOUT_S
        )

    def close(self):
        self.client.close()


@pytest.fixture
def counting(sandbox):
    c = CountingClient(sandbox.openai_base, sandbox.token)
    yield c
    c.close()


@pytest.fixture
def client(counting) -> OpenAI:
    return counting.client


def decode_png(b64: str) -> bytes:
    data = base64.b64decode(b64, validate=True)
    assert data[:8] == PNG_SIGNATURE
    return data


def open_png(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    assert im.format == "PNG"
    return im


def assert_created_is_now(created: int):
    assert isinstance(created, int)
    assert abs(created - time.time()) < 120, created


# ----------------------------------------------------------------- success paths


def test_dalle2_urls_download_as_png(client, counting, sandbox):
    result = client.images.generate(
        model="dall-e-2", prompt="A lighthouse at dusk", n=2, size="256x256"
    )
    assert_created_is_now(result.created)
    assert len(result.data) == 2
    urls = [image.url for image in result.data]
    assert all(isinstance(u, str) and u.startswith(sandbox.origin + "/") for u in urls), urls
    assert len(set(urls)) == 2
    for image in result.data:
        assert image.b64_json is None
        assert image.revised_prompt is None
    assert result.usage is None  # dall-e models report no usage
    assert len(counting.sent) == 1

    for url in urls:
        r = requests.get(url, timeout=HTTP_TIMEOUT_S)  # a plain link, no auth
        assert r.status_code == 200, (url, r.status_code)
        assert r.headers["Content-Type"] == "image/png"
        assert png_dimensions(r.content) == (256, 256)
        with open_png(r.content) as im:
            assert im.size == (256, 256)


def test_dalle2_b64_json(client):
    result = client.images.generate(
        model="dall-e-2",
        prompt="A lighthouse at dusk",
        n=1,
        size="512x512",
        response_format="b64_json",
    )
    assert len(result.data) == 1
    image = result.data[0]
    assert image.url is None
    data = decode_png(image.b64_json)
    assert png_dimensions(data) == (512, 512)
    with open_png(data) as im:
        assert im.size == (512, 512)


def test_dalle3_returns_revised_prompt(client):
    result = client.images.generate(
        model="dall-e-3",
        prompt="A lighthouse at dusk",
        size="1024x1792",
        response_format="b64_json",
    )
    assert len(result.data) == 1
    image = result.data[0]
    assert isinstance(image.revised_prompt, str) and image.revised_prompt.strip()
    data = decode_png(image.b64_json)
    assert png_dimensions(data) == (1024, 1792)


def test_gpt_image_15_b64_and_usage(client):
    result = client.images.generate(
        model="gpt-image-1.5", prompt="A lighthouse at dusk", size="1024x1536"
    )
    assert_created_is_now(result.created)
    assert len(result.data) == 1
    image = result.data[0]
    assert image.url is None
    data = decode_png(image.b64_json)
    assert png_dimensions(data) == (1024, 1536)  # width x height
    with open_png(data) as im:
        assert im.size == (1024, 1536)

    assert result.size == "1024x1536"
    assert result.output_format == "png"

    usage = result.usage
    assert usage is not None
    for n in (usage.input_tokens, usage.output_tokens, usage.total_tokens):
        assert isinstance(n, int) and n >= 0
    assert usage.output_tokens > 0
    assert usage.total_tokens == usage.input_tokens + usage.output_tokens
    details = usage.input_tokens_details
    assert details.text_tokens + details.image_tokens == usage.input_tokens


# ------------------------------------------------------------------- error paths


def test_wrong_key_is_authentication_error(sandbox):
    c = CountingClient(sandbox.openai_base, "sk-wrong-" + sandbox.token)
    try:
        with pytest.raises(openai.AuthenticationError) as excinfo:
            c.client.images.generate(model="dall-e-2", prompt="x", size="256x256")
    finally:
        c.close()
    err = excinfo.value
    assert err.status_code == 401
    assert err.code == "invalid_api_key"
    assert sandbox.token not in str(err)  # the key is not echoed back
    assert len(c.sent) == 1, c.sent  # 401 is not retried


def test_dalle3_invalid_size_is_bad_request(client, counting):
    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(model="dall-e-3", prompt="x", size="256x256")
    err = excinfo.value
    assert err.status_code == 400
    assert err.param == "size"
    assert err.type == "invalid_request_error"
    assert "256x256" in err.body["message"]
    assert "256x256" in str(err)
    assert len(counting.sent) == 1, counting.sent  # a 400 is never retried


def test_unknown_argument_is_bad_request(client, counting):
    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(
            model="dall-e-2", prompt="x", size="256x256", extra_body={"bogus": 1}
        )
    err = excinfo.value
    assert err.status_code == 400
    assert "bogus" in err.body["message"]
    assert "bogus" in str(err)
    assert len(counting.sent) == 1, counting.sent


def test_streaming_with_partial_images(client, counting):
    # The SDK's own SSE reader must see the documented events, in order, with decodable images.
    stream = client.images.generate(
        model="gpt-image-1.5", prompt="A lighthouse at dusk", size="1024x1536",
        stream=True, partial_images=2,
    )
    events = list(stream)
    assert [e.type for e in events] == [
        "image_generation.partial_image",
        "image_generation.partial_image",
        "image_generation.completed",
    ]
    assert [e.partial_image_index for e in events[:2]] == [0, 1]
    for event in events:
        assert event.size == "1024x1536" and event.output_format == "png"
        assert_created_is_now(event.created_at)
        assert png_dimensions(decode_png(event.b64_json)) == (1024, 1536)
    usage = events[-1].usage
    assert usage.output_tokens > 0
    assert usage.total_tokens == usage.input_tokens + usage.output_tokens
    assert len(counting.sent) == 1, counting.sent


def test_stream_request_for_a_dalle_model_fails_cleanly(client, counting):
    # Streaming is for GPT image models: the SDK must get a plain 400, not hang on SSE.
    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(model="dall-e-3", prompt="x", stream=True)
    assert excinfo.value.param == "stream"
    assert len(counting.sent) == 1, counting.sent


def test_b64_is_strict_base64(client):
    # decode with validate=True already; also make sure there is no data: URL prefix
    result = client.images.generate(
        model="gpt-image-1-mini", prompt="x", size="1024x1024", quality="low"
    )
    b64 = result.data[0].b64_json
    assert not b64.startswith("data:")
    try:
        decode_png(b64)
    except binascii.Error as e:  # pragma: no cover - message for the failure
        pytest.fail(f"b64_json is not plain base64: {e}")

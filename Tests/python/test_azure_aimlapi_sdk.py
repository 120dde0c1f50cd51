"""The official `openai` SDK's `AzureOpenAI` client (and its plain client on AI/ML API's path)
against `easel sandbox`.

Only the endpoint and the key differ from talking to Azure: the SDK builds the deployments URL
with `?api-version=`, sends the key as `api-key`, and reads the content filter's results as extra
fields. Its request hook records what went on the wire, so the tests also show a refusal was
not retried.
"""

from __future__ import annotations

import base64

import openai
import pytest
from openai import AzureOpenAI, OpenAI

from sandbox_support import PNG_SIGNATURE, png_dimensions

HTTP_TIMEOUT_S = 30.0
API_VERSION = "2024-10-21"


class Recorder:
    """Collects (method, url, headers) of every request an SDK client sends."""

    def __init__(self):
        self.sent: list = []

    def http_client(self):
        return openai.DefaultHttpx2Client(
            event_hooks={"request": [lambda req: self.sent.append((req.method, str(req.url), dict(req.headers)))]},
        )


@pytest.fixture
def azure(sandbox):
    recorder = Recorder()
    client = AzureOpenAI(
        azure_endpoint=sandbox.origin,
        api_key=sandbox.token,
        api_version=API_VERSION,
        http_client=recorder.http_client(),
        timeout=HTTP_TIMEOUT_S,
    )
    yield client, recorder
    client.close()


def test_azure_dalle3_through_the_deployments_url(azure, sandbox):
    client, recorder = azure
    result = client.images.generate(
        model="dall-e-3", prompt="A badger wearing a tuxedo", size="1792x1024", quality="hd", style="natural"
    )
    assert len(result.data) == 1
    image = result.data[0]
    assert image.url.startswith(sandbox.origin + "/storage/azure/")
    assert image.revised_prompt
    # Azure's additions arrive as extra fields of the image object.
    extra = image.model_extra
    assert extra["prompt_filter_results"]["violence"] == {"filtered": False, "severity": "safe"}
    assert extra["content_filter_results"]["hate"]["filtered"] is False

    method, url, headers = recorder.sent[-1]
    assert method == "POST"
    assert url == f"{sandbox.origin}/openai/deployments/dall-e-3/images/generations?api-version={API_VERSION}"
    assert headers["api-key"] == sandbox.token
    assert "authorization" not in headers


def test_azure_gpt_image_inline_with_usage(azure):
    client, _ = azure
    result = client.images.generate(model="gpt-image-1", prompt="a paper crane", size="1024x1536")
    data = base64.b64decode(result.data[0].b64_json, validate=True)
    assert data[:8] == PNG_SIGNATURE
    assert png_dimensions(data) == (1024, 1536)
    assert result.usage.total_tokens > 0


@pytest.mark.parametrize(
    "trigger, code",
    [("[blocked]", "contentFilter"), ("[blocked:policy:violence]", "content_policy_violation"), ("[blocked:chat]", "content_filter")],
)
def test_azure_content_filter_refusals_are_bad_requests(azure, trigger, code):
    client, recorder = azure
    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(model="dall-e-3", prompt=f"{trigger} a storm")
    err = excinfo.value
    assert err.status_code == 400
    assert err.code == code
    assert len(recorder.sent) == 1, recorder.sent  # a refusal is never retried


def test_azure_policy_refusal_carries_the_filter_report(azure):
    client, _ = azure
    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(model="dall-e-3", prompt="[blocked:policy:hate,violence] a storm")
    inner = excinfo.value.body["inner_error"]
    assert inner["code"] == "ResponsibleAIPolicyViolation"
    flagged = sorted(k for k, v in inner["content_filter_results"].items() if v["filtered"])
    assert flagged == ["hate", "violence"]


def test_azure_dalle3_rules_and_unknown_deployments(azure):
    client, _ = azure
    with pytest.raises(openai.BadRequestError) as excinfo:
        client.images.generate(model="dall-e-3", prompt="x", n=2)
    assert excinfo.value.param == "n"
    with pytest.raises(openai.NotFoundError) as missing:
        client.images.generate(model="no-such-deployment", prompt="x")
    assert missing.value.code == "DeploymentNotFound"


def test_azure_wrong_key_is_authentication_error(sandbox):
    client = AzureOpenAI(
        azure_endpoint=sandbox.origin, api_key="wrong-" + sandbox.token, api_version=API_VERSION, timeout=HTTP_TIMEOUT_S
    )
    try:
        with pytest.raises(openai.AuthenticationError) as excinfo:
            client.images.generate(model="dall-e-3", prompt="x")
    finally:
        client.close()
    assert excinfo.value.status_code == 401
    assert sandbox.token not in str(excinfo.value)


def test_azure_v1_api_with_the_plain_client(sandbox):
    recorder = Recorder()
    client = OpenAI(
        base_url=sandbox.origin + "/openai/v1/", api_key=sandbox.token, http_client=recorder.http_client(), timeout=HTTP_TIMEOUT_S
    )
    try:
        result = client.images.generate(model="dall-e-3", prompt="a heron", response_format="b64_json")
    finally:
        client.close()
    assert png_dimensions(base64.b64decode(result.data[0].b64_json)) == (1024, 1024)
    assert recorder.sent[-1][1] == sandbox.origin + "/openai/v1/images/generations"


def test_aimlapi_through_the_plain_client(sandbox):
    client = OpenAI(base_url=sandbox.origin + "/aimlapi/v1", api_key=sandbox.token, timeout=HTTP_TIMEOUT_S)
    try:
        result = client.images.generate(model="openai/gpt-image-1-5", prompt="a beach", response_format="b64_json")
        assert png_dimensions(base64.b64decode(result.data[0].b64_json)) == (1024, 1024)
        assert result.model_extra["meta"]["usage"]["credits_used"] == 126000
        with pytest.raises(openai.BadRequestError) as excinfo:
            client.images.generate(model="dall-e-3", prompt="x", size="256x256")
    finally:
        client.close()
    body = excinfo.value.body
    assert body["message"].startswith("Body validation error!")
    assert body["statusCode"] == 400 and body["path"] == "/v1/images/generations" and body["requestId"]

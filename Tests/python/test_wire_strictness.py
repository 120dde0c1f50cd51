"""The sandbox's ai-client threads API refuses what the real service refuses.

Plain `requests`, the same calls the tutorials make, with one thing wrong each.
"""

from __future__ import annotations

import uuid

import pytest
import requests

HTTP_TIMEOUT_S = 20.0
UNAUTHENTICATED = {"message": "Unauthenticated."}


def headers(token: str | None) -> dict:
    h = {"Accept": "application/json"}
    if token is not None:
        h["Authorization"] = "Bearer " + token
    return h


@pytest.fixture(scope="module")
def api(sandbox):
    return sandbox.aiclient_base


@pytest.fixture(scope="module")
def sdxl_thread(sandbox, api) -> str:
    r = requests.post(
        api + "/threads",
        headers=headers(sandbox.token),
        data={"ai_version_code": "stablediffusion_text2img"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 201, r.text
    return r.json()["data"]["guid"]


def entries(api: str, token: str, guid: str) -> list:
    r = requests.get(f"{api}/threads/{guid}/entries", headers=headers(token), timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, r.text
    return r.json()["data"]


# ---------------------------------------------------------------------- auth


CALLS = {
    "create-thread": ("POST", "/threads", {"ai_version_code": "dalle2_text2img"}),
    "create-entry": ("POST", "/threads/{guid}/entry", {"type": "request", "prompt": "x"}),
    "list-entries": ("GET", "/threads/{guid}/entries", None),
}

BAD_AUTH = {
    "no-header": None,
    "wrong-token": "Bearer not-the-token",
    "empty-bearer": "Bearer ",
    "not-bearer": "Basic dXNlcjpwYXNz",
}


@pytest.mark.parametrize("call", CALLS, ids=list(CALLS))
@pytest.mark.parametrize("auth", BAD_AUTH, ids=list(BAD_AUTH))
def test_bad_or_missing_token_is_401_unauthenticated(api, sdxl_thread, sandbox, call, auth):
    method, path, data = CALLS[call]
    h = {"Accept": "application/json"}
    if BAD_AUTH[auth] is not None:
        h["Authorization"] = BAD_AUTH[auth]
    r = requests.request(
        method, api + path.format(guid=sdxl_thread), headers=h, data=data, timeout=HTTP_TIMEOUT_S
    )
    assert r.status_code == 401, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json() == UNAUTHENTICATED
    # Nothing was created on the way.
    assert entries(api, sandbox.token, sdxl_thread) == []


# ------------------------------------------------------------------ body format


def test_json_body_to_threads_is_415(api, sandbox):
    r = requests.post(
        api + "/threads",
        headers=headers(sandbox.token),
        json={"ai_version_code": "dalle2_text2img"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 415, (r.status_code, r.text)
    assert "message" in r.json()


def test_json_body_to_entry_is_415(api, sandbox, sdxl_thread):
    r = requests.post(
        f"{api}/threads/{sdxl_thread}/entry",
        headers=headers(sandbox.token),
        json={"type": "request", "prompt": "x"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 415, (r.status_code, r.text)
    assert entries(api, sandbox.token, sdxl_thread) == []


def test_multipart_thread_is_accepted_like_the_php_sample(api, sandbox):
    # PHP's curl with CURLOPT_POSTFIELDS set to an array posts multipart/form-data;
    # requests does the same with `files=` and (None, value) parts.
    r = requests.post(
        api + "/threads",
        headers=headers(sandbox.token),
        files={"ai_version_code": (None, "dalle2_text2img")},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 201, (r.status_code, r.text)
    assert r.json()["data"]["ai_version_code"] == "dalle2_text2img"


def test_multipart_entry_is_accepted_like_the_php_sample(api, sandbox):
    t = requests.post(
        api + "/threads",
        headers=headers(sandbox.token),
        data={"ai_version_code": "dalle2_text2img"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert t.status_code == 201, t.text
    fields = {"type": "request", "n": "1", "size": "256x256", "prompt": "Cats"}
    r = requests.post(
        f"{api}/threads/{t.json()['data']['guid']}/entry",
        headers=headers(sandbox.token),
        files={k: (None, v) for k, v in fields.items()},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 201, (r.status_code, r.text)
    assert r.json()["data"]["content"] == {"n": 1, "size": "256x256", "prompt": "Cats"}


# ------------------------------------------------------------------ validation


SDXL_ENTRY = {
    "type": "request",
    "engine": "stable-diffusion-xl-1024-v0-9",
    "prompts[0][text]": "Delorean hacking time",
    "prompts[0][weight]": 1,
    "images": 1,
    "steps": 30,
}


def test_bad_sdxl_resolution_is_422_keyed_resolution(api, sandbox, sdxl_thread):
    r = requests.post(
        f"{api}/threads/{sdxl_thread}/entry",
        headers=headers(sandbox.token),
        data={**SDXL_ENTRY, "resolution": "512x512"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 422, (r.status_code, r.text)
    body = r.json()
    assert isinstance(body.get("message"), str) and body["message"]
    errors = body["errors"]
    assert list(errors) == ["resolution"]
    assert isinstance(errors["resolution"], list) and errors["resolution"]
    assert all(isinstance(m, str) for m in errors["resolution"])
    assert "512x512" in errors["resolution"][0]
    # A rejected entry leaves no trace in the thread.
    assert entries(api, sandbox.token, sdxl_thread) == []


# ------------------------------------------------------------------- not found


@pytest.mark.parametrize("call", ["create-entry", "list-entries"])
def test_unknown_thread_is_404(api, sandbox, call):
    method, path, data = CALLS[call]
    r = requests.request(
        method,
        api + path.format(guid=uuid.uuid4()),
        headers=headers(sandbox.token),
        data=data,
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 404, (r.status_code, r.text)
    assert isinstance(r.json().get("message"), str)

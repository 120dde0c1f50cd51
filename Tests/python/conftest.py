"""Shared fixtures for the Python interoperability tests.

The tests drive the real `easel sandbox` binary over HTTP on 127.0.0.1 with
unmodified third-party clients (the ai-client tutorial scripts, the official
`openai` SDK, plain `requests`). Only the base URL and the token differ from
what those clients would use against the real services.

Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

import secrets

import pytest

from sandbox_support import start_sandbox, stop_sandbox
from studio_support import TmuxStudio


@pytest.fixture(scope="session")
def sandbox():
    """One sandbox for the whole session, `--delay 0`, random bearer token."""
    proc, sb, stderr_file = start_sandbox(token="easel-test-" + secrets.token_hex(16))
    try:
        yield sb
    finally:
        stop_sandbox(proc)
        stderr_file.close()


@pytest.fixture
def tmux_factory(tmp_path):
    """Makes TmuxStudio servers; every one is killed at teardown, even after a failure."""
    servers: list[TmuxStudio] = []

    def make(width: int, height: int) -> TmuxStudio:
        server = TmuxStudio(tmp_path, width, height)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.kill()

"""The first hour in the studio, as a new user meets it (issue "What a new user hits in the first
hour"): no key, every provider on the built-in sandbox (Ace Data Cloud synchronously and as a
task), an export, another theme, a quit with a job running and a restart that finishes it — on
real terminals (tmux) at 120×40 and 80×24."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import pytest

from history_support import SandboxProcess
from sandbox_support import easel_binary
from studio_support import poll_until, studio_environment, tmux_available

pytestmark = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed (apt-get install tmux)")

TITLE_SANDBOX = "sandbox · no provider configured"
PROVIDERS = ["ai-client", "openai", "azure", "aimlapi", "compatible", "acedata"]
PROMPT = "a paper lantern over a dark river"


def job_done(number: int):
    return lambda screen: any(f"#{number} " in line and " done " in line + " " for line in screen.splitlines())


def setting_line(screen: str, name: str) -> tuple[int, str] | None:
    for index, line in enumerate(screen.splitlines()):
        if f"  {name}  " in line or line.strip("│ ").startswith(name + " "):
            return index, line
    return None


def query(home: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(home / "data" / "history.sqlite") as db:
        return db.execute(sql).fetchall()


def test_every_provider_on_the_sandbox_then_export_and_another_theme(tmp_path, tmux_factory):
    home = tmp_path / "home"
    home.mkdir()
    easel = easel_binary()
    studio = tmux_factory(120, 40)
    studio.start(f'"{easel}"', studio_environment(home, EASEL_SANDBOX_DELAY="0.3"))
    studio.wait_for_text(TITLE_SANDBOX, "Compose", "^C quit")
    studio.type_text(PROMPT)
    studio.send_keys("Tab", "Tab")  # the settings, on the provider row
    for number, provider in enumerate(PROVIDERS, start=1):
        if number > 1:
            studio.send_keys("Right")
            studio.wait_for(lambda s, p=provider: any("provider" in line and f" {p} (" in line for line in s.splitlines()),
                            f"provider {provider} chosen")
        screen = studio.wait_for_text("✓ ready")
        studio.send_keys("C-s")
        screen = studio.wait_for(job_done(number), f"job #{number} on {provider} done", timeout=60)
        assert "✗" not in screen, screen
    # At 120 columns each row says which provider made it (three of them ran dall-e-3).
    rows = [line for line in screen.splitlines() if " done " in line]
    for provider in PROVIDERS:
        assert any(f" {provider}/" in row for row in rows), (provider, rows)

    # Ace Data Cloud as a task: the composer's async setting, switched on.
    screen = studio.capture()
    provider_row, _ = setting_line(screen, "provider")
    async_row = setting_line(screen, "async")
    assert async_row, f"acedata offers its task mode in the composer:\n{screen}"
    studio.send_keys(*["Down"] * (async_row[0] - provider_row), "Right")
    studio.wait_for(lambda s: (row := setting_line(s, "async")) is not None and "true" in row[1], "async on")
    studio.send_keys("C-s")
    studio.wait_for(job_done(len(PROVIDERS) + 1), "the Ace task done", timeout=60)
    tasks = query(home, "SELECT provider, task_id FROM job WHERE task_id IS NOT NULL")
    assert [provider for provider, _ in tasks] == ["acedata"], tasks

    # Export the newest job's image into a folder typed over the pre-filled one.
    exports = tmp_path / "exports"
    studio.send_keys("M-2", "e")
    studio.wait_for_text("export to directory")
    studio.type_text(str(exports))
    studio.send_keys("Enter")
    studio.wait_for_text("exported to")
    assert len(list(exports.glob("*.png"))) == 1
    studio.send_keys("C-c")
    poll_until(studio.pane_dead, 20, lambda: f"the studio did not quit:\n{studio.capture()}")

    # Another theme, at 80×24: the history lists every provider's thread, each distinguishable.
    small = tmux_factory(80, 24)
    small.start(f'"{easel}" --theme dusk', studio_environment(home))
    small.wait_for_text("Compose", "^C quit")
    small.send_keys("M-3")
    screen = small.wait_for(lambda s: s.count(PROMPT[:14]) >= 4, "the history's threads")
    assert "no theme named" not in screen, screen
    # `f` steps through the providers the history holds, and only those.
    # The summary line can change twice for one key (the filter, then the reloaded count), so
    # each step waits for the provider named there to change.
    def filtered(screen: str) -> str:
        summary = screen.splitlines()[2]
        return next((p for p in PROVIDERS if f"· {p} ·" in summary), "all")

    offered = []
    current = filtered(small.capture())
    for _ in range(len(PROVIDERS) + 1):
        small.send_keys("f")
        current = filtered(small.wait_for(lambda s, c=current: filtered(s) != c, "the provider filter to move"))
        if current == "all":
            break
        offered.append(current)
    assert sorted(offered) == sorted(PROVIDERS), offered
    small.send_keys("C-c")


def test_quit_with_a_job_running_and_the_next_start_finishes_it(tmp_path, tmux_factory, request):
    sandbox_home = tmp_path / "sandbox-home"
    sandbox_home.mkdir()
    server = SandboxProcess(sandbox_home, token="first-hour-" + secrets.token_hex(8), delay=4)
    request.addfinalizer(server.stop)
    sandbox = server.sandbox
    home = tmp_path / "home"
    home.mkdir()
    env = studio_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=sandbox.aiclient_base)
    studio = tmux_factory(120, 40)
    studio.start(f'"{easel_binary()}"', env)
    studio.wait_for_text("Compose", "^C quit")
    studio.type_text(PROMPT)
    studio.send_keys("Enter")
    studio.wait_for_text("waiting · poll")
    studio.send_keys("C-c")
    studio.wait_for_text("saved next time")
    studio.send_keys("y")
    poll_until(studio.pane_dead, 20, lambda: f"the studio did not quit:\n{studio.capture()}")
    assert query(home, "SELECT state FROM job") == [("waiting",)]

    again = tmux_factory(80, 24)
    again.start(f'"{easel_binary()}"', env)
    again.wait_for_text("Compose", "^C quit")
    again.send_keys("M-2")
    again.wait_for(lambda s: any(" done " in line + " " for line in s.splitlines()), "the job finished after the restart",
                   timeout=60)
    assert query(home, "SELECT state FROM job") == [("done",)]
    assert len(list((home / "data" / "images").glob("*.png"))) == 1
    again.send_keys("C-c")

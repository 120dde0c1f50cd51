"""End-to-end tests of Easel's history: the SQLite journal and thread store behind
`easel generate`, `easel threads …`, `easel history export` and the studio's crash recovery.

Each test has its own EASEL_HOME under tmp_path and an environment without provider keys,
Easel/XDG settings or LINES/COLUMNS. Tests that need an external server start their own
`easel sandbox --port 0` and stop it in a finalizer. Waits poll a condition with a deadline.

Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from history_support import (
    AIClientAPI,
    SandboxProcess,
    SlowEntriesProxy,
    aiclient_environment,
    clean_environment,
    integrity,
    json_lines,
    query,
    run_easel,
    run_ok,
    threads_json,
)
from sandbox_support import easel_binary
from studio_support import PtyStudio, TmuxStudio, poll_until, studio_environment, tmux_available

SYNC_LINE = re.compile(r"^synced (\d+) threads? \((\d+) new, (\d+) unchanged\) with (\d+) requests?; (.+)$")
WITH_LIST = "thread list"
WITHOUT_LIST = "no thread list on the server; synced the threads already known"


@pytest.fixture
def sandboxes(request, tmp_path):
    """Starts `easel sandbox` processes (`make(delay=…, thread_list=…)`); each is stopped at teardown."""

    def make(delay: float = 0.0, thread_list: bool = True):
        home = tmp_path / f"sandbox-home-{secrets.token_hex(4)}"
        home.mkdir()
        server = SandboxProcess(home, token="easel-history-" + secrets.token_hex(12), delay=delay, thread_list=thread_list)
        request.addfinalizer(server.stop)
        return server.sandbox

    return make


@pytest.fixture
def homes(tmp_path):
    """Fresh EASEL_HOME folders: `homes("a")` → tmp_path/home-a."""

    def make(name: str) -> Path:
        path = tmp_path / f"home-{name}"
        path.mkdir()
        return path

    return make


def sync_report(result: subprocess.CompletedProcess) -> tuple[int, int, int, str]:
    """(fetched, new, unchanged, list note) from the last stdout line of `threads sync`."""
    lines = result.stdout.strip().splitlines()
    assert lines, f"threads sync printed nothing; stderr:\n{result.stderr}"
    match = SYNC_LINE.match(lines[-1])
    assert match, f"unexpected sync summary: {lines[-1]!r}"
    return int(match[1]), int(match[2]), int(match[3]), match[5]


def entry_counts(home: Path) -> dict[str, int]:
    """guid → number of entry rows, for every ai-client thread in the history."""
    rows = query(home, "SELECT t.guid, t.entry_count, (SELECT count(*) FROM entry e WHERE e.thread = t.id) "
                       "FROM thread t WHERE t.provider = 'ai-client'")
    for guid, counted, actual in rows:
        assert counted == actual, f"thread {guid}: entry_count {counted} but {actual} entry rows"
    return {guid: actual for guid, _, actual in rows}


# ------------------------------------------------------------------ 1. generate then browse


def test_generate_then_list_show_search_and_export(homes, tmp_path):
    home = homes("a")
    env = clean_environment(home, EASEL_SANDBOX_DELAY="0.2")
    first = run_ok(["generate", "café lighthouse", "--negative", "heavy fog"], env)
    second = run_ok(["generate", "red barn at dusk", "--provider", "openai", "--model", "dall-e-3"], env)
    for result in (first, second):
        assert "sandbox" in result.stderr, result.stderr  # the implicit sandbox says so

    threads = threads_json(env)
    assert len(threads) == 2, threads
    by_provider = {thread["provider"]: thread for thread in threads}
    assert set(by_provider) == {"ai-client", "openai"}, threads
    ai, oa = by_provider["ai-client"], by_provider["openai"]
    assert ai["model"] == "stablediffusion_text2img", ai
    assert oa["model"] == "dall-e-3", oa
    for thread in threads:
        assert (thread["entries"], thread["images"]) == (2, 1), thread
        assert set(thread) >= {"id", "provider", "title", "model", "created", "updated", "entries", "images", "credits"}
    assert ai["guid"], ai  # a server thread has a guid
    assert "café lighthouse" in ai["title"], ai

    # The human-readable view shows each weighted part and the saved file.
    shown = run_ok(["threads", "show", str(ai["id"])], env).stdout
    assert "+1.0 café lighthouse" in shown, shown
    assert "−1.0 heavy fog" in shown, shown
    paths = re.findall(r"(/\S+\.png)\b", shown)
    assert len(paths) == 1, shown
    assert Path(paths[0]).is_file() and Path(paths[0]).is_relative_to(home), paths
    assert paths[0] in first.stdout, first.stdout  # the same file `generate` reported
    # Also reachable by guid.
    assert run_ok(["threads", "show", ai["guid"]], env).stdout == shown

    # Search: each word is a prefix, and diacritics fold both ways.
    for words, highlighted in ((["cafe"], "[café]"), (["lighth"], "[lighthouse]"), (["CAFÉ", "light"], "[café]")):
        hits = json_lines(run_ok(["threads", "search", *words, "--json"], env).stdout)
        assert hits, f"no hits for {words}"
        assert {hit["thread"] for hit in hits} == {str(ai["id"])}, (words, hits)
        assert any(highlighted in hit["snippet"] for hit in hits), (words, hits)
    plain = run_ok(["threads", "search", "cafe"], env).stdout
    assert "[café]" in plain, plain
    miss = run_easel(["threads", "search", "zeppelin"], env)
    assert miss.returncode == 0 and miss.stdout == "", miss

    # Export: one JSON object per thread, images by local path.
    out = tmp_path / "export.jsonl"
    exported = run_ok(["history", "export", "--format", "jsonl", "--out", str(out)], env)
    assert "exported 2 threads" in exported.stderr, exported.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2, lines
    records = [json.loads(line) for line in lines]
    assert {record["provider"] for record in records} == {"ai-client", "openai"}
    for record in records:
        images = [image for entry in record["entries"] for image in entry["images"]]
        assert len(images) == 1, record
        assert Path(images[0]["path"]).is_file(), images
    ai_record = next(record for record in records if record["provider"] == "ai-client")
    request = next(entry for entry in ai_record["entries"] if entry["kind"] == "request")
    assert request["request"]["parts"] == [{"text": "café lighthouse", "weight": 1}, {"text": "heavy fog", "weight": -1}]

    # Prompts are private: owner-only permissions on the database (and its WAL files if left).
    data = home / "data"
    assert stat.S_IMODE((data / "history.sqlite").stat().st_mode) == 0o600
    for extra in ("history.sqlite-wal", "history.sqlite-shm"):
        if (data / extra).exists():
            assert stat.S_IMODE((data / extra).stat().st_mode) == 0o600, extra
    assert integrity(home) == "ok"


# --------------------------------------------------------- 2. several processes, one history


def test_processes_opening_a_new_history_together_all_succeed(homes):
    """Found as a rare "locked" warning when four `easel generate` runs started together: the
    first open of a new history (switching it to WAL, creating the schema) can meet SQLITE_BUSY
    without SQLite's busy handler being consulted. Many rounds, because it is a race."""
    failures = []
    for round_ in range(40):
        home = homes(f"open-{round_}")
        env = clean_environment(home)
        runs = [subprocess.Popen([easel_binary(), "threads", "list"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True) for _ in range(8)]
        for run in runs:
            _, err = run.communicate(timeout=60)
            if run.returncode != 0:
                failures.append(err.strip())
    assert failures == []


def test_concurrent_generate_processes_share_one_history(sandboxes, homes):
    sandbox = sandboxes(delay=0.5)
    home = homes("a")
    env = aiclient_environment(home, sandbox)
    prompts = [f"concurrent lantern {n}" for n in range(4)]
    processes = [
        subprocess.Popen([easel_binary(), "generate", prompt, "--model", "dalle2_text2img", "--size", "256x256"],
                         env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for prompt in prompts
    ]
    outputs = []
    try:
        for process in processes:
            stdout, stderr = process.communicate(timeout=90)
            outputs.append((process.returncode, stdout, stderr))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for code, stdout, stderr in outputs:
        assert code == 0, f"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        assert not [line for line in stderr.splitlines() if "locked" in line.lower()], stderr

    threads = threads_json(env)
    assert len(threads) == 4, threads
    assert sorted(thread["title"] for thread in threads) == sorted(prompts), threads
    assert len({thread["guid"] for thread in threads}) == 4, threads
    assert all((thread["entries"], thread["images"]) == (2, 1) for thread in threads), threads
    assert integrity(home) == "ok"
    assert query(home, "SELECT state, count(*) FROM job GROUP BY state") == [("done", 4)]


# ------------------------------------------------------ 3. sync with and without a thread list


def make_threads(env: dict[str, str], prompts: list[str]) -> list[dict]:
    for prompt in prompts:
        run_ok(["generate", prompt, "--model", "dalle2_text2img", "--size", "256x256"], env)
    threads = threads_json(env)
    assert len(threads) == len(prompts), threads
    return threads


def test_sync_mirrors_threads_from_the_thread_list(sandboxes, homes):
    sandbox = sandboxes(delay=0)
    made = make_threads(aiclient_environment(homes("a"), sandbox), ["sync apple", "sync pear", "sync plum"])
    home = homes("b")
    env = aiclient_environment(home, sandbox)

    fetched, new, unchanged, note = sync_report(run_ok(["threads", "sync"], env))
    assert (fetched, new, unchanged, note) == (3, 3, 0, WITH_LIST)

    mirrored = threads_json(env)
    assert sorted(t["guid"] for t in mirrored) == sorted(t["guid"] for t in made)
    assert all((t["provider"], t["model"], t["entries"], t["images"]) == ("ai-client", "dalle2_text2img", 2, 1)
               for t in mirrored), mirrored
    prompts = set()
    for thread in mirrored:
        shown = json.loads(run_ok(["threads", "show", thread["guid"], "--json"], env).stdout)
        kinds = [entry["kind"] for entry in shown["entries"]]
        assert kinds == ["request", "response"], shown
        request, response = shown["entries"]
        assert [part["weight"] for part in request["prompts"]] == [1], request
        prompts.add(request["prompts"][0]["text"])
        assert len(response["images"]) == 1, response
        assert response["images"][0]["url"].startswith(sandbox.origin + "/"), response
    assert prompts == {"sync apple", "sync pear", "sync plum"}

    fetched, new, unchanged, note = sync_report(run_ok(["threads", "sync"], env))
    assert (fetched, new, unchanged, note) == (0, 0, 3, WITH_LIST)
    assert len(threads_json(env)) == 3
    assert integrity(home) == "ok"


def test_sync_without_thread_list_refreshes_known_threads_and_import_adds_one(sandboxes, homes):
    sandbox = sandboxes(delay=0, thread_list=False)
    made = make_threads(aiclient_environment(homes("a"), sandbox), ["lonely heron", "quiet pond"])
    home = homes("b")
    env = aiclient_environment(home, sandbox)

    fetched, new, unchanged, note = sync_report(run_ok(["threads", "sync"], env))
    assert (fetched, new, unchanged, note) == (0, 0, 0, WITHOUT_LIST)
    assert threads_json(env) == []

    guid = made[0]["guid"]
    imported = run_ok(["threads", "import", guid], env)
    assert imported.stdout.startswith("imported "), imported.stdout
    known = threads_json(env)
    assert [(t["guid"], t["entries"], t["images"]) for t in known] == [(guid, 2, 1)], known

    fetched, new, unchanged, note = sync_report(run_ok(["threads", "sync"], env))
    assert (fetched, new, unchanged, note) == (1, 0, 0, WITHOUT_LIST)
    assert [(t["guid"], t["entries"], t["images"]) for t in threads_json(env)] == [(guid, 2, 1)]

    unknown = "00000000-0000-4000-8000-000000000000"
    refused = run_easel(["threads", "import", unknown], env)
    assert refused.returncode != 0, refused
    lines = refused.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("easel: ") and unknown in lines[0], refused.stderr
    assert refused.stdout == "", refused.stdout
    assert len(threads_json(env)) == 1
    assert integrity(home) == "ok"



def test_sync_completes_a_thread_that_was_waiting_at_the_previous_sync(sandboxes, homes):
    sandbox = sandboxes(delay=1.5)
    api = AIClientAPI(sandbox)
    guid = api.create_thread()
    api.post_request(guid, "patient heron")
    home = homes("b")
    env = aiclient_environment(home, sandbox)
    assert sync_report(run_ok(["threads", "sync"], env))[:2] == (1, 1)
    assert [(t["entries"], t["images"]) for t in threads_json(env)] == [(1, 0)]  # still waiting

    poll_until(lambda: api.all_complete([guid]), 30, lambda: "the sandbox never answered")
    run_ok(["threads", "sync"], env)
    assert [(t["entries"], t["images"]) for t in threads_json(env)] == [(2, 1)]

# ------------------------------------------------------------- 4. kill -9 mid-job, then resume

needs_tmux = pytest.mark.skipif(not tmux_available(), reason="tmux is not installed")
PROMPT = "a patient lighthouse keeper"
RESUMED = "found 1 unfinished job from an earlier session; resumed 1 (polling, not sent again)"


@needs_tmux
def test_studio_killed_while_waiting_resumes_by_polling(sandboxes, homes, tmp_path, request):
    sandbox = sandboxes(delay=4)
    home = homes("a")
    env = studio_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=sandbox.aiclient_base)
    command = f"exec {easel_binary()}"

    # The first studio runs on a pty this process owns, so that after kill -9 this process
    # reaps it at once: a dead but unreaped process still has a /proc entry, and Easel counts
    # the owner of a job as alive while /proc lists it.
    first = PtyStudio([easel_binary()], env, columns=110, rows=30)
    request.addfinalizer(first.close)
    first.wait_for_text("^C quit")
    first.write(PROMPT.encode())
    first.wait_for_text(PROMPT)
    mark = first.size()
    first.write(b"\r")
    first.wait_for_text("waiting · poll", start=mark)
    assert first.process.poll() is None, "the studio exited by itself:\n" + first.text()[-2000:]
    first.process.send_signal(signal.SIGKILL)
    assert first.wait_exit(timeout=10) == -signal.SIGKILL
    assert not os.path.exists(f"/proc/{first.process.pid}")

    assert integrity(home) == "ok"
    jobs = query(home, "SELECT id, state, thread_guid, entry_guid FROM job")
    assert len(jobs) == 1, jobs
    job_id, state, thread_guid, entry_guid = jobs[0]
    assert state == "waiting" and thread_guid and entry_guid, jobs

    second = TmuxStudio(tmp_path, 110, 30)
    request.addfinalizer(second.kill)
    second.start(command, env)
    second.wait_for_text(RESUMED, timeout=20)
    screen = second.wait_for(
        lambda s: any(re.search(r"✓ #\d+ .*done", line) and "lighthouse" in line for line in s.splitlines()),
        "the resumed job done", timeout=40)
    assert RESUMED in screen  # the message stays while the job finishes

    assert query(home, "SELECT id, state, thread_guid, entry_guid FROM job") == [(job_id, "done", thread_guid, entry_guid)]
    images = sorted((home / "data" / "images").glob("*.png"))
    assert len(images) == 1, images
    assert integrity(home) == "ok"

    # The request entry was posted once, by the first studio; the second only polled.
    entries = AIClientAPI(sandbox).entries(thread_guid)
    requests = [entry for entry in entries if entry["type"] == "request"]
    assert len(requests) == 1, entries
    assert requests[0]["guid"] == entry_guid, entries
    second.send_keys("C-c")
    poll_until(lambda: second.pane_dead(), 20, lambda: "the studio did not quit on ^C:\n" + second.capture())



@needs_tmux
def test_studio_resumes_a_job_whose_killed_owner_is_not_yet_reaped(sandboxes, homes, tmp_path, request):
    sandbox = sandboxes(delay=4)
    home = homes("a")
    env = studio_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=sandbox.aiclient_base)
    first = PtyStudio([easel_binary()], env, columns=110, rows=30)
    request.addfinalizer(first.close)  # reaps the zombie at the end
    first.wait_for_text("^C quit")
    first.write(PROMPT.encode())
    first.wait_for_text(PROMPT)
    mark = first.size()
    first.write(b"\r")
    first.wait_for_text("waiting · poll", start=mark)
    os.kill(first.process.pid, signal.SIGKILL)  # and do not wait(): it stays a zombie
    stat_file = Path(f"/proc/{first.process.pid}/stat")
    poll_until(lambda: stat_file.read_text().rsplit(")", 1)[1].split()[0] == "Z", 10,
               lambda: f"not a zombie: {stat_file.read_text()}")

    second = TmuxStudio(tmp_path, 110, 30)
    request.addfinalizer(second.kill)
    second.start(f"exec {easel_binary()}", env)
    second.wait_for_text("^C quit")
    second.wait_for_text(RESUMED, timeout=8)

def test_quitting_the_studio_keeps_a_sent_job_for_easel_resume(sandboxes, homes, request):
    """Quit with y while the server works: the job stays in the journal, and `easel resume`
    collects it by polling, without posting it again."""
    sandbox = sandboxes(delay=4)
    home = homes("q")
    env = studio_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=sandbox.aiclient_base)
    studio = PtyStudio([easel_binary()], env, columns=110, rows=30)
    request.addfinalizer(studio.close)
    studio.wait_for_text("^C quit")
    studio.write(PROMPT.encode())
    studio.wait_for_text(PROMPT)
    mark = studio.size()
    studio.write(b"\r")
    studio.wait_for_text("waiting · poll", start=mark)
    mark = studio.size()
    studio.write(b"\x03")
    studio.wait_for_text("it finishes on the server and is saved next time", start=mark)
    studio.write(b"y")
    assert studio.wait_exit(timeout=20) == 0
    assert "1 job is still being made on the server: `easel resume`" in studio.text(), studio.text()[-2000:]

    jobs = query(home, "SELECT id, state, thread_guid, entry_guid FROM job")
    assert len(jobs) == 1 and jobs[0][1] == "waiting" and jobs[0][3], jobs
    job_id, _, thread_guid, entry_guid = jobs[0]

    run_ok(["resume"], env, timeout=60)
    assert query(home, "SELECT id, state, thread_guid, entry_guid FROM job") == [(job_id, "done", thread_guid, entry_guid)]
    assert len(sorted((home / "data" / "images").glob("*.png"))) == 1
    requests = [entry for entry in AIClientAPI(sandbox).entries(thread_guid) if entry["type"] == "request"]
    assert [entry["guid"] for entry in requests] == [entry_guid]


# --------------------------------------------------------------------- 5. kill -9 mid-sync

THREAD_COUNT = 40


def seed_server_threads(api: AIClientAPI, count: int) -> dict[str, int]:
    """Makes `count` threads with 1–3 requests each; returns guid → entries once all are answered."""
    requests_by_thread = {}
    for n in range(count):
        guid = api.create_thread()
        for k in range(1 + n % 3):
            api.post_request(guid, f"seeded harbor {n} wave {k}")
        requests_by_thread[guid] = 1 + n % 3
    poll_until(lambda: api.all_complete(list(requests_by_thread)), 60,
               lambda: "the sandbox did not answer every seeded request")
    expected = {guid: len(api.entries(guid)) for guid in requests_by_thread}
    assert all(expected[guid] == 2 * requests for guid, requests in requests_by_thread.items())
    return expected


def test_sync_killed_midway_leaves_whole_threads_and_resumes(sandboxes, homes, request):
    sandbox = sandboxes(delay=0)
    expected = seed_server_threads(AIClientAPI(sandbox), THREAD_COUNT)
    home = homes("b")

    # Entries replies slowed to 0.1 s each: with two at once the sync needs ~2 s, a window wide
    # enough to kill it part-way through whatever the machine's speed.
    proxy = SlowEntriesProxy(sandbox.origin, delay=0.1)
    request.addfinalizer(proxy.close)
    env = clean_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=proxy.aiclient_base)
    sync = subprocess.Popen([easel_binary(), "threads", "sync", "--concurrency", "2"], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def end_sync():
        if sync.poll() is None:
            sync.kill()
            sync.wait()

    request.addfinalizer(end_sync)

    def some_recorded() -> bool:
        if sync.poll() is not None:
            raise AssertionError(f"sync ended before it was killed: exit {sync.returncode}, "
                                 f"stdout {sync.stdout.read()!r}, stderr {sync.stderr.read()!r}")
        if proxy.served() < 4 or not (home / "data" / "history.sqlite").exists():
            return False
        return query(home, "SELECT count(*) FROM thread")[0][0] >= 3

    poll_until(some_recorded, 30, lambda: f"no threads recorded; {proxy.served()} entries replies served")
    sync.kill()
    sync.wait(timeout=10)
    sync.stdout.close()
    sync.stderr.close()

    assert integrity(home) == "ok"
    partial = entry_counts(home)
    assert 3 <= len(partial) < THREAD_COUNT, f"{len(partial)} threads recorded: the kill did not land mid-sync"
    for guid, count in partial.items():
        assert guid in expected, guid
        assert count == expected[guid], f"thread {guid} half-recorded: {count} of {expected[guid]} entries"
    images = dict(query(home, "SELECT t.guid, t.image_count FROM thread t"))
    assert all(images[guid] == expected[guid] // 2 for guid in partial), images

    # A second sync, straight to the sandbox, fetches exactly the threads that were missing.
    direct = aiclient_environment(home, sandbox)
    fetched, new, unchanged, note = sync_report(run_ok(["threads", "sync", "--concurrency", "2"], direct))
    missing = THREAD_COUNT - len(partial)
    assert (fetched, new, unchanged, note) == (missing, missing, len(partial), WITH_LIST)
    assert entry_counts(home) == expected
    assert integrity(home) == "ok"


# ------------------------------------------- 6. resume says when a job's outcome stays unknown


def test_resume_exits_5_when_a_job_can_only_be_marked_outcome_unknown(sandboxes, homes):
    """A one-shot OpenAI request killed while the server works cannot be found again: resume
    marks it outcome unknown and says so with exit 5, as its help promises — not 0."""
    sandbox = sandboxes(delay=6)
    home = homes("u")
    env = clean_environment(home, OPENAI_API_KEY=sandbox.token, OPENAI_BASE_URL=sandbox.origin + "/v1")
    process = subprocess.Popen([easel_binary(), "generate", PROMPT, "--provider", "openai", "--model", "dall-e-3"],
                               env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def sending():
            # The file can exist before its tables do.
            try:
                return query(home, "SELECT state FROM job") == [("sending",)]
            except Exception:
                return False

        poll_until(sending, 20, lambda: "the job was never sent")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    result = subprocess.run([easel_binary(), "resume"], env=env, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 5, (result.returncode, result.stderr)
    assert "outcome unknown" in result.stderr, result.stderr
    assert query(home, "SELECT state FROM job") == [("outcome_unknown",)]


# ---------------------------------- 7. killed while the request entry was being posted


class HeldEntryPostProxy:
    """Forwards everything to a sandbox at once, but holds the reply to `POST …/entry` (the
    request entry, which the sandbox has made by then) for `hold` seconds: a kill in that window
    is a kill while the POST is in flight."""

    def __init__(self, upstream: str, hold: float):
        import threading
        import urllib.error
        import urllib.request
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        outer = self
        self.posted = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                request = urllib.request.Request(upstream + self.path, data=body, method=self.command)
                for name in ("Authorization", "Content-Type", "Accept"):
                    if self.headers.get(name):
                        request.add_header(name, self.headers[name])
                try:
                    with urllib.request.urlopen(request, timeout=30) as reply:
                        status, payload, kind = reply.status, reply.read(), reply.headers.get("Content-Type")
                except urllib.error.HTTPError as error:
                    status, payload, kind = error.code, error.read(), error.headers.get("Content-Type")
                if self.command == "POST" and self.path.split("?")[0].endswith("/entry"):
                    outer.posted.set()
                    time.sleep(hold)  # the window the test kills Easel in, not a wait for a condition
                self.send_response(status)
                self.send_header("Content-Type", kind or "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def aiclient_base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_killed_while_posting_the_request_entry_resume_finds_it(sandboxes, homes, request):
    """kill -9 while `POST …/entry` is in flight: the journal has the thread but no entry; the
    server made the entry. `easel resume` looks for it in the thread (by the prompt sent and the
    time), polls it to the end and saves the image — without posting again."""
    sandbox = sandboxes(delay=1)
    proxy = HeldEntryPostProxy(sandbox.origin, hold=30)
    request.addfinalizer(proxy.close)
    home = homes("p")
    env = clean_environment(home, AICLIENT_TOKEN=sandbox.token, AICLIENT_BASE_URL=proxy.aiclient_base)
    process = subprocess.Popen([easel_binary(), "generate", PROMPT], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert proxy.posted.wait(30), "the request entry was never posted"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    jobs = query(home, "SELECT state, thread_guid, entry_guid FROM job")
    assert len(jobs) == 1 and jobs[0][0] == "sending" and jobs[0][1] and jobs[0][2] is None, jobs
    thread_guid = jobs[0][1]

    result = subprocess.run([easel_binary(), "resume"], env=env, capture_output=True, text=True, timeout=90,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    state, _, entry_guid = query(home, "SELECT state, thread_guid, entry_guid FROM job")[0]
    assert state == "done" and entry_guid, result.stderr
    assert len(sorted((home / "data" / "images").glob("*.png"))) == 1
    requests = [entry for entry in AIClientAPI(sandbox).entries(thread_guid) if entry["type"] == "request"]
    assert [entry["guid"] for entry in requests] == [entry_guid], "posted once, and that entry was found"

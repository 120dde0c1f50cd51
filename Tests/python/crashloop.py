#!/usr/bin/env python3
"""The crash loop (`make crashtest`): kills `easel generate` and the studio with SIGKILL at a
random point of a random phase of a job, then lets `easel resume` (or the reopened studio)
finish it, and checks what a kill may never cost:

  * a job is POSTed at most once (the sandbox's per-route counts, GET /_sandbox/stats);
  * every job the server made and Easel can find again ends saved, with its images on disk and
    in the history (a one-shot request killed before its reply was kept may end "outcome
    unknown", as `easel resume --help` documents — it is counted, not hidden);
  * `PRAGMA integrity_check` says ok; no `.partial-*` file, unreferenced image or kept reply
    is left behind;
  * no job is left unfinished, and resume's exit code is the documented one (0 when every job
    found was resumed, 5 when one could only be marked outcome unknown).

Phases are hit by timing: one uninterrupted calibration job per provider notes when each phase
began (from the sandbox's counts, the journal and the output folder, sampled every 10 ms); each
kill lands at a uniformly random moment of the chosen phase's window. The phase a kill really
hit is then read back from the same sources, and the table is by that phase.

Usage: crashloop.py --easel .build/debug/easel [--runs 200] [--seed N] [--delay 1.0]
Prints a table by phase and exits 1 when any run broke a rule (each one is listed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

PHASES = ["before_post", "in_flight", "polling", "downloading", "saving"]
UNFINISHED = {"queued", "sending", "waiting", "downloading"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
PROMPT = "a lighthouse keeper's cat"
STUDIO_EVERY = 7  # every 7th run kills the studio instead of `easel generate`


@dataclass(frozen=True)
class Provider:
    """One way of sending a job: `easel generate` flags, environment, and the sandbox routes
    that stand for its POST, its polls and its downloads."""

    name: str
    args: tuple[str, ...]
    post: str
    polls: tuple[str, ...] = ()
    downloads: tuple[str, ...] = ()
    # Which journal columns name the job on the server, so that a resume can find it again.
    handles: tuple[str, ...] = ()

    def environment(self, origin: str, token: str) -> dict[str, str]:
        return {
            "openai": {"OPENAI_API_KEY": token, "OPENAI_BASE_URL": origin + "/v1"},
            "ai-client": {"AICLIENT_TOKEN": token, "AICLIENT_BASE_URL": origin + "/api/v1"},
            "acedata": {"ACEDATA_TOKEN": token, "ACEDATA_BASE_URL": origin},
            "a1111": {"A1111_BASE_URL": origin + "/a1111", "A1111_AUTH": "sandbox:" + token},
            "comfyui": {"COMFYUI_BASE_URL": origin + "/comfyui"},
            "sdcpp": {"SDCPP_BASE_URL": origin + "/sd-server"},
        }[self.args[1]]


PROVIDERS = [
    Provider("openai", ("--provider", "openai"), "openai-generate", downloads=("storage",)),
    Provider("openai-stream", ("--provider", "openai", "--stream"), "openai-generate", downloads=("storage",)),
    Provider("ai-client", ("--provider", "ai-client"), "create-entry", polls=("list-entries",), downloads=("storage",),
             handles=("thread_guid",)),
    Provider("acedata-task", ("--provider", "acedata", "--async"), "acedata-generate", polls=("acedata-tasks",),
             downloads=("storage",), handles=("trace_id", "task_id")),
    Provider("a1111", ("--provider", "a1111", "--size", "64x64"), "a1111-txt2img", polls=("a1111-progress",)),
    Provider("comfyui", ("--provider", "comfyui", "--size", "64x64"), "comfyui-prompt", downloads=("comfyui-view",),
             handles=("task_id",)),
    Provider("sdcpp", ("--provider", "sdcpp", "--size", "64x64"), "sdcpp-img_gen", polls=("sdcpp-job",),
             handles=("task_id",)),
]
STUDIO = Provider("studio", ("--provider", "ai-client"), "create-entry", polls=("list-entries",), downloads=("storage",),
                  handles=("thread_guid",))


# ------------------------------------------------------------------------------ observation


class Sandbox:
    """`easel sandbox` for the whole loop; `counts()` reads its per-route request counts."""

    def __init__(self, easel: str, home: Path, delay: float):
        from history_support import SandboxProcess

        self.token = "crash-" + secrets.token_hex(10)
        self.server = SandboxProcess(home, token=self.token, delay=delay)
        self.origin = self.server.sandbox.origin

    def counts(self) -> dict[str, int]:
        with urllib.request.urlopen(self.origin + "/_sandbox/stats", timeout=10) as reply:
            return json.load(reply)["counts"]

    def stop(self) -> None:
        self.server.stop()


def journal(home: Path) -> list[dict]:
    """The job rows, or [] while the history (or its tables) does not exist yet."""
    path = home / "data" / "history.sqlite"
    if not path.exists():
        return []
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute(
                "SELECT id, provider, state, thread_guid, entry_guid, trace_id, task_id, reply IS NOT NULL AS has_reply, "
                "held, error FROM job ORDER BY id")]
    except sqlite3.Error:
        return []


def saved_images(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # Previews (`<stem>-partial-N`) are not the job's images; a leftover one is a stray file.
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".") and "-partial-" not in p.name)


def delta(after: dict[str, int], before: dict[str, int], routes) -> int:
    return sum(after.get(r, 0) - before.get(r, 0) for r in routes)


@dataclass
class Moment:
    """What had happened to a job at one moment."""

    posts: int
    polls: int
    downloads: int
    state: str | None
    saved: int

    def phase(self) -> str:
        if self.posts == 0:
            return "before_post"
        if self.saved or self.state == "done":
            return "saving"
        if self.downloads or self.state == "downloading":
            return "downloading"
        if self.polls or self.state == "waiting":
            return "polling"
        return "in_flight"


def observe(sandbox: Sandbox, before: dict[str, int], provider: Provider, home: Path, images: Path) -> Moment:
    counts = sandbox.counts()
    rows = journal(home)
    return Moment(delta(counts, before, [provider.post]), delta(counts, before, provider.polls),
                  delta(counts, before, provider.downloads), rows[-1]["state"] if rows else None, len(saved_images(images)))


# ------------------------------------------------------------------------------- one run


@dataclass
class Run:
    number: int
    provider: str
    aimed: str
    phase: str = "?"
    posts: int = 0
    outcome: str = "none"
    kept: int = 0
    stray: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def environment(home: Path, extra: dict[str, str]) -> dict[str, str]:
    from history_support import clean_environment

    env = clean_environment(home, **extra)
    for name in list(env):
        if name.startswith(("AZURE_OPENAI_", "AIMLAPI_", "COMPATIBLE_", "ACEDATA_", "COMFYUI_", "A1111_", "SDCPP_")) \
                and name not in extra:
            env.pop(name)
    return env


def start_generate(easel: str, provider: Provider, env: dict[str, str], out: Path, prompt: str) -> subprocess.Popen:
    return subprocess.Popen([easel, "generate", prompt, *provider.args, "--out", str(out)], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def calibrate(easel: str, sandbox: Sandbox, provider: Provider, root: Path) -> dict[str, tuple[float, float]]:
    """Runs one job to the end and returns each phase's window (seconds from launch)."""
    home, out = root / f"calibrate-{provider.name}" / "home", root / f"calibrate-{provider.name}" / "out"
    home.mkdir(parents=True)
    env = environment(home, provider.environment(sandbox.origin, sandbox.token))
    before = sandbox.counts()
    started = time.monotonic()
    process = start_generate(easel, provider, env, out, PROMPT + " (calibration)")
    first: dict[str, float] = {}
    while process.poll() is None and time.monotonic() - started < 60:
        moment = observe(sandbox, before, provider, home, out)
        first.setdefault(moment.phase(), time.monotonic() - started)
        time.sleep(0.01)
    ended = time.monotonic() - started
    if process.poll() is None:
        process.kill()
        process.wait()
        raise SystemExit(f"crashloop: calibration job for {provider.name} did not end within 60 s")
    if process.returncode != 0:
        raise SystemExit(f"crashloop: calibration job for {provider.name} exited {process.returncode}")
    first.setdefault("before_post", 0.0)
    windows = {}
    order = sorted(first, key=lambda phase: (first[phase], PHASES.index(phase)))
    for index, phase in enumerate(order):
        end = first[order[index + 1]] if index + 1 < len(order) else ended
        if end - first[phase] > 0.005:
            windows[phase] = (first[phase], end)
    return windows


def wait_and_kill(process, started: float, window: tuple[float, float], aimed: str, now_phase, rng: random.Random) -> None:
    """SIGKILLs `process` at a random moment of the aimed phase: before the POST, at a random
    time from launch; otherwise once the phase is seen to have begun, after a random part of
    its calibrated length (watching beats a fixed time on a loaded machine)."""
    low, high = window
    if aimed == "before_post":
        time.sleep(max(0.0, rng.uniform(low, high) - (time.monotonic() - started)))
    else:
        rank = PHASES.index(aimed)
        while process.poll() is None and time.monotonic() - started < 60:
            if PHASES.index(now_phase()) >= rank:
                break
            time.sleep(0.003)
        time.sleep(rng.uniform(0.0, max(0.0, high - low - 0.01)))
    process.send_signal(signal.SIGKILL)


def stray_files(*folders: Path, referenced: set[str]) -> list[str]:
    """`.partial-*` files anywhere, and images not in the history, under `folders`."""
    found = []
    for path in sorted({path for folder in folders if folder.exists() for path in folder.rglob("*")}):
        if path.name.startswith(".partial-"):
            found.append(str(path))
        elif path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES and str(path.resolve()) not in referenced:
            found.append(str(path))
    return found


def referenced_paths(home: Path) -> set[str]:
    path = home / "data" / "history.sqlite"
    if not path.exists():
        return set()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return {str(Path(p).resolve()) for (p,) in db.execute("SELECT path FROM image WHERE path IS NOT NULL")}


def integrity(home: Path) -> str:
    path = home / "data" / "history.sqlite"
    if not path.exists():
        return "ok"
    with closing(sqlite3.connect(str(path))) as db:
        return "\n".join(row[0] for row in db.execute("PRAGMA integrity_check"))


def must_be_saved(row: dict, provider: Provider, posts: int) -> bool:
    """Whether the server made the job and the journal kept what finds it again: its reply, or
    the id the server knows it by."""
    if posts == 0:
        return False
    return bool(row["has_reply"]) or any(row.get(column) for column in provider.handles)


def judge(run: Run, provider: Provider, easel: str, sandbox: Sandbox, before: dict[str, int], home: Path, images: Path,
          env: dict[str, str], killed: Moment, pre: list[dict], resume: subprocess.CompletedProcess | None,
          studio_finished: bool = False) -> None:
    """Fills in the run's outcome and the rules it broke."""
    after = sandbox.counts()
    run.posts = delta(after, before, [provider.post])
    if run.posts > 1:
        run.problems.append(f"POSTed {run.posts} times")
    rows = journal(home)
    if len(rows) > 1:
        run.problems.append(f"{len(rows)} job rows for one job")
    state = rows[-1]["state"] if rows else None
    if state in UNFINISHED:
        run.problems.append(f"job left {state}")
    run.outcome = {None: "none", "done": "recovered" if pre and pre[-1]["state"] != "done" else "completed",
                   "outcome_unknown": "unknown"}.get(state, state or "none")
    if pre and must_be_saved(pre[-1], provider, run.posts) and state != "done":
        run.problems.append(f"the server made it and the journal can find it, but it ended {state}")
    files = saved_images(images)
    # An image the killed run saved for a job that cannot be resumed is kept, and the journal's
    # reason names it (`easel resume` prints it): it is counted, not a stray.
    kept = {str(p) for p in files if state == "outcome_unknown" and rows and str(p) in (rows[-1]["error"] or "")}
    run.kept = len(kept)
    if state == "done" and len(files) != 1:
        run.problems.append(f"done with {len(files)} images on disk")
    if state != "done" and len(files) > len(kept):
        run.problems.append(f"{len(files) - len(kept)} images on disk for a job that is {state}")
    for path in files:
        head = path.read_bytes()[:8]
        if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8") or head[:4] == b"RIFF"):
            run.problems.append(f"{path.name} is not an image")
    check = integrity(home)
    if check != "ok":
        run.problems.append(f"integrity_check: {check}")
    run.stray = stray_files(images, home, referenced=referenced_paths(home) | {str(Path(p).resolve()) for p in kept})
    # A reply's inline images are kept beside the history only while its job is unfinished.
    replies = home / "data" / "replies"
    if state not in UNFINISHED and replies.is_dir():
        run.stray += [str(p) for p in sorted(replies.iterdir()) if not p.name.startswith(".")]
    if run.stray:
        run.problems.append("stray files: " + ", ".join(Path(p).name for p in run.stray))
    if resume is not None:
        unfinished_before = [r for r in pre if r["state"] in UNFINISHED]
        if not unfinished_before or studio_finished:
            # Nothing was left for resume (the reopened studio finished what there was).
            expected = {0}
        elif state == "done":
            expected = {0}
        elif state == "outcome_unknown":
            expected = {5}
        else:
            expected = set(range(1, 256)) - {5}
        if resume.returncode not in expected:
            run.problems.append(f"resume exited {resume.returncode} with the job {state}: "
                                + resume.stderr.strip().replace("\n", " | ")[-300:])


def kill_generate(run: Run, easel: str, sandbox: Sandbox, provider: Provider, windows, root: Path, rng: random.Random,
                  resume_timeout: float) -> None:
    home, out = root / f"run-{run.number}" / "home", root / f"run-{run.number}" / "out"
    home.mkdir(parents=True)
    env = environment(home, provider.environment(sandbox.origin, sandbox.token))
    before = sandbox.counts()
    started = time.monotonic()
    process = start_generate(easel, provider, env, out, f"{PROMPT} #{run.number}")
    wait_and_kill(process, started, windows[run.aimed], run.aimed,
                  lambda: observe(sandbox, before, provider, home, out).phase(), rng)
    process.wait(timeout=10)
    killed = observe(sandbox, before, provider, home, out)
    run.phase = killed.phase() if process.returncode == -signal.SIGKILL else "finished"
    pre = journal(home)
    resume = subprocess.run([easel, "resume", "--out", str(out)], env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=resume_timeout)
    judge(run, provider, easel, sandbox, before, home, out, env, killed, pre, resume)


def kill_studio(run: Run, easel: str, sandbox: Sandbox, windows, root: Path, rng: random.Random,
                resume_timeout: float) -> None:
    """Submits a job in the studio, kills it, reopens the studio until the job is finished, quits,
    and runs `easel resume` (which must find nothing left)."""
    from studio_support import PtyStudio, TmuxStudio, poll_until, studio_environment

    workdir = root / f"run-{run.number}"
    home = workdir / "home"
    home.mkdir(parents=True)
    images = home / "data" / "images"
    env = studio_environment(home, **STUDIO.environment(sandbox.origin, sandbox.token))
    before = sandbox.counts()
    first = PtyStudio([easel], env, columns=110, rows=30)
    try:
        first.wait_for_text("^C quit", timeout=30)
        prompt = f"{PROMPT} #{run.number}"
        first.write(prompt.encode())
        first.wait_for_text(prompt, timeout=30)
        started = time.monotonic()
        first.write(b"\r")
        wait_and_kill(first.process, started, windows[run.aimed], run.aimed,
                      lambda: observe(sandbox, before, STUDIO, home, images).phase(), rng)
        code = first.wait_exit(timeout=10)
    finally:
        first.close()
    killed = observe(sandbox, before, STUDIO, home, images)
    run.phase = killed.phase() if code == -signal.SIGKILL else "finished"
    pre = journal(home)
    second = TmuxStudio(workdir, 110, 30)
    try:
        second.start(f"exec {easel}", env)
        second.wait_for_text("^C quit", timeout=30)
        poll_until(lambda: not any(r["state"] in UNFINISHED for r in journal(home)), resume_timeout,
                   lambda: "the reopened studio did not finish the job:\n" + second.capture())
        second.send_keys("C-c")
        poll_until(second.pane_dead, 20, lambda: "the studio did not quit on ^C:\n" + second.capture())
    except AssertionError as error:
        run.problems.append(str(error).splitlines()[0])
    finally:
        second.kill()
    resume = subprocess.run([easel, "resume"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=resume_timeout)
    judge(run, STUDIO, easel, sandbox, before, home, images, env, killed, pre, resume, studio_finished=True)


# ------------------------------------------------------------------------------- the loop


def table(runs: list[Run]) -> str:
    head = f"{'phase':<12} {'kills':>5} {'POSTs/job max':>13} {'recovered':>9} {'completed':>9} {'unknown':>7} " \
           f"{'failed':>6} {'image kept':>10} {'never sent':>10} {'stray':>5} {'broken':>6}"
    lines = [head, "-" * len(head)]
    for phase in PHASES + ["finished"]:
        chosen = [r for r in runs if r.phase == phase]
        if not chosen:
            continue
        lines.append(
            f"{phase:<12} {len(chosen):>5} {max(r.posts for r in chosen):>13} "
            f"{sum(r.outcome == 'recovered' for r in chosen):>9} {sum(r.outcome == 'completed' for r in chosen):>9} "
            f"{sum(r.outcome == 'unknown' for r in chosen):>7} {sum(r.outcome == 'failed' for r in chosen):>6} "
            f"{sum(r.kept for r in chosen):>10} "
            f"{sum(r.outcome == 'none' for r in chosen):>10} {sum(len(r.stray) for r in chosen):>5} "
            f"{sum(bool(r.problems) for r in chosen):>6}")
    lines.append("")
    lines.append("by provider: " + ", ".join(
        f"{name} {sum(r.provider == name for r in runs)}" for name in [p.name for p in PROVIDERS] + ["studio"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--easel", required=True, help="the easel binary")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None, help="random seed (printed when not given)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds the sandbox takes per job")
    parser.add_argument("--studio-every", type=int, default=STUDIO_EVERY, help="every Nth run is a studio (0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the run folders")
    options = parser.parse_args(argv)
    easel = str(Path(options.easel).resolve())
    os.environ["EASEL_BIN"] = easel
    sys.path.insert(0, str(Path(__file__).parent))
    seed = options.seed if options.seed is not None else random.randrange(1 << 31)
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="easel-crashloop-"))
    sandbox_home = root / "sandbox-home"
    sandbox_home.mkdir()
    sandbox = Sandbox(easel, sandbox_home, options.delay)
    resume_timeout = 60 + 4 * options.delay
    runs: list[Run] = []
    began = time.monotonic()
    try:
        windows = {p.name: calibrate(easel, sandbox, p, root) for p in PROVIDERS}
        windows["studio"] = windows["ai-client"]
        for name, phases in windows.items():
            spans = ", ".join(f"{phase} {a:.2f}–{b:.2f}s" for phase, (a, b) in phases.items())
            print(f"calibrated {name}: {spans}", flush=True)
        generated = 0
        for number in range(options.runs):
            studio = options.studio_every and number % options.studio_every == options.studio_every - 1
            provider = STUDIO if studio else PROVIDERS[generated % len(PROVIDERS)]
            generated += 0 if studio else 1
            aimed = rng.choice(sorted(windows[provider.name]))
            run = Run(number, provider.name, aimed)
            started = time.monotonic()
            try:
                if studio:
                    kill_studio(run, easel, sandbox, windows["studio"], root, rng, resume_timeout)
                else:
                    kill_generate(run, easel, sandbox, provider, windows[provider.name], root, rng, resume_timeout)
            except (subprocess.TimeoutExpired, AssertionError, OSError) as error:
                run.problems.append(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
            run.seconds = time.monotonic() - started
            runs.append(run)
            mark = "BROKEN " + "; ".join(run.problems) if run.problems else "ok"
            print(f"run {number:>3} {provider.name:<13} aimed {aimed:<11} hit {run.phase:<11} POSTs {run.posts} "
                  f"{run.outcome:<9} {run.seconds:5.1f}s {mark}", flush=True)
            if not options.keep and not run.problems:
                shutil.rmtree(root / f"run-{number}", ignore_errors=True)
    finally:
        sandbox.stop()
    print()
    print(f"crash loop: {len(runs)} kills in {time.monotonic() - began:.0f} s (seed {seed}, sandbox delay {options.delay} s)")
    print(table(runs))
    broken = [r for r in runs if r.problems]
    if broken:
        print(f"\n{len(broken)} runs broke a rule (folders kept under {root}):")
        for run in broken:
            print(f"  run {run.number} {run.provider} {run.phase}: " + "; ".join(run.problems))
        return 1
    if not options.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Soak run: many `easel generate` jobs across every provider against `easel sandbox --faults`.

    python3 bench/soak.py --easel .build/debug/easel --jobs 1000      (make soak; SOAK_JOBS=N)

The sandbox fails about a fifth of all requests (429 with Retry-After, 5xx, connections reset
before and after the request is handled, stalls, truncated bodies, broken JSON), seeded. Each
job's prompt carries a tag (`sbx-…`) the sandbox counts its handled POSTs by. At the end it
prints:

  ok / failed-clearly / outcome-unknown / unclear   how the jobs ended (exit 0; a one-line error
                                                    with exit 1–4; exit 5; anything else: a crash,
                                                    a hang, a traceback, a raw control byte)
  duplicate POSTs    tags and routes the sandbox handled more than once (must be 0)
  images lost        the sandbox accepted a generation, yet Easel has no image for it and no
                     journalled job (must be 0)
  integrity          `PRAGMA integrity_check` of the history database, and every image Easel
                     reported exists and starts with an image signature

Exits 1 on a duplicate POST, a lost image, an integrity failure or an unclear ending; the last
line is the summary as JSON, for the pytest wrapper.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROVIDERS = ("ai-client", "openai", "azure", "aimlapi", "compatible", "acedata", "a1111", "comfyui", "sdcpp")
# A fifth of all requests fail, spread over every kind of fault.
DEFAULT_PLAN = "429:0.04,500:0.04,reset-before:0.03,reset-after:0.03,stall:0.02,truncate:0.02,badjson:0.02,stall-seconds=2"
TOKEN = "soak-token"
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"RIFF")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def start_sandbox(easel: str, plan: str, seed: int) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [easel, "sandbox", "--port", "0", "--delay", "0", "--token", TOKEN, "--faults", plan, "--seed", str(seed)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.decode()) for line in process.stdout], daemon=True).start()
    try:
        line = lines.get(timeout=30)
    except queue.Empty:
        process.kill()
        sys.exit("the sandbox did not start")
    if not line.startswith("listening on "):
        process.kill()
        sys.exit(f"the sandbox did not start: {line!r}")
    return process, line[len("listening on "):].strip()


def environment(home: Path, origin: str) -> dict[str, str]:
    prefixes = ("AICLIENT_", "OPENAI_", "AZURE_OPENAI_", "AIMLAPI_", "COMPATIBLE_", "ACEDATA_", "A1111_", "COMFYUI_",
                "SDCPP_", "EASEL_", "XDG_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update({
        "EASEL_HOME": str(home), "LANG": "C.UTF-8",
        "AICLIENT_TOKEN": TOKEN, "AICLIENT_BASE_URL": origin + "/api/v1",
        "OPENAI_API_KEY": TOKEN, "OPENAI_BASE_URL": origin + "/v1",
        "AZURE_OPENAI_API_KEY": TOKEN, "AZURE_OPENAI_ENDPOINT": origin,
        "AIMLAPI_KEY": TOKEN, "AIMLAPI_BASE_URL": origin + "/aimlapi/v1",
        "COMPATIBLE_API_KEY": TOKEN, "COMPATIBLE_BASE_URL": origin + "/compatible/v1",
        "ACEDATA_TOKEN": TOKEN, "ACEDATA_BASE_URL": origin,
        "A1111_AUTH": "sandbox:" + TOKEN, "A1111_BASE_URL": origin + "/a1111",
        "COMFYUI_BASE_URL": origin + "/comfyui",
        "SDCPP_BASE_URL": origin + "/sd-server",
    })
    return env


def run_job(easel: str, env: dict[str, str], index: int, timeout: float) -> dict:
    provider = PROVIDERS[index % len(PROVIDERS)]
    tag = f"sbx-soak{index}"
    started = time.monotonic()
    try:
        result = subprocess.run(
            [easel, "generate", f"a lighthouse at dusk, soak job {index} {tag}", "--provider", provider, "--json"],
            env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"index": index, "tag": tag, "provider": provider, "outcome": "unclear", "why": f"hung past {timeout}s"}
    stderr = result.stderr.decode("utf-8", "replace").strip()
    job = {"index": index, "tag": tag, "provider": provider, "code": result.returncode, "stderr": stderr[-400:],
           "seconds": round(time.monotonic() - started, 2), "images": []}
    last = stderr.splitlines()[-1] if stderr else ""
    if result.returncode == 0:
        try:
            job["images"] = [image["path"] for image in json.loads(result.stdout)["images"]]
            job["outcome"] = "ok" if job["images"] else "unclear"
        except (ValueError, KeyError, TypeError):
            job.update(outcome="unclear", why="exit 0 without readable --json output")
    elif result.returncode == 5:
        job["outcome"] = "outcome-unknown"
    elif result.returncode in (1, 2, 3, 4) and last and not CONTROL.search(stderr) and "Fatal error" not in stderr:
        job["outcome"] = "failed-clearly"
    else:
        job.update(outcome="unclear", why=f"exit {result.returncode}: {last[:200]}")
    return job


def history_file(home: Path) -> Path | None:
    found = sorted(home.rglob("history.sqlite"))
    return found[0] if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--easel", default=os.environ.get("EASEL_BIN", ".build/debug/easel"))
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("SOAK_JOBS", "1000")))
    parser.add_argument("--parallel", type=int, default=4)
    parser.add_argument("--plan", default=DEFAULT_PLAN)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=240)
    parser.add_argument("--keep", action="store_true", help="keep the Easel home for a look afterwards")
    args = parser.parse_args()
    easel = os.path.abspath(args.easel)
    workdir = Path(tempfile.mkdtemp(prefix="easel-soak-"))
    home = workdir / "home"
    sandbox, origin = start_sandbox(easel, args.plan, args.seed)
    started = time.monotonic()
    try:
        env = environment(home, origin)
        with ThreadPoolExecutor(max_workers=args.parallel) as pool:
            jobs = list(pool.map(lambda index: run_job(easel, env, index, args.timeout), range(args.jobs)))
        with urllib.request.urlopen(origin + "/_sandbox/stats", timeout=30) as reply:
            stats = json.load(reply)
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)
    elapsed = time.monotonic() - started

    outcomes = Counter(job["outcome"] for job in jobs)
    duplicates = stats["duplicates"]
    problems: list[str] = []
    database = history_file(home)
    integrity = "no database"
    journalled: set[str] = set()
    if database is not None:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
            for (request,) in connection.execute("SELECT request FROM job"):
                journalled.update(re.findall(r"sbx-soak\d+", request))
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    for job in jobs:
        for path in job["images"]:
            file = Path(path)
            if not file.is_file() or not file.read_bytes()[:8].startswith(SIGNATURES):
                problems.append(f"job {job['index']}: reported image {path} is missing or not an image")
    by_tag = {job["tag"]: job for job in jobs}
    lost = [tag for tag, seen in stats["tags"].items()
            if seen["made"] and tag in by_tag and not by_tag[tag]["images"] and tag not in journalled]
    unclear = [job for job in jobs if job["outcome"] == "unclear"]

    print(f"soak: {args.jobs} jobs across {len(PROVIDERS)} providers in {elapsed:.0f} s, {args.parallel} at a time; "
          f"plan {args.plan}, seed {args.seed}")
    print(f"  sandbox: {stats['requests']} requests, faults " +
          ", ".join(f"{kind} {count}" for kind, count in sorted(stats["faults"].items())))
    print(f"  ok {outcomes['ok']}  failed-clearly {outcomes['failed-clearly']}  "
          f"outcome-unknown {outcomes['outcome-unknown']}  unclear {outcomes['unclear']}")
    per_provider = {provider: Counter(job["outcome"] for job in jobs if job["provider"] == provider) for provider in PROVIDERS}
    for provider, counts in per_provider.items():
        print(f"    {provider:<11} " + "  ".join(f"{name} {counts[name]}" for name in ("ok", "failed-clearly", "outcome-unknown", "unclear")))
    print(f"  duplicate POSTs {len(duplicates)}  images lost {len(lost)}  integrity {integrity}")
    errors = Counter(job["stderr"].splitlines()[-1][:90] if job.get("stderr") else job.get("why", "") for job in jobs
                     if job["outcome"] != "ok")
    for line, count in errors.most_common(12):
        print(f"    {count:4} × {line}")
    for duplicate in duplicates[:10]:
        print(f"  duplicate: {duplicate}")
    for tag in lost[:10]:
        print(f"  lost: {tag} ({by_tag[tag]['provider']}): {by_tag[tag].get('stderr', '')[-200:]}")
    for job in unclear[:10]:
        print(f"  unclear: job {job['index']} ({job['provider']}): {job.get('why')} {job.get('stderr', '')[-300:]!r}")
    for problem in problems[:10]:
        print(f"  {problem}")
    summary = {"jobs": args.jobs, "ok": outcomes["ok"], "failed_clearly": outcomes["failed-clearly"],
               "outcome_unknown": outcomes["outcome-unknown"], "unclear": outcomes["unclear"],
               "duplicate_posts": len(duplicates), "images_lost": len(lost), "integrity": integrity,
               "problems": len(problems), "faults": stats["faults"], "seconds": round(elapsed, 1)}
    print(json.dumps(summary))
    if args.keep:
        print(f"  kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    failed = duplicates or lost or problems or unclear
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

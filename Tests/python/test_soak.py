"""The fast part of `make soak`: 50 jobs across every provider at 20 % faults.

bench/soak.py runs `easel generate` against `easel sandbox --faults`, then checks what the
sandbox counted against what Easel kept: no generation POST handled twice for one job, no image
the sandbox made without an image or a journalled job in Easel, a sound history database, and
every job ending clearly (no crash, hang or raw control byte).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sandbox_support import easel_binary

SOAK = Path(__file__).resolve().parents[2] / "bench" / "soak.py"


def test_fifty_jobs_at_twenty_percent_faults_lose_nothing_and_send_nothing_twice():
    jobs = os.environ.get("EASEL_SOAK_JOBS", "50")
    result = subprocess.run(
        [sys.executable, str(SOAK), "--easel", easel_binary(), "--jobs", jobs, "--seed", "5", "--timeout", "120"],
        capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
    output = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, output[-4000:] + result.stderr.decode("utf-8", "replace")[-2000:]
    summary = json.loads(output.strip().splitlines()[-1])
    assert summary["jobs"] == int(jobs)
    assert summary["duplicate_posts"] == 0 and summary["images_lost"] == 0, output
    assert summary["integrity"] == "ok", output
    assert summary["ok"] + summary["failed_clearly"] + summary["outcome_unknown"] == int(jobs), output
    # The faults really happened, and most jobs still came through.
    assert sum(summary["faults"].values()) > 0, output
    assert summary["ok"] >= int(jobs) // 2, output

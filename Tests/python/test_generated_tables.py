"""Generated sources match the data they are generated from."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_character_width_tables_are_what_the_unicode_extracts_make():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen-character-width.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr

"""End-to-end tests of `easel show`: images printed to a pipe (half-blocks in 24-bit or 256
colours, forced pixel protocols, tmux wrapping), bad files and flags, and detection against a
fake terminal on a pseudo-terminal that answers the queries — or never answers.

Binary: $EASEL_BIN, else /work/main/.build/debug/easel.
"""

from __future__ import annotations

import base64
import re
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

import fake_terminal_support as fake_terminal
from history_support import clean_environment
from sandbox_support import easel_binary

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def show(args: list[str], env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([easel_binary(), "show", *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=timeout)


def cells(output: str) -> list[list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """Rows of (upper, lower) colours from 24-bit half-block output."""
    rows = []
    for line in output.split("\n"):
        fg = bg = None
        row = []
        position = 0
        while position < len(line):
            match = SGR.match(line, position)
            if match:
                params = [int(p) if p else 0 for p in match.group(1).split(";")]
                i = 0
                while i < len(params):
                    if params[i] in (38, 48) and params[i + 1] == 2:
                        if params[i] == 38:
                            fg = tuple(params[i + 2:i + 5])
                        else:
                            bg = tuple(params[i + 2:i + 5])
                        i += 5
                    else:
                        i += 1
                position = match.end()
                continue
            char = line[position]
            row.append((fg, bg) if char == "▀" else (bg, bg))
            position += 1
        if row:
            rows.append(row)
    return rows


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = clean_environment(tmp_path / "home", COLORTERM="truecolor", TERM="xterm-256color")
    environment.pop("TMUX", None)
    return environment


@pytest.fixture
def halves(tmp_path: Path) -> Path:
    """64×32: left half pure red, right half pure blue."""
    image = Image.new("RGB", (64, 32), (255, 0, 0))
    image.paste((0, 0, 255), (32, 0, 64, 32))
    path = tmp_path / "halves.png"
    image.save(path)
    return path


def test_half_blocks_in_24_bit_keep_the_aspect_and_the_colours(env, halves):
    result = show([str(halves), "--cols", "16", "--rows", "8"], env)
    assert result.returncode == 0, result.stderr
    rows = cells(result.stdout.decode())
    # 2:1 image, cells twice as tall as wide: 16 columns, 4 rows (16 × 8 half-block pixels).
    assert len(rows) == 4 and all(len(row) == 16 for row in rows)
    assert rows[0][0] == ((255, 0, 0), (255, 0, 0))
    assert rows[3][15] == ((0, 0, 255), (0, 0, 255))
    assert result.stderr == b""


def test_without_truecolor_the_256_colour_palette_is_used(env, halves):
    env.pop("COLORTERM")
    result = show([str(halves), "--cols", "16", "--rows", "8"], env)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "38;2;" not in text and "48;2;" not in text
    assert "48;5;196" in text and "48;5;21" in text  # xterm's pure red and pure blue


def test_a_bad_file_is_named_in_one_line_and_the_others_still_print(env, halves, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(halves.read_bytes()[:100])
    missing = tmp_path / "missing.png"
    result = show([str(broken), str(halves), str(missing)], env)
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"easel: {broken}: ") and "incomplete" in errors[0]
    assert errors[1].startswith(f"easel: {missing}: ")
    assert f"{halves}  64×32 PNG" in result.stdout.decode()
    assert len(cells(result.stdout.decode())) > 0


def test_a_huge_declared_size_is_refused_before_decoding(env, tmp_path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    path = tmp_path / "huge.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))
    started = time.monotonic()
    result = show([str(path)], env)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert "100000×100000" in result.stderr.decode() and "8192×8192" in result.stderr.decode()


def test_hostile_file_names_never_reach_the_terminal_raw(env, halves, tmp_path):
    hostile = tmp_path / "evil\x1b]0;pwned\x07.png"
    hostile.write_bytes(b"not an image")
    result = show([str(hostile), str(halves)], env)
    assert result.returncode == 1
    assert b"\x1b]0;" not in result.stderr and b"\x07" not in result.stderr
    assert b"\x1b]0;" not in result.stdout


def test_bad_flags_exit_2_with_one_line(env, halves):
    for args in (["--graphics", "retina"], ["--cols", "0"], ["--background", "red"]):
        result = show([str(halves), *args], env)
        assert result.returncode == 2, args
        assert len(result.stderr.decode().strip().splitlines()) == 1, result.stderr


@pytest.fixture
def diagonal(tmp_path: Path) -> Path:
    """64×64: white above the diagonal, black below: an edge half blocks can only stair-step."""
    image = Image.new("RGB", (64, 64), (0, 0, 0))
    image.putdata([(255, 255, 255) if x > y else (0, 0, 0) for y in range(64) for x in range(64)])
    path = tmp_path / "diagonal.png"
    image.save(path)
    return path


def glyphs(output: str) -> set[str]:
    return set(SGR.sub("", output)) - {"\n"}


@pytest.mark.parametrize("symbols, expected", [
    ("half", {"▀", " "}),
    ("quadrant", set("▘▝▀▖▌▞▛▗▚▐▜▄▙▟ ")),
    ("sextant", {chr(c) for c in range(0x1FB00, 0x1FB3C)} | {"▌", "▐", " "}),
    ("octant", {chr(c) for c in range(0x1CD00, 0x1CDE6)} | set("▘▝▀▖▌▞▛▗▚▐▜▄▙▟▂▆ ")),
])
def test_symbols_choose_the_glyph_set(env, diagonal, symbols, expected):
    result = show([str(diagonal), "--cols", "16", "--rows", "8", "--symbols", symbols], env)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    used = glyphs(text)
    assert used <= expected, used - expected
    assert len(text.strip("\n").split("\n")) == 8
    if symbols != "half":
        # The diagonal crosses cells: some glyph besides the half block and space is used.
        assert used - {"▀", " "}, used


def test_graphics_symbols_uses_the_symbol_set_and_blocks_keeps_to_half_blocks(env, diagonal):
    finer = show([str(diagonal), "--cols", "16", "--rows", "8", "--symbols", "sextant", "--graphics", "symbols"], env)
    assert finer.returncode == 0, finer.stderr
    assert any(0x1FB00 <= ord(c) <= 0x1FB3B for c in glyphs(finer.stdout.decode()))
    half = show([str(diagonal), "--cols", "16", "--rows", "8", "--symbols", "sextant", "--graphics", "blocks"], env)
    assert half.returncode == 0, half.stderr
    assert glyphs(half.stdout.decode()) <= {"▀", " "}
    # The config's `graphics` counts when the flag is absent; the flag wins over it.
    config = Path(env["EASEL_HOME"]) / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('graphics = "blocks"\nsymbols = "sextant"\n')
    assert glyphs(show([str(diagonal), "--cols", "16", "--rows", "8"], env).stdout.decode()) <= {"▀", " "}
    forced = show([str(diagonal), "--cols", "16", "--rows", "8", "--graphics", "iterm2"], env).stdout
    assert forced.startswith(b"\x1b]1337;File=")


def test_symbols_come_from_the_config_and_bad_values_exit_2(env, diagonal):
    config = Path(env["EASEL_HOME"]) / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('symbols = "sextant"\n')
    result = show([str(diagonal), "--cols", "16", "--rows", "8"], env)
    assert result.returncode == 0, result.stderr
    assert any(0x1FB00 <= ord(c) <= 0x1FB3B for c in glyphs(result.stdout.decode()))
    # The flag wins over the config.
    result = show([str(diagonal), "--cols", "16", "--rows", "8", "--symbols", "half"], env)
    assert glyphs(result.stdout.decode()) <= {"▀", " "}
    result = show([str(diagonal), "--symbols", "braille\x1b[2J"], env)
    assert result.returncode == 2
    line = result.stderr.decode()
    assert len(line.strip().splitlines()) == 1 and "\x1b" not in line and "half, quadrant, sextant, octant or auto" in line
    config.write_text('symbols = "tiny"\n')
    result = show([str(diagonal)], env)
    assert result.returncode == 2 and ":1:1" in result.stderr.decode(), result.stderr


def test_auto_on_a_pipe_keeps_half_blocks_even_on_kitty(env, diagonal):
    env["TERM"] = "xterm-kitty"
    result = show([str(diagonal), "--cols", "16", "--rows", "8"], env)
    assert result.returncode == 0, result.stderr
    assert glyphs(result.stdout.decode()) <= {"▀", " "}


def test_forced_pixel_protocols_have_their_documented_form(env, halves):
    kitty = show([str(halves), "--graphics", "kitty", "--cols", "16", "--rows", "8"], env).stdout
    assert kitty.startswith(b"\x1b_Ga=T,f=100,")
    assert b",c=16,r=4" in kitty and kitty.endswith(b"\x1b\\\n")
    payload = b"".join(re.findall(rb"\x1b_G[^;]*;([^\x1b]*)\x1b\\", kitty))
    png = base64.b64decode(payload)
    assert png.startswith(b"\x89PNG")
    iterm = show([str(halves), "--graphics", "iterm", "--cols", "16", "--rows", "8"], env).stdout
    assert iterm.startswith(b"\x1b]1337;File=inline=1;") and b"width=16;height=4" in iterm
    sixel = show([str(halves), "--graphics", "sixel", "--cols", "16", "--rows", "8"], env).stdout
    assert sixel.startswith(b"\x1bP") and b"q\"1;1;" in sixel[:20] and sixel.endswith(b"\x1b\\\n")
    wrapped = show([str(halves), "--graphics", "kitty"], {**env, "TMUX": "/tmp/tmux-0/default,1,0"}).stdout
    assert wrapped.startswith(b"\x1bPtmux;\x1b\x1b_G") and "\U0010EEEE".encode() in wrapped


def run_on_fake_terminal(args: list[str], env: dict[str, str], answer: bytes | None, deadline: float = 20) -> tuple[bytes, float, int]:
    """`easel show ARGS` on a fake terminal (see fake_terminal_support)."""
    return fake_terminal.run(["show", *args], env, answer, deadline)


def test_auto_picks_kitty_when_the_terminal_answers_the_query(env, halves):
    answer = b"\x1b_Gi=31;OK\x1b\\\x1b[?62;22c"
    output, _, code = run_on_fake_terminal([str(halves), "--cols", "16", "--rows", "8"], env, answer)
    assert code == 0
    assert b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\" in output  # the query went out
    assert b"\x1b_Ga=T,f=100," in output


def test_auto_picks_sixel_from_da1_alone(env, halves):
    output, _, code = run_on_fake_terminal([str(halves), "--cols", "16", "--rows", "8"], env, b"\x1b[?62;4;22c")
    assert code == 0
    assert b"\x1bP" in output and b"\x1b_Ga=T" not in output


def test_a_terminal_that_never_answers_cannot_hang_show(env, halves):
    output, elapsed, code = run_on_fake_terminal([str(halves), "--cols", "16", "--rows", "8"], env, None)
    assert code == 0
    assert elapsed < 10
    # Fell back to half-blocks: the halves' colours as cell backgrounds, no kitty or sixel.
    assert b"\x1b[48;2;255;0;0m" in output and b"\x1b[48;2;0;0;255m" in output
    assert b"\x1b_Ga=T" not in output and b"\x1bPq" not in output

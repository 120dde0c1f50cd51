#!/usr/bin/env python3
"""`easel show` against chafa: the same 1024×1024 PNG drawn as half-blocks in 24-bit colour at
160×45 cells, timed side by side in one run, and each output's mean colour error against the
box-filtered source.

    python3 bench/show_bench.py --easel .build/release/easel

Both programs get the same image, the same cell budget and the same colour depth:

    easel show IMAGE --cols 160 --rows 45 --graphics blocks     (COLORTERM=truecolor)
    chafa --symbols vhalf --colors full --size 160x45 IMAGE

Times are wall-clock medians of whole process runs (start-up, decode, scale, output), with the
output read through a pipe. The colour error parses each output back into its cells (upper and
lower pixel of every half block) and compares them with the source averaged over the same
pixel grid, two ways: a box filter in sRGB (Pillow's BOX) and a box filter in linear light.
Error is the mean Euclidean distance in 8-bit sRGB units per pixel (0 = identical).
Prints figures; targets are shown, not enforced. chafa comes from Debian (`apt-get install
chafa`); without it the Easel figures are printed alone.

A second table (issue 17, big images) shows 4096×4096 PNG, JPEG and WebP files in the same
160×45 cells: median wall time and peak RSS (from /usr/bin/time's %M, so the bench's own
memory is not counted) of easel, chafa and timg (`apt-get install timg`) from the same run, and
each one's mean colour error against a linear-light box of the decoded source (numpy).
Targets: easel ≤ 0.5× chafa's time, ≤ 48 MiB peak, colour error ≤ 0.5.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def make_source(path: Path) -> None:
    """A 1024×1024 picture with what makes scaling hard: smooth gradients, hard edges, fine
    stripes and noise."""
    size = 1024
    image = Image.new("RGB", (size, size))
    pixels = image.load()
    for y in range(size):
        for x in range(size):
            pixels[x, y] = (x * 255 // size, y * 255 // size, (x + y) * 255 // (2 * size))
    draw = ImageDraw.Draw(image)
    draw.ellipse((180, 160, 620, 600), fill=(250, 210, 40))
    draw.rectangle((600, 560, 940, 900), fill=(20, 40, 160))
    for i in range(0, 300, 6):
        draw.line((40 + i, 700, 40 + i, 980), fill=(255, 255, 255), width=2)
    for i in range(0, 200, 3):
        draw.line((700, 60 + i, 1000, 60 + i), fill=(0, 0, 0) if i % 2 else (255, 64, 64), width=1)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    image.save(path, compress_level=6)


def cells_of(output: str) -> list[list[tuple[tuple[int, int, int], tuple[int, int, int]]]]:
    """Parses 24-bit SGR half-block output into rows of (upper, lower) colours."""
    rows: list[list[tuple]] = []
    for line in output.split("\n"):
        fg = bg = (0, 0, 0)
        row = []
        position = 0
        while position < len(line):
            match = SGR.match(line, position)
            if match:
                params = [int(p) if p else 0 for p in match.group(1).split(";")]
                i = 0
                while i < len(params):
                    if params[i] == 0:
                        fg = bg = (0, 0, 0)
                        i += 1
                    elif params[i] in (38, 48) and i + 4 < len(params) + 1 and params[i + 1] == 2:
                        colour = tuple(params[i + 2:i + 5])
                        if params[i] == 38:
                            fg = colour
                        else:
                            bg = colour
                        i += 5
                    else:
                        i += 1
                position = match.end()
                continue
            if line[position] == "\x1b":
                # Any other escape sequence (cursor visibility and the like): skip it.
                other = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]").match(line, position)
                position = other.end() if other else position + 1
                continue
            char = line[position]
            if char == "▀":
                row.append((fg, bg))
            elif char == "▄":
                row.append((bg, fg))
            elif char == "█":
                row.append((fg, fg))
            elif char == " ":
                row.append((bg, bg))
            elif char not in "\r":
                row.append((fg, bg))
            position += 1
        if row:
            rows.append(row)
    return rows


def srgb_to_linear(v: float) -> float:
    v /= 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def linear_to_srgb(v: float) -> float:
    v = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return max(0.0, min(255.0, v * 255))


def box_weights(source: int, target: int) -> list[list[tuple[int, float]]]:
    scale = source / target
    weights = []
    for i in range(target):
        low, high = i * scale, (i + 1) * scale
        row = []
        for s in range(int(low), min(source, math.ceil(high))):
            overlap = min(high, s + 1) - max(low, s)
            if overlap > 0:
                row.append((s, overlap / scale))
        weights.append(row)
    return weights


def linear_box(image: Image.Image, width: int, height: int) -> list[list[tuple[float, float, float]]]:
    """The source averaged over a width×height grid in linear light, back in sRGB units."""
    lut = [srgb_to_linear(v) for v in range(256)]
    w, h = image.size
    data = image.tobytes()
    columns = box_weights(w, width)
    horizontal = []
    for y in range(h):
        base = y * w * 3
        row = []
        for weights in columns:
            r = g = b = 0.0
            for s, wt in weights:
                o = base + s * 3
                r += lut[data[o]] * wt
                g += lut[data[o + 1]] * wt
                b += lut[data[o + 2]] * wt
            row.append((r, g, b))
        horizontal.append(row)
    result = []
    for weights in box_weights(h, height):
        row = []
        for x in range(width):
            r = g = b = 0.0
            for s, wt in weights:
                pr, pg, pb = horizontal[s][x]
                r += pr * wt
                g += pg * wt
                b += pb * wt
            row.append((linear_to_srgb(r), linear_to_srgb(g), linear_to_srgb(b)))
        result.append(row)
    return result


def mean_error(rows, reference) -> float:
    total = 0.0
    count = 0
    for y, row in enumerate(rows):
        for x, (upper, lower) in enumerate(row):
            for half, colour in ((0, upper), (1, lower)):
                ry = 2 * y + half
                if ry >= len(reference) or x >= len(reference[ry]):
                    continue
                target = reference[ry][x]
                total += math.sqrt(sum((colour[i] - target[i]) ** 2 for i in range(3)))
                count += 1
    return total / max(1, count)


def timed(command: list[str], env: dict, runs: int) -> tuple[float, str]:
    times = []
    output = ""
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed ({result.returncode}): {result.stderr.decode(errors='replace').strip()}")
        output = result.stdout.decode("utf-8", errors="replace")
    return statistics.median(times), output


def make_big_sources(directory: Path) -> list[Path]:
    """4096×4096 pictures as PNG, JPEG and WebP: gradients with noise (so the PNG is as big as
    a photograph's, ~23 MB), a filled disc and square, white and red/black stripes."""
    import numpy as np

    size = 4096
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    pixels = np.stack([x * 255 / size, y * 255 / size, (x + y) * 255 / (2 * size)], -1)
    pixels += np.random.default_rng(1).normal(0, 6, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse((720, 640, 2480, 2400), fill=(250, 210, 40))
    draw.rectangle((2400, 2240, 3760, 3600), fill=(20, 40, 160))
    for i in range(0, 1200, 24):
        draw.line((160 + i, 2800, 160 + i, 3920), fill=(255, 255, 255), width=8)
    for i in range(0, 800, 12):
        draw.line((2800, 240 + i, 4000, 240 + i), fill=(0, 0, 0) if i % 24 else (255, 64, 64), width=4)
    paths = [directory / "big.png", directory / "big.jpg", directory / "big.webp"]
    image.save(paths[0], compress_level=6)
    image.save(paths[1], quality=90)
    image.save(paths[2], quality=85)
    return paths


def linear_box_numpy(image: Image.Image, width: int, height: int):
    """`linear_box` for big sources: the same area weights as matrices, in numpy."""
    import numpy as np

    def weights(source: int, target: int):
        matrix = np.zeros((target, source), dtype=np.float64)
        for i, row in enumerate(box_weights(source, target)):
            for s, w in row:
                matrix[i, s] = w
        return matrix

    srgb = np.asarray(image.convert("RGB"), dtype=np.float64) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    rows, columns = weights(image.size[1], height), weights(image.size[0], width)
    box = np.einsum("ys,sxc->yxc", rows, np.einsum("xs,ysc->yxc", columns, linear))
    encoded = np.where(box <= 0.0031308, box * 12.92, 1.055 * np.clip(box, 0, None) ** (1 / 2.4) - 0.055)
    return (np.clip(encoded, 0, 1) * 255).tolist()


def timed_with_memory(command: list[str], env: dict, runs: int) -> tuple[float, float, str, float]:
    """Median wall time, largest peak RSS in MiB (None without /usr/bin/time), the output, and
    the median CPU time (user + system, every thread; None without /usr/bin/time): on a loaded
    machine wall time mostly measures the wait for a core, CPU time the work."""
    timer = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    times, peaks, output, cpu = [], [], "", []
    with tempfile.NamedTemporaryFile() as report:
        for _ in range(runs):
            full = [timer, "-f", "%M %U %S", "-o", report.name] + command if timer else command
            started = time.perf_counter()
            result = subprocess.run(full, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            times.append(time.perf_counter() - started)
            if result.returncode != 0:
                raise RuntimeError(f"{command[0]} failed ({result.returncode}): {result.stderr.decode(errors='replace').strip()}")
            output = result.stdout.decode("utf-8", errors="replace")
            if timer:
                fields = Path(report.name).read_text().split()[-3:]
                peaks.append(int(fields[0]) / 1024)
                cpu.append(float(fields[1]) + float(fields[2]))
    return statistics.median(times), (max(peaks) if peaks else None), output, (statistics.median(cpu) if cpu else None)


def big_images(easel: str, runs: int) -> None:
    print("\n## Big images (issue 17): 4096×4096 → 160×45 cells, half-blocks, 24-bit colour")
    print("## targets: easel ≤ 0.5× chafa's time, ≤ 48 MiB peak RSS, colour error ≤ 0.5 (linear box)")
    try:
        import numpy  # noqa: F401
    except ImportError:
        print("numpy is not installed: skipped")
        return
    env = dict(os.environ, COLORTERM="truecolor", TERM="xterm-256color")
    env.pop("TMUX", None)
    programs = [("easel", lambda path: [easel, "show", str(path), "--cols", "160", "--rows", "45", "--graphics", "blocks"])]
    if shutil.which("chafa"):
        programs.append(("chafa", lambda path: [shutil.which("chafa"), "--symbols", "vhalf", "--colors", "full", "--size", "160x45", str(path)]))
    if shutil.which("timg"):
        programs.append(("timg", lambda path: [shutil.which("timg"), "-g160x45", "-ph", str(path)]))
    with tempfile.TemporaryDirectory() as scratch:
        sources = make_big_sources(Path(scratch))
        print(f"{'file':10} {'program':8} {'median ms':>10} {'cpu ms':>7} {'peak MiB':>9} {'error':>6}  cells    vs chafa (wall / cpu)")
        for source in sources:
            decoded = Image.open(source).convert("RGB")
            references: dict = {}
            chafa_time = chafa_cpu = None
            rows_out = []
            for name, command in programs:
                seconds, peak, output, cpu = timed_with_memory(command(source), env, runs)
                cells = cells_of(output)
                grid = (len(cells[0]), len(cells)) if cells else (0, 0)
                if grid not in references and grid[0] > 0:
                    references[grid] = linear_box_numpy(decoded, grid[0], grid[1] * 2)
                error = mean_error(cells, references[grid]) if grid[0] > 0 else float("nan")
                if name == "chafa":
                    chafa_time, chafa_cpu = seconds, cpu
                rows_out.append((name, seconds, peak, error, grid, cpu))
            for name, seconds, peak, error, grid, cpu in rows_out:
                ratio = f"{seconds / chafa_time:.2f}×" if chafa_time else "—"
                if cpu is not None and chafa_cpu:
                    ratio += f" / {cpu / chafa_cpu:.2f}×"
                peak_text = f"{peak:9.1f}" if peak is not None else "      n/a"
                cpu_text = f"{cpu * 1000:7.0f}" if cpu is not None else "    n/a"
                print(f"{source.name:10} {name:8} {seconds * 1000:10.1f} {cpu_text} {peak_text} {error:6.2f}  {grid[0]}×{grid[1]:<5} {ratio}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--easel", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--big-runs", type=int, default=3, help="runs per program for the 4096² files")
    parser.add_argument("--big-only", action="store_true", help="only the 4096² table")
    args = parser.parse_args()
    if args.big_only:
        big_images(args.easel, args.big_runs)
        return 0
    print("\n## easel show vs chafa: 1024×1024 PNG → 160×45 cells, half-blocks, 24-bit colour")
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "source.png"
        make_source(source)
        env = dict(os.environ, COLORTERM="truecolor", TERM="xterm-256color")
        env.pop("TMUX", None)
        easel_time, easel_out = timed([args.easel, "show", str(source), "--cols", "160", "--rows", "45", "--graphics", "blocks"], env, args.runs)
        easel_cells = cells_of(easel_out)
        chafa = shutil.which("chafa")
        chafa_cells = None
        if chafa:
            chafa_time, chafa_out = timed([chafa, "--symbols", "vhalf", "--colors", "full", "--size", "160x45", str(source)], env, args.runs)
            chafa_cells = cells_of(chafa_out)
        columns, rows = len(easel_cells[0]), len(easel_cells)
        image = Image.open(source).convert("RGB")
        srgb_ref_image = image.resize((columns, rows * 2), Image.BOX)
        srgb_ref = [[srgb_ref_image.getpixel((x, y)) for x in range(columns)] for y in range(rows * 2)]
        linear_ref = linear_box(image, columns, rows * 2)
        print(f"easel: median {easel_time * 1000:.1f} ms (n={args.runs}), {len(easel_out.encode())} bytes, {columns}×{rows} cells; "
              f"mean colour error {mean_error(easel_cells, srgb_ref):.2f} (sRGB box) / {mean_error(easel_cells, linear_ref):.2f} (linear box)")
        if chafa_cells is None:
            print("chafa: not installed (apt-get install chafa) — no comparison")
            big_images(args.easel, args.big_runs)
            return 0
        chafa_columns, chafa_rows = len(chafa_cells[0]), len(chafa_cells)
        if (chafa_columns, chafa_rows) != (columns, rows):
            print(f"note: chafa drew {chafa_columns}×{chafa_rows} cells; errors compare each with its own grid")
            chafa_ref_image = image.resize((chafa_columns, chafa_rows * 2), Image.BOX)
            chafa_srgb = [[chafa_ref_image.getpixel((x, y)) for x in range(chafa_columns)] for y in range(chafa_rows * 2)]
            chafa_linear = linear_box(image, chafa_columns, chafa_rows * 2)
        else:
            chafa_srgb, chafa_linear = srgb_ref, linear_ref
        print(f"chafa: median {chafa_time * 1000:.1f} ms (n={args.runs}), {len(chafa_out.encode())} bytes, {chafa_columns}×{chafa_rows} cells; "
              f"mean colour error {mean_error(chafa_cells, chafa_srgb):.2f} (sRGB box) / {mean_error(chafa_cells, chafa_linear):.2f} (linear box)")
        print(f"time ratio easel/chafa: {easel_time / chafa_time:.2f}× [target ≤ 1.0×]")
    big_images(args.easel, args.big_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

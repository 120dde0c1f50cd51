#!/usr/bin/env python3
"""Regenerates the decoder test fixtures in this folder (needs Pillow with WebP support).

Every picture follows a formula that DecoderFixtures.swift repeats, so the tests check
decoded pixels against known values instead of against another decoder. PNG kinds Pillow
cannot write (16-bit RGB, Adam7 interlacing) are assembled by hand with zlib and struct.

    python3 make_fixtures.py            # rewrite the fixtures next to this script
    python3 make_fixtures.py --bench P  # also write a 1024x1024 RGB PNG (level 6) to P for timing
"""
import os
import struct
import sys
import zlib

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
W, H = 33, 17  # odd sizes catch stride and bit-packing mistakes


def rgb(x, y):
    return ((x * 29 + y * 7) & 255, (x * 5 + y * 31) & 255, (x * x + y * 13) & 255)


def alpha(x, y):
    return (x * 17 + y * 11) & 255


def grey(x, y):
    return (x * 7 + y * 19) & 255


def bit(x, y):
    return 255 if (x + y * 3) % 5 < 2 else 0


def sample16(x, y, channel):
    return (x * 2039 + y * 977 + channel * 5003) & 0xFFFF


PALETTE = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (250, 250, 250), (10, 20, 30), (200, 100, 50), (90, 180, 45)]
PALETTE_ALPHA = [0, 128, 200]  # tRNS for the first three entries; the rest are opaque


def palette_index(x, y):
    return (x + y * 3) % len(PALETTE)


# Quadrant colours for lossy formats, which cannot keep a per-pixel pattern exactly.
QUADRANT_RGB = [(200, 40, 40), (40, 180, 60), (30, 60, 200), (230, 220, 90)]
QUADRANT_GREY = [30, 100, 170, 240]
QUADRANT_CMYK = [(0, 200, 200, 20), (200, 0, 180, 30), (180, 120, 0, 10), (0, 0, 0, 0)]
QUADRANT_ALPHA = [255, 128, 0, 60]
QW, QH = 32, 16  # whole 8x8 blocks; quadrants are 16x8


def quadrant(x, y):
    return (1 if x >= QW // 2 else 0) + (2 if y >= QH // 2 else 0)


def image(mode, size, pixel):
    picture = Image.new(mode, size)
    picture.putdata([pixel(x, y) for y in range(size[1]) for x in range(size[0])])
    return picture


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def filtered(rows, bytes_per_pixel):
    """Alternates filter types 0 (None), 1 (Sub) and 2 (Up) so the reader has to undo each."""
    out = bytearray()
    prior = bytes(len(rows[0])) if rows else b""
    for index, raw in enumerate(rows):
        kind = index % 3
        out.append(kind)
        if kind == 0:
            out += raw
        elif kind == 1:
            out += bytes((raw[i] - (raw[i - bytes_per_pixel] if i >= bytes_per_pixel else 0)) & 255 for i in range(len(raw)))
        else:
            out += bytes((raw[i] - prior[i]) & 255 for i in range(len(raw)))
        prior = raw
    return bytes(out)


def png(width, height, bit_depth, colour_type, interlace, idat):
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, interlace)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(idat, 9)) + chunk(b"IEND", b"")


def rgb16_png():
    rows = [b"".join(struct.pack(">HHH", *(sample16(x, y, c) for c in range(3))) for x in range(W)) for y in range(H)]
    return png(W, H, 16, 2, 0, filtered(rows, 6))


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def adam7_png():
    data = b""
    for x0, y0, dx, dy in ADAM7:
        xs = range(x0, W, dx)
        ys = range(y0, H, dy)
        if not xs or not ys:
            continue  # empty passes have no rows at all, not even filter bytes
        rows = [bytes(v for x in xs for v in rgb(x, y)) for y in ys]
        data += filtered(rows, 3)
    return png(W, H, 8, 2, 1, data)


def adam7_with_pypng():
    """Interlaced files from a real encoder (pypng: `pip install pypng`), for the kinds the
    hand-made png_adam7.png does not cover: 16-bit RGBA, palette with tRNS, grey + alpha, and a
    larger picture whose shrinking decodes see every pass."""
    import png as pypng

    def rows(width, height, pixel):
        return [[value for x in range(width) for value in pixel(x, y)] for y in range(height)]

    def save_png(name, width, height, pixel, **options):
        with open(os.path.join(HERE, name), "wb") as handle:
            pypng.Writer(width, height, interlace=True, **options).write(handle, rows(width, height, pixel))

    save_png("png_adam7_rgba16.png", W, H, lambda x, y: tuple(sample16(x, y, c) for c in range(3)) + (alpha(x, y) * 257,),
             greyscale=False, alpha=True, bitdepth=16)
    palette = [colour + ((PALETTE_ALPHA[i],) if i < len(PALETTE_ALPHA) else (255,)) for i, colour in enumerate(PALETTE)]
    save_png("png_adam7_palette.png", W, H, lambda x, y: (palette_index(x, y),), palette=palette, bitdepth=4)
    save_png("png_adam7_grey_alpha.png", W, H, lambda x, y: (grey(x, y), alpha(x, y)), greyscale=True, alpha=True, bitdepth=8)
    save_png("png_adam7_large.png", 181, 97, rgb, greyscale=False, alpha=False, bitdepth=8)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as handle:
        handle.write(data)


def save(picture, name, **options):
    picture.save(os.path.join(HERE, name), **options)


def main():
    save(image("RGB", (W, H), rgb), "png_rgb8.png")
    save(image("RGBA", (W, H), lambda x, y: rgb(x, y) + (alpha(x, y),)), "png_rgba8.png")
    write("png_rgb16.png", rgb16_png())
    palette = image("P", (W, H), palette_index)
    palette.putpalette([v for colour in PALETTE for v in colour])
    save(palette, "png_palette_trns.png", transparency=bytes(PALETTE_ALPHA), bits=4)
    save(image("L", (W, H), grey), "png_grey8.png")
    save(image("LA", (W, H), lambda x, y: (grey(x, y), alpha(x, y))), "png_grey_alpha.png")
    save(image("1", (W, H), bit), "png_grey1.png")
    write("png_adam7.png", adam7_png())
    adam7_with_pypng()

    rgb_quadrants = image("RGB", (QW, QH), lambda x, y: QUADRANT_RGB[quadrant(x, y)])
    save(rgb_quadrants, "jpeg_baseline.jpg", quality=95, subsampling=0)
    save(rgb_quadrants, "jpeg_progressive.jpg", quality=95, subsampling=0, progressive=True)
    save(image("L", (QW, QH), lambda x, y: QUADRANT_GREY[quadrant(x, y)]), "jpeg_grey.jpg", quality=95)
    # Pillow writes CMYK inverted with an Adobe APP14 marker, as Photoshop does.
    save(image("CMYK", (QW, QH), lambda x, y: QUADRANT_CMYK[quadrant(x, y)]), "jpeg_cmyk.jpg", quality=95)

    save(rgb_quadrants, "webp_lossy.webp", quality=90)
    save(image("RGB", (W, H), rgb), "webp_lossless.webp", lossless=True)
    rgba = image("RGBA", (W, H), lambda x, y: rgb(x, y) + (alpha(x, y),))
    save(rgba, "webp_alpha.webp", lossless=True, exact=True)
    lossy_alpha = image("RGBA", (QW, QH), lambda x, y: QUADRANT_RGB[quadrant(x, y)] + (QUADRANT_ALPHA[quadrant(x, y)],))
    save(lossy_alpha, "webp_lossy_alpha.webp", quality=90, alpha_quality=100)
    first = Image.new("RGBA", (16, 12), (250, 30, 20, 255))
    second = Image.new("RGBA", (16, 12), (20, 30, 250, 255))
    save(first, "webp_animated.webp", save_all=True, append_images=[second], duration=100, loop=0, lossless=True)

    if "--bench" in sys.argv:
        path = sys.argv[sys.argv.index("--bench") + 1]
        # A smooth gradient with texture, roughly as compressible as a generated picture.
        bench = image("RGB", (1024, 1024), lambda x, y: ((x + (y * x) % 37) & 255, (y * 3 + x // 5) & 255, ((x ^ y) + x // 3) & 255))
        bench.save(path, compress_level=6)


if __name__ == "__main__":
    main()

#ifndef EASEL_JPEG_SHIM_H
#define EASEL_JPEG_SHIM_H

/*
 * Why this shim exists: libjpeg reports errors through an error_exit callback
 * that must never return, and Swift can neither setjmp nor longjmp. These
 * functions run libjpeg behind a setjmp so every failure comes back as a
 * status code plus libjpeg's own message, and the process never exits.
 *
 * The header deliberately avoids <jpeglib.h>, so Swift sees only plain C
 * types and never needs libjpeg's header-order quirks.
 */

#include <stddef.h>

/* libjpeg formats messages into at most JMSG_LENGTH_MAX (200) bytes. */
#define EASEL_JPEG_MESSAGE_CAPACITY 200

/* Outcome of a shim call; anything but EASEL_JPEG_OK leaves a message. */
typedef enum easel_jpeg_status {
    EASEL_JPEG_OK = 0,
    EASEL_JPEG_INVALID_ARGUMENT = 1,
    EASEL_JPEG_LIBRARY_ERROR = 2,
    EASEL_JPEG_TOO_MANY_PIXELS = 3,
    EASEL_JPEG_OUT_OF_MEMORY = 4,
    /* The data ended early (libjpeg's JWRN_JPEG_EOF); only easel_jpeg_decode_rgb reports it. */
    EASEL_JPEG_TRUNCATED = 5
} easel_jpeg_status;

/*
 * Compresses row-major RGB8 pixels (width * height * 3 bytes) to a baseline
 * JPEG. On success *out_jpeg is a malloc'd buffer of *out_size bytes that the
 * caller releases with easel_jpeg_free. quality must be in 1...100.
 */
easel_jpeg_status easel_jpeg_compress_rgb(
    const unsigned char *pixels, int width, int height, int quality,
    unsigned char **out_jpeg, size_t *out_size,
    char *message, size_t message_capacity);

/*
 * Decompresses a JPEG to row-major RGB8. Images with more than max_pixels
 * pixels are refused after reading only the header, so hostile files cannot
 * make us allocate gigabytes. On success *out_pixels is a malloc'd buffer of
 * (*out_width) * (*out_height) * 3 bytes, released with easel_jpeg_free.
 */
easel_jpeg_status easel_jpeg_decompress_rgb(
    const unsigned char *jpeg, size_t jpeg_size, size_t max_pixels,
    unsigned char **out_pixels, int *out_width, int *out_height,
    char *message, size_t message_capacity);

/* The colour space the file was stored in, as libjpeg understood it. */
typedef enum easel_jpeg_color_model {
    EASEL_JPEG_COLOR_UNKNOWN = 0,
    EASEL_JPEG_COLOR_GRAY = 1,
    EASEL_JPEG_COLOR_YCBCR = 2,
    EASEL_JPEG_COLOR_RGB = 3,
    EASEL_JPEG_COLOR_CMYK = 4,
    EASEL_JPEG_COLOR_YCCK = 5
} easel_jpeg_color_model;

/* Caps easel_jpeg_decode_rgb enforces inside libjpeg; all must be at least 1. */
typedef struct easel_jpeg_limits {
    unsigned int max_width;
    unsigned int max_height;
    size_t max_pixels;
    /* Bound on libjpeg's large buffers (the whole-image coefficients of progressive files). */
    size_t max_memory;
    /* Progressive files with thousands of tiny scans take minutes to decode; refuse them. */
    int max_scans;
} easel_jpeg_limits;

/* What the file said about itself; filled as far as the header was read. */
typedef struct easel_jpeg_info {
    unsigned int width;
    unsigned int height;
    /* Components in the file: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK. */
    int components;
    easel_jpeg_color_model color_model;
    /* Non-zero for progressive (SOF2) files. */
    int progressive;
    /* Non-zero when an Adobe APP14 marker was seen; for CMYK it means the inks are inverted. */
    int adobe_marker;
    /* Warnings libjpeg raised and we let pass (e.g. extraneous bytes before a marker). */
    int warning_count;
} easel_jpeg_info;

/*
 * Where decoded pixels go. start() is called with the output size (after any
 * scaling) once the header passed the caps, before pixel memory is allocated:
 * it returns a buffer of width * height * 4 bytes to fill in place, or NULL to
 * receive one RGBA row at a time through row(). `interlaced` is always 0 here
 * (the PNG shim's sink shares the signature). Setting *stop gives up.
 */
typedef struct easel_jpeg_sink {
    void *context;
    unsigned char *(*start)(void *context, unsigned int width, unsigned int height, int interlaced, int *stop);
    void (*row)(void *context, unsigned int y, const unsigned char *rgba);
} easel_jpeg_sink;

/*
 * Decompresses baseline, progressive, greyscale, RGB, CMYK and YCCK JPEGs to
 * row-major opaque RGBA8, shrunk by 1/scale_denom (1, 2, 4 or 8) inside
 * libjpeg's inverse DCT when asked. The declared size is checked against the
 * limits right after the header is read, before anything proportional to it
 * is allocated. Unlike easel_jpeg_decompress_rgb, data that ends early is an
 * error (EASEL_JPEG_TRUNCATED) instead of an image padded with grey. *out_info
 * is filled whenever the header was read (width and height are the output's
 * on success, the file's otherwise).
 */
easel_jpeg_status easel_jpeg_decode(
    const unsigned char *jpeg, size_t jpeg_size, easel_jpeg_limits limits, int scale_denom,
    easel_jpeg_sink sink, easel_jpeg_info *out_info, char *message, size_t message_capacity);

/* Releases a buffer returned by the functions above. */
void easel_jpeg_free(void *buffer);

#endif

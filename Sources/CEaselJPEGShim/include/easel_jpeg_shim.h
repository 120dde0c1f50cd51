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
    EASEL_JPEG_OUT_OF_MEMORY = 4
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

/* Releases a buffer returned by the functions above. */
void easel_jpeg_free(void *buffer);

#endif

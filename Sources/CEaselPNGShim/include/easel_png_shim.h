#ifndef EASEL_PNG_SHIM_H
#define EASEL_PNG_SHIM_H

/*
 * Why this shim exists: libpng's classic read API reports errors by calling an
 * error function that must not return, and it unwinds with longjmp. Swift can
 * neither setjmp nor survive a longjmp through its frames, so the whole read
 * runs here behind a setjmp and every failure comes back as a status code plus
 * libpng's own message. The process never exits and nothing is printed.
 *
 * The classic API is used (rather than the simplified png_image one the encoder
 * uses) because only it exposes png_set_user_limits and
 * png_set_chunk_malloc_max, which cap what a hostile file can make us allocate.
 *
 * The header avoids <png.h>, so Swift sees only plain C types.
 */

#include <stddef.h>

/* Room for libpng's messages, which are short, plus our own. */
#define EASEL_PNG_MESSAGE_CAPACITY 200

/* Outcome of a decode; anything but EASEL_PNG_OK leaves a message. */
typedef enum easel_png_status {
    EASEL_PNG_OK = 0,
    EASEL_PNG_INVALID_ARGUMENT = 1,
    /* libpng rejected the data (bad chunk, bad CRC in a critical chunk, zlib error...). */
    EASEL_PNG_LIBRARY_ERROR = 2,
    /* The data ended before libpng had read everything it needed. */
    EASEL_PNG_TRUNCATED = 3,
    /* The declared size is over the caller's width, height or pixel caps. */
    EASEL_PNG_TOO_LARGE = 4,
    EASEL_PNG_OUT_OF_MEMORY = 5
} easel_png_status;

/* Caps a decode enforces inside libpng; all must be at least 1. */
typedef struct easel_png_limits {
    unsigned int max_width;
    unsigned int max_height;
    size_t max_pixels;
    /* Largest single ancillary chunk libpng may allocate (iCCP, zTXt, ...). */
    size_t max_chunk_bytes;
} easel_png_limits;

/* What the file said about itself; filled as far as the header was read. */
typedef struct easel_png_info {
    unsigned int width;
    unsigned int height;
    /* 1, 2, 4, 8 or 16. */
    int bit_depth;
    /* The PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
    int color_type;
    /* Non-zero for Adam7. */
    int interlaced;
    /* Non-zero when a tRNS chunk adds transparency to a type without alpha. */
    int has_transparency_chunk;
    /* How many warnings libpng raised and we ignored (bad ancillary CRCs...). */
    int warning_count;
    /* How many bytes of the data libpng asked for: shows a decode stopped where the rows did. */
    size_t bytes_consumed;
} easel_png_info;

/*
 * Where decoded pixels go. start() is called once the size is read and within
 * the caps, before any pixel memory is allocated: it returns a buffer of
 * width * height * 4 bytes for libpng to fill in place, or NULL to receive the
 * picture a row at a time (so a caller that shrinks the picture never holds it
 * whole). `interlaced` says an Adam7 picture will then come as its seven
 * passes' rows through pass_row() (each row's pixels for columns first,
 * first + step, ...), never assembled at full size; other pictures come
 * through row(), top to bottom. Setting *stop gives up (out of memory).
 */
typedef struct easel_png_sink {
    void *context;
    unsigned char *(*start)(void *context, unsigned int width, unsigned int height, int interlaced, int *stop);
    void (*row)(void *context, unsigned int y, const unsigned char *rgba);
    void (*pass_row)(void *context, unsigned int y, unsigned int first, unsigned int step, unsigned int count,
                     const unsigned char *rgba);
} easel_png_sink;

/*
 * Decodes a whole PNG held in memory to row-major, straight-alpha RGBA8 for
 * every colour type and bit depth (16-bit samples are rounded to 8 bits;
 * palette and tRNS are expanded; Adam7 is de-interlaced), handing the pixels to
 * `sink`. Reading stops where the header's rows end (for Adam7, the last row
 * of its last pass): image data beyond them is not inflated (past one 8 KiB
 * read), and
 * the rest of the file is only checked to be whole (every chunk complete, up to
 * IEND). *out_info is filled whenever the header was
 * read, including when the size was refused.
 */
easel_png_status easel_png_decode(
    const unsigned char *png, size_t png_size, easel_png_limits limits, easel_png_sink sink,
    easel_png_info *out_info, char *message, size_t message_capacity);

/*
 * easel_png_decode for the open file `fd` of `file_size` bytes, read with
 * pread as libpng asks (8 KiB at a time), so a shrinking decode of a 20 MB
 * file never holds the file either. The descriptor is left open.
 */
easel_png_status easel_png_decode_file(
    int fd, size_t file_size, easel_png_limits limits, easel_png_sink sink,
    easel_png_info *out_info, char *message, size_t message_capacity);

#endif

#include "easel_png_shim.h"

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

/*
 * Everything a decode touches lives here, on the heap, owned by the caller of
 * the function that calls setjmp. C leaves that function's own locals
 * indeterminate after a longjmp, so keeping state in this struct is what makes
 * the cleanup after an error well defined.
 */
struct read_job {
    png_structp png;
    png_infop info;
    /* The PNG in memory, or (data NULL) the open file `fd` of `size` bytes, read as needed. */
    const unsigned char *data;
    int fd;
    size_t size;
    size_t offset;
    /* Set by the read callback when libpng asks for bytes past the end. */
    int ran_out;
    /* Set once libpng holds the last row's data: any further read is stopped (see easel_png_read). */
    int rows_done;
    /* Set when a read was refused because the rows were done: the decode succeeded. */
    int stopped_after_rows;
    /* Non-zero while rows are handed to the sink one at a time from job->pixels. */
    int streaming;
    /* Non-zero while libpng assembles Adam7 passes into full rows (png_set_interlace_handling). */
    int deinterlacing;
    /* The last Adam7 pass holding pixels, and the last row (of the image) it fills. */
    int last_pass;
    png_uint_32 last_pass_row;
    /* The pass row being read while streaming Adam7 passes, to hand over after a stop. */
    png_uint_32 pass_y, pass_first, pass_step, pass_count;
    easel_png_limits limits;
    easel_png_sink sink;
    easel_png_info summary;
    /* One row of our own, for pictures streamed to the sink. */
    unsigned char *pixels;
    png_bytep *rows;
    char message[EASEL_PNG_MESSAGE_CAPACITY];
};

static void copy_message(char *destination, size_t capacity, const char *text) {
    if (destination == NULL || capacity == 0) {
        return;
    }
    snprintf(destination, capacity, "%s", text);
}

/* Replaces libpng's default, which prints to stderr (scribbling over the curses screen). */
static void easel_png_error(png_structp png, png_const_charp text) {
    struct read_job *job = (struct read_job *)png_get_error_ptr(png);
    copy_message(job->message, sizeof job->message, text);
    png_longjmp(png, 1);
}

/* Warnings (bad ancillary CRCs, oversized metadata chunks) are counted, never fatal. */
static void easel_png_warning(png_structp png, png_const_charp text) {
    (void)text;
    struct read_job *job = (struct read_job *)png_get_error_ptr(png);
    job->summary.warning_count += 1;
}

/*
 * Copies `length` bytes at `offset` from the PNG, in memory or in the file (a
 * file is never held whole: libpng asks for at most a chunk's 8 KiB at a time).
 * Returns how many bytes it got; fewer means the data ended.
 */
static size_t read_at(struct read_job *job, size_t offset, unsigned char *destination, size_t length) {
    if (offset > job->size || length > job->size - offset) {
        length = offset > job->size ? 0 : job->size - offset;
    }
    if (job->data != NULL) {
        memcpy(destination, job->data + offset, length);
        return length;
    }
    size_t done = 0;
    while (done < length) {
        ssize_t count = pread(job->fd, destination + done, length - done, (off_t)(offset + done));
        if (count > 0) {
            done += (size_t)count;
        } else if (count == 0 || errno != EINTR) {
            break;
        }
    }
    return done;
}

/*
 * Feeds libpng from the caller's buffer or file; running out is reported as truncation.
 * Once the last row is in, libpng (png_read_finish_row → png_read_finish_IDAT)
 * would inflate every byte of image data that follows just to warn "Too much
 * image data": a 16x16 header over 1 GiB of IDAT took seconds. Its next read
 * is refused instead, at most one IDAT read (8 KiB) past the rows.
 */
static void easel_png_read(png_structp png, png_bytep destination, size_t length) {
    struct read_job *job = (struct read_job *)png_get_io_ptr(png);
    if (job->rows_done) {
        job->stopped_after_rows = 1;
        png_error(png, "stopped after the last row");
    }
    if (length > job->size - job->offset || read_at(job, job->offset, destination, length) != length) {
        job->ran_out = 1;
        png_error(png, "the PNG data ends early");
    }
    job->offset += length;
}

/*
 * A user transform runs on every row after its data is inflated and before
 * libpng's end-of-image step, so it marks the moment the rows are all in. For
 * Adam7 that is the last row of the last pass with pixels; libpng numbers rows
 * by the image while it deinterlaces, and by the pass (sub-image) otherwise.
 */
static void note_row(png_structp png, png_row_infop row_info, png_bytep data) {
    (void)row_info;
    (void)data;
    struct read_job *job = (struct read_job *)png_get_io_ptr(png);
    png_uint_32 row = png_get_current_row_number(png);
    if (!job->summary.interlaced) {
        if (row + 1 >= job->summary.height) {
            job->rows_done = 1;
        }
        return;
    }
    if (png_get_current_pass_number(png) != job->last_pass) {
        return;
    }
    png_uint_32 image_row = job->deinterlacing ? row : PNG_ROW_FROM_PASS_ROW(row, job->last_pass);
    if (image_row >= job->last_pass_row) {
        job->rows_done = 1;
    }
}

/* Finds the last Adam7 pass that holds any pixel (libpng skips empty ones) and its last row. */
static void find_last_pass(struct read_job *job) {
    png_uint_32 width = job->summary.width, height = job->summary.height;
    for (int pass = 6; pass >= 0; pass--) {
        if (PNG_PASS_COLS(width, pass) != 0 && PNG_PASS_ROWS(height, pass) != 0) {
            job->last_pass = pass;
            job->last_pass_row = PNG_ROW_FROM_PASS_ROW(PNG_PASS_ROWS(height, pass) - 1, pass);
            return;
        }
    }
}

/* Decides what a longjmp back to run_decode meant. */
static easel_png_status classify_failure(struct read_job *job) {
    if (job->ran_out) {
        return EASEL_PNG_TRUNCATED;
    }
    /*
     * png_set_IHDR stores the declared size before png_check_IHDR refuses it
     * with the generic "Invalid IHDR data", so the size is still readable here
     * and tells a user limit apart from a malformed header.
     */
    png_uint_32 width = png_get_image_width(job->png, job->info);
    png_uint_32 height = png_get_image_height(job->png, job->info);
    if (width > job->limits.max_width || height > job->limits.max_height) {
        job->summary.width = width;
        job->summary.height = height;
        snprintf(job->message, sizeof job->message,
                 "PNG is %ux%u, over the %ux%u limit",
                 (unsigned)width, (unsigned)height,
                 job->limits.max_width, job->limits.max_height);
        return EASEL_PNG_TOO_LARGE;
    }
    if (strncmp(job->message, "Out of memory", 13) == 0) {
        return EASEL_PNG_OUT_OF_MEMORY;
    }
    return EASEL_PNG_LIBRARY_ERROR;
}

/* Asks libpng to turn every colour type and bit depth into 8-bit RGBA. */
static void request_rgba(struct read_job *job) {
    png_structp png = job->png;
    int color_type = job->summary.color_type;
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && job->summary.bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if (job->summary.has_transparency_chunk) {
        png_set_tRNS_to_alpha(png);
    }
    if (job->summary.bit_depth == 16) {
        /* scale_16 rounds to the nearest 8-bit value; strip_16 would just drop the low byte. */
        png_set_scale_16(png);
    }
    if ((color_type & PNG_COLOR_MASK_COLOR) == 0) {
        png_set_gray_to_rgb(png);
    }
    if ((color_type & PNG_COLOR_MASK_ALPHA) == 0 && !job->summary.has_transparency_chunk) {
        png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    }
}

static uint32_t big_endian_32(const unsigned char *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | (uint32_t)bytes[3];
}

/*
 * Runs once the header's rows are read, instead of png_read_end (which would
 * read on through any surplus image data). The surplus is ignored unread; what
 * a cut file must still fail is checked from the chunk framing alone: every
 * chunk whole, up to an IEND.
 */
static easel_png_status check_complete(struct read_job *job) {
    size_t offset = 8;
    unsigned char header[8];
    while (job->size - offset >= 12 && read_at(job, offset, header, 8) == 8) {
        size_t length = big_endian_32(header);
        if (length > job->size - offset - 12) {
            break;
        }
        if (memcmp(header + 4, "IEND", 4) == 0) {
            return EASEL_PNG_OK;
        }
        offset += 12 + length;
    }
    snprintf(job->message, sizeof job->message, "the PNG data ends early");
    return EASEL_PNG_TRUNCATED;
}

static easel_png_status run_decode(struct read_job *job) {
    if (setjmp(png_jmpbuf(job->png))) {
        if (job->stopped_after_rows) {
            /* The last row was combined before the refused read; a streamed one still goes out. */
            if (job->streaming && job->summary.interlaced) {
                job->sink.pass_row(job->sink.context, job->pass_y, job->pass_first, job->pass_step,
                                   job->pass_count, job->pixels);
            } else if (job->streaming) {
                job->sink.row(job->sink.context, job->summary.height - 1, job->pixels);
            }
            return check_complete(job);
        }
        return classify_failure(job);
    }
    png_set_read_fn(job->png, job, easel_png_read);
    png_set_user_limits(job->png, job->limits.max_width, job->limits.max_height);
    png_set_chunk_malloc_max(job->png, job->limits.max_chunk_bytes);
#if defined(PNG_IGNORE_ADLER32) && defined(PNG_SET_OPTION_SUPPORTED)
    /*
     * The stream's ADLER32 sits after the last row, where reading stops (see
     * easel_png_read), so it was never compared; zlib still summed every
     * inflated byte for it (5% of a big decode). Chunk CRCs are still checked.
     */
    (void)png_set_option(job->png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    png_read_info(job->png, job->info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(job->png, job->info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    job->summary.width = width;
    job->summary.height = height;
    job->summary.bit_depth = bit_depth;
    job->summary.color_type = color_type;
    job->summary.interlaced = interlace != PNG_INTERLACE_NONE;
    job->summary.has_transparency_chunk = png_get_valid(job->png, job->info, PNG_INFO_tRNS) != 0;

    /* libpng caps each side but not their product; check it before allocating pixels. */
    uint64_t pixel_count = (uint64_t)width * (uint64_t)height;
    if (pixel_count > (uint64_t)job->limits.max_pixels || pixel_count > SIZE_MAX / 4) {
        snprintf(job->message, sizeof job->message,
                 "PNG is %ux%u, more than the %zu pixels allowed",
                 (unsigned)width, (unsigned)height, job->limits.max_pixels);
        return EASEL_PNG_TOO_LARGE;
    }

    request_rgba(job);
    png_set_read_user_transform_fn(job->png, note_row);
    if (job->summary.interlaced) {
        find_last_pass(job);
    }
    int stop = 0;
    unsigned char *destination = job->sink.start(job->sink.context, width, height, job->summary.interlaced, &stop);
    if (stop) {
        snprintf(job->message, sizeof job->message, "out of memory");
        return EASEL_PNG_OUT_OF_MEMORY;
    }
    if (destination != NULL && job->summary.interlaced) {
        /* In place, libpng assembles the seven passes in the caller's buffer. */
        job->deinterlacing = 1;
        (void)png_set_interlace_handling(job->png);
    }
    png_read_update_info(job->png, job->info);
    size_t stride = (size_t)width * 4;
    if (png_get_rowbytes(job->png, job->info) != stride) {
        snprintf(job->message, sizeof job->message,
                 "libpng produced %zu-byte rows instead of %zu",
                 (size_t)png_get_rowbytes(job->png, job->info), stride);
        return EASEL_PNG_LIBRARY_ERROR;
    }

    if (destination == NULL) {
        /* Streaming: one row of our own, handed over as soon as libpng fills it. */
        job->pixels = malloc(stride);
        if (job->pixels == NULL) {
            snprintf(job->message, sizeof job->message, "out of memory");
            return EASEL_PNG_OUT_OF_MEMORY;
        }
        job->streaming = 1;
        if (!job->summary.interlaced) {
            for (png_uint_32 y = 0; y < height; y++) {
                png_read_row(job->png, job->pixels, NULL);
                job->sink.row(job->sink.context, y, job->pixels);
            }
            return check_complete(job);
        }
        /* Each pass as the sub-image it is; the sink places its pixels, so none is held twice. */
        for (int pass = 0; pass < 7; pass++) {
            png_uint_32 columns = PNG_PASS_COLS(width, pass);
            png_uint_32 rows = PNG_PASS_ROWS(height, pass);
            if (columns == 0 || rows == 0) {
                continue;
            }
            job->pass_first = PNG_PASS_START_COL(pass);
            job->pass_step = 1u << PNG_PASS_COL_SHIFT(pass);
            job->pass_count = columns;
            for (png_uint_32 row = 0; row < rows; row++) {
                job->pass_y = PNG_ROW_FROM_PASS_ROW(row, pass);
                png_read_row(job->png, job->pixels, NULL);
                job->sink.pass_row(job->sink.context, job->pass_y, job->pass_first, job->pass_step, columns, job->pixels);
            }
        }
        return check_complete(job);
    }
    job->rows = malloc(sizeof(png_bytep) * height);
    if (job->rows == NULL) {
        snprintf(job->message, sizeof job->message, "out of memory");
        return EASEL_PNG_OUT_OF_MEMORY;
    }
    for (png_uint_32 y = 0; y < height; y++) {
        job->rows[y] = destination + (size_t)y * stride;
    }
    png_read_image(job->png, job->rows);
    return check_complete(job);
}

/* The decode behind both entry points: `png` in memory, or NULL and the file `fd`. */
static easel_png_status decode_source(
    const unsigned char *png, int fd, size_t png_size, easel_png_limits limits, easel_png_sink sink,
    easel_png_info *out_info, char *message, size_t message_capacity) {
    if (out_info == NULL || png_size == 0 || sink.start == NULL || sink.row == NULL
        || sink.pass_row == NULL
        || limits.max_width == 0 || limits.max_height == 0 || limits.max_pixels == 0
        || limits.max_chunk_bytes == 0) {
        copy_message(message, message_capacity, "invalid arguments to PNG decoding");
        return EASEL_PNG_INVALID_ARGUMENT;
    }
    memset(out_info, 0, sizeof *out_info);

    struct read_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        copy_message(message, message_capacity, "out of memory");
        return EASEL_PNG_OUT_OF_MEMORY;
    }
    job->data = png;
    job->fd = fd;
    job->size = png_size;
    job->limits = limits;
    job->sink = sink;
    job->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, job, easel_png_error, easel_png_warning);
    if (job->png != NULL) {
        job->info = png_create_info_struct(job->png);
    }
    if (job->png == NULL || job->info == NULL) {
        png_destroy_read_struct(job->png != NULL ? &job->png : NULL, NULL, NULL);
        free(job);
        copy_message(message, message_capacity, "libpng could not start (out of memory)");
        return EASEL_PNG_OUT_OF_MEMORY;
    }

    easel_png_status status = run_decode(job);
    job->summary.bytes_consumed = job->offset;
    png_destroy_read_struct(&job->png, &job->info, NULL);
    free(job->rows);
    free(job->pixels);
    *out_info = job->summary;
    if (status != EASEL_PNG_OK) {
        copy_message(message, message_capacity, job->message);
    }
    free(job);
    return status;
}

easel_png_status easel_png_decode(
    const unsigned char *png, size_t png_size, easel_png_limits limits, easel_png_sink sink,
    easel_png_info *out_info, char *message, size_t message_capacity) {
    if (png == NULL) {
        copy_message(message, message_capacity, "invalid arguments to PNG decoding");
        return EASEL_PNG_INVALID_ARGUMENT;
    }
    return decode_source(png, -1, png_size, limits, sink, out_info, message, message_capacity);
}

easel_png_status easel_png_decode_file(
    int fd, size_t file_size, easel_png_limits limits, easel_png_sink sink,
    easel_png_info *out_info, char *message, size_t message_capacity) {
    if (fd < 0) {
        copy_message(message, message_capacity, "invalid arguments to PNG decoding");
        return EASEL_PNG_INVALID_ARGUMENT;
    }
    return decode_source(NULL, fd, file_size, limits, sink, out_info, message, message_capacity);
}

/*
 * The hardened decoder behind easel_jpeg_decode_rgb: size caps, a scan cap,
 * CMYK/YCCK conversion and truncation as an error. It has its own error
 * manager so the older easel_jpeg_decompress_rgb keeps its exact behaviour.
 */
#include "easel_jpeg_shim.h"

/* jpeglib.h uses FILE and size_t without including their headers itself. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <setjmp.h>
#include <jpeglib.h>
/* jpeglib.h only pulls in the message codes (JWRN_JPEG_EOF) for libjpeg's own sources. */
#include <jerror.h>

/* An error manager that escapes back to our code and can escalate chosen warnings. */
struct decode_error_manager {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
    easel_jpeg_status failure;
    int warning_count;
};

/* A progress monitor that knows the scan cap. */
struct scan_guard {
    struct jpeg_progress_mgr base;
    int max_scans;
};

/* Everything a decode touches lives here, so it stays defined after a longjmp. */
struct decode_job {
    struct decode_error_manager errors;
    struct scan_guard guard;
    struct jpeg_decompress_struct cinfo;
    const unsigned char *jpeg;
    size_t jpeg_size;
    easel_jpeg_limits limits;
    int scale_denom;
    easel_jpeg_sink sink;
    easel_jpeg_info info;
};

static void copy_text(char *destination, size_t capacity, const char *text) {
    if (destination == NULL || capacity == 0) {
        return;
    }
    snprintf(destination, capacity, "%s", text);
}

/* Replaces libjpeg's exit(): keep the message, then jump back to the caller. */
static void decode_error_exit(j_common_ptr cinfo) {
    struct decode_error_manager *errors = (struct decode_error_manager *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, errors->message);
    errors->failure = EASEL_JPEG_LIBRARY_ERROR;
    longjmp(errors->escape, 1);
}

/*
 * libjpeg only warns when the data runs out (JWRN_JPEG_EOF) and then feeds
 * itself a fake end-of-image, so a cut file would "decode" with its missing
 * part painted grey. That warning is turned into an error here; other warnings
 * (such as extraneous bytes before a marker, common in real files) are
 * counted and otherwise ignored, and nothing is printed over the screen.
 */
static void decode_emit_message(j_common_ptr cinfo, int level) {
    struct decode_error_manager *errors = (struct decode_error_manager *)cinfo->err;
    if (level >= 0) {
        return; /* trace messages */
    }
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
        copy_text(errors->message, sizeof errors->message, "the JPEG data ends early");
        errors->failure = EASEL_JPEG_TRUNCATED;
        longjmp(errors->escape, 1);
    }
    errors->warning_count += 1;
}

/* Refuses files with more scans than allowed; progressive "scan bombs" otherwise take minutes. */
static void guard_scans(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) {
        return;
    }
    j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
    struct scan_guard *guard = (struct scan_guard *)cinfo->progress;
    if (dinfo->input_scan_number > guard->max_scans) {
        struct decode_error_manager *errors = (struct decode_error_manager *)cinfo->err;
        snprintf(errors->message, sizeof errors->message,
                 "the JPEG has more than %d scans", guard->max_scans);
        errors->failure = EASEL_JPEG_LIBRARY_ERROR;
        longjmp(errors->escape, 1);
    }
}

static easel_jpeg_color_model color_model_of(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return EASEL_JPEG_COLOR_GRAY;
    case JCS_YCbCr: return EASEL_JPEG_COLOR_YCBCR;
    case JCS_RGB: return EASEL_JPEG_COLOR_RGB;
    case JCS_CMYK: return EASEL_JPEG_COLOR_CMYK;
    case JCS_YCCK: return EASEL_JPEG_COLOR_YCCK;
    default: return EASEL_JPEG_COLOR_UNKNOWN;
    }
}

/* (a * b) / 255 rounded to nearest, for 8-bit a and b. */
static unsigned char multiply_255(unsigned a, unsigned b) {
    unsigned product = a * b + 128;
    return (unsigned char)((product + (product >> 8)) >> 8);
}

/*
 * Converts one row of CMYK to RGB with the plain subtractive model
 * R = (1 - C)(1 - K) and so on. Adobe applications (and Pillow, which follows
 * them) store CMYK inverted, 0 meaning full ink, and mark such files with an
 * APP14 "Adobe" segment; libjpeg also hands back YCCK as inverted CMYK.
 */
static void cmyk_row_to_rgba(const unsigned char *cmyk, unsigned char *rgba, size_t width, int inverted) {
    for (size_t x = 0; x < width; x++) {
        unsigned c = cmyk[x * 4], m = cmyk[x * 4 + 1], y = cmyk[x * 4 + 2], k = cmyk[x * 4 + 3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        rgba[x * 4] = multiply_255(c, k);
        rgba[x * 4 + 1] = multiply_255(m, k);
        rgba[x * 4 + 2] = multiply_255(y, k);
        rgba[x * 4 + 3] = 255;
    }
}

static easel_jpeg_status run_decode(struct decode_job *job) {
    if (setjmp(job->errors.escape)) {
        return job->errors.failure;
    }
    jpeg_create_decompress(&job->cinfo);
    job->cinfo.mem->max_memory_to_use = (long)(job->limits.max_memory > LONG_MAX ? LONG_MAX : job->limits.max_memory);
    job->cinfo.progress = &job->guard.base;
    jpeg_mem_src(&job->cinfo, job->jpeg, (unsigned long)job->jpeg_size);
    jpeg_read_header(&job->cinfo, TRUE);

    struct jpeg_decompress_struct *cinfo = &job->cinfo;
    job->info.width = cinfo->image_width;
    job->info.height = cinfo->image_height;
    job->info.components = cinfo->num_components;
    job->info.color_model = color_model_of(cinfo->jpeg_color_space);
    job->info.progressive = cinfo->progressive_mode ? 1 : 0;
    job->info.adobe_marker = cinfo->saw_Adobe_marker ? 1 : 0;

    /* The header can disagree with what a quick scan found; check libjpeg's own view. */
    uint64_t pixel_count = (uint64_t)cinfo->image_width * (uint64_t)cinfo->image_height;
    if (cinfo->image_width > job->limits.max_width || cinfo->image_height > job->limits.max_height
        || pixel_count > (uint64_t)job->limits.max_pixels) {
        snprintf(job->errors.message, sizeof job->errors.message,
                 "JPEG is %ux%u, over the %ux%u / %zu-pixel limit",
                 (unsigned)cinfo->image_width, (unsigned)cinfo->image_height,
                 job->limits.max_width, job->limits.max_height, job->limits.max_pixels);
        return EASEL_JPEG_TOO_MANY_PIXELS;
    }

    int is_cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    /* libjpeg-turbo converts YCCK to CMYK but has no CMYK to RGB conversion, so that step is ours. */
    cinfo->out_color_space = is_cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    /* Shrinking in the inverse DCT costs less than decoding in full and never holds the full size. */
    cinfo->scale_num = 1;
    cinfo->scale_denom = (unsigned int)job->scale_denom;
    jpeg_start_decompress(cinfo);
    if (cinfo->output_components != 4) {
        snprintf(job->errors.message, sizeof job->errors.message,
                 "JPEG decoded to %d channels instead of 4", cinfo->output_components);
        return EASEL_JPEG_LIBRARY_ERROR;
    }

    size_t width = cinfo->output_width;
    size_t stride = width * 4;
    int stop = 0;
    unsigned char *pixels = job->sink.start(job->sink.context, cinfo->output_width, cinfo->output_height, 0, &stop);
    if (stop) {
        snprintf(job->errors.message, sizeof job->errors.message, "out of memory");
        return EASEL_JPEG_OUT_OF_MEMORY;
    }
    /* Freed by jpeg_destroy_decompress with the rest of the image pool. */
    JSAMPARRAY scratch = (is_cmyk || pixels == NULL)
        ? (*cinfo->mem->alloc_sarray)((j_common_ptr)cinfo, JPOOL_IMAGE, (JDIMENSION)stride, 2)
        : NULL;
    /* Inverted unless told otherwise only by Adobe's marker; YCCK exists only under that marker. */
    int inverted = cinfo->saw_Adobe_marker || cinfo->jpeg_color_space == JCS_YCCK;
    while (cinfo->output_scanline < cinfo->output_height) {
        JDIMENSION y = cinfo->output_scanline;
        unsigned char *destination = pixels != NULL ? pixels + (size_t)y * stride : scratch[1];
        JSAMPROW row = is_cmyk ? scratch[0] : destination;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
            continue;
        }
        if (is_cmyk) {
            cmyk_row_to_rgba(row, destination, width, inverted);
        }
        if (pixels == NULL) {
            job->sink.row(job->sink.context, y, destination);
        }
    }
    job->info.width = cinfo->output_width;
    job->info.height = cinfo->output_height;
    jpeg_finish_decompress(cinfo);
    return EASEL_JPEG_OK;
}

easel_jpeg_status easel_jpeg_decode(
    const unsigned char *jpeg, size_t jpeg_size, easel_jpeg_limits limits, int scale_denom,
    easel_jpeg_sink sink, easel_jpeg_info *out_info, char *message, size_t message_capacity) {
    if (jpeg == NULL || out_info == NULL || sink.start == NULL || sink.row == NULL
        || (scale_denom != 1 && scale_denom != 2 && scale_denom != 4 && scale_denom != 8)
        || jpeg_size == 0 || jpeg_size > ULONG_MAX
        || limits.max_width == 0 || limits.max_height == 0 || limits.max_pixels == 0
        || limits.max_memory == 0 || limits.max_scans < 1) {
        copy_text(message, message_capacity, "invalid arguments to JPEG decoding");
        return EASEL_JPEG_INVALID_ARGUMENT;
    }
    memset(out_info, 0, sizeof *out_info);

    struct decode_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        copy_text(message, message_capacity, "out of memory");
        return EASEL_JPEG_OUT_OF_MEMORY;
    }
    jpeg_std_error(&job->errors.base);
    job->errors.base.error_exit = decode_error_exit;
    job->errors.base.emit_message = decode_emit_message;
    job->guard.base.progress_monitor = guard_scans;
    job->guard.max_scans = limits.max_scans;
    job->cinfo.err = &job->errors.base;
    job->jpeg = jpeg;
    job->jpeg_size = jpeg_size;
    job->limits = limits;
    job->scale_denom = scale_denom;
    job->sink = sink;

    easel_jpeg_status status = run_decode(job);
    jpeg_destroy_decompress(&job->cinfo);
    job->info.warning_count = job->errors.warning_count;
    *out_info = job->info;
    if (status != EASEL_JPEG_OK) {
        copy_text(message, message_capacity, job->errors.message);
    }
    free(job);
    return status;
}

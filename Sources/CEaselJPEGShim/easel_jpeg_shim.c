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

/* An error manager that can escape back to our own code instead of exiting. */
struct easel_error_manager {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
};

/*
 * Everything a compression run touches lives in this struct, owned by the
 * caller of the setjmp function rather than by it. C leaves locals of the
 * function that called setjmp indeterminate after a longjmp, so keeping state
 * here is what makes the cleanup after an error well defined.
 */
struct compress_job {
    struct easel_error_manager errors;
    struct jpeg_compress_struct cinfo;
    const unsigned char *pixels;
    int width;
    int height;
    int quality;
    unsigned char *jpeg;
    unsigned long jpeg_size;
};

/* Same reasoning as compress_job, for decoding. */
struct decompress_job {
    struct easel_error_manager errors;
    struct jpeg_decompress_struct cinfo;
    const unsigned char *jpeg;
    size_t jpeg_size;
    size_t max_pixels;
    unsigned char *pixels;
    int width;
    int height;
};

/* Replaces libjpeg's exit(): keep the message, then jump back to the caller. */
static void easel_error_exit(j_common_ptr cinfo) {
    struct easel_error_manager *errors = (struct easel_error_manager *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, errors->message);
    longjmp(errors->escape, 1);
}

/* The default prints warnings to stderr, which would scribble over the curses screen. */
static void easel_output_message(j_common_ptr cinfo) {
    (void)cinfo;
}

static void install_error_manager(struct easel_error_manager *errors) {
    jpeg_std_error(&errors->base);
    errors->base.error_exit = easel_error_exit;
    errors->base.output_message = easel_output_message;
    errors->message[0] = '\0';
}

static void copy_message(char *destination, size_t capacity, const char *text) {
    if (destination == NULL || capacity == 0) {
        return;
    }
    snprintf(destination, capacity, "%s", text);
}

static easel_jpeg_status run_compress(struct compress_job *job) {
    if (setjmp(job->errors.escape)) {
        return EASEL_JPEG_LIBRARY_ERROR;
    }
    jpeg_create_compress(&job->cinfo);
    jpeg_mem_dest(&job->cinfo, &job->jpeg, &job->jpeg_size);
    job->cinfo.image_width = (JDIMENSION)job->width;
    job->cinfo.image_height = (JDIMENSION)job->height;
    job->cinfo.input_components = 3;
    job->cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&job->cinfo);
    jpeg_set_quality(&job->cinfo, job->quality, TRUE);
    jpeg_start_compress(&job->cinfo, TRUE);
    size_t stride = (size_t)job->width * 3;
    while (job->cinfo.next_scanline < job->cinfo.image_height) {
        /* libjpeg's row type is non-const for historical reasons; it only reads input rows. */
        JSAMPROW row = (JSAMPROW)(job->pixels + (size_t)job->cinfo.next_scanline * stride);
        jpeg_write_scanlines(&job->cinfo, &row, 1);
    }
    jpeg_finish_compress(&job->cinfo);
    return EASEL_JPEG_OK;
}

easel_jpeg_status easel_jpeg_compress_rgb(
    const unsigned char *pixels, int width, int height, int quality,
    unsigned char **out_jpeg, size_t *out_size,
    char *message, size_t message_capacity) {
    if (pixels == NULL || out_jpeg == NULL || out_size == NULL
        || width < 1 || height < 1 || quality < 1 || quality > 100) {
        copy_message(message, message_capacity, "invalid arguments to JPEG compression");
        return EASEL_JPEG_INVALID_ARGUMENT;
    }
    *out_jpeg = NULL;
    *out_size = 0;

    struct compress_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        copy_message(message, message_capacity, "out of memory");
        return EASEL_JPEG_OUT_OF_MEMORY;
    }
    install_error_manager(&job->errors);
    job->cinfo.err = &job->errors.base;
    job->pixels = pixels;
    job->width = width;
    job->height = height;
    job->quality = quality;

    easel_jpeg_status status = run_compress(job);
    jpeg_destroy_compress(&job->cinfo);
    if (status == EASEL_JPEG_OK) {
        *out_jpeg = job->jpeg;
        *out_size = (size_t)job->jpeg_size;
    } else {
        /* jpeg_mem_dest's buffer is malloc'd and outlives jpeg_destroy_compress. */
        free(job->jpeg);
        copy_message(message, message_capacity, job->errors.message);
    }
    free(job);
    return status;
}

static easel_jpeg_status run_decompress(struct decompress_job *job) {
    if (setjmp(job->errors.escape)) {
        return EASEL_JPEG_LIBRARY_ERROR;
    }
    jpeg_create_decompress(&job->cinfo);
    jpeg_mem_src(&job->cinfo, job->jpeg, (unsigned long)job->jpeg_size);
    jpeg_read_header(&job->cinfo, TRUE);

    /* Check the declared size before libjpeg allocates anything proportional to it. */
    uint64_t declared = (uint64_t)job->cinfo.image_width * (uint64_t)job->cinfo.image_height;
    if (declared > (uint64_t)job->max_pixels) {
        snprintf(job->errors.message, sizeof job->errors.message,
                 "JPEG is %ux%u, more than the %zu pixels allowed",
                 (unsigned)job->cinfo.image_width, (unsigned)job->cinfo.image_height,
                 job->max_pixels);
        return EASEL_JPEG_TOO_MANY_PIXELS;
    }

    job->cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&job->cinfo);
    if (job->cinfo.output_components != 3) {
        snprintf(job->errors.message, sizeof job->errors.message,
                 "JPEG decoded to %d channels instead of 3", job->cinfo.output_components);
        return EASEL_JPEG_LIBRARY_ERROR;
    }

    size_t stride = (size_t)job->cinfo.output_width * 3;
    job->pixels = malloc(stride * job->cinfo.output_height);
    if (job->pixels == NULL) {
        snprintf(job->errors.message, sizeof job->errors.message, "out of memory");
        return EASEL_JPEG_OUT_OF_MEMORY;
    }
    while (job->cinfo.output_scanline < job->cinfo.output_height) {
        JSAMPROW row = job->pixels + (size_t)job->cinfo.output_scanline * stride;
        jpeg_read_scanlines(&job->cinfo, &row, 1);
    }
    job->width = (int)job->cinfo.output_width;
    job->height = (int)job->cinfo.output_height;
    jpeg_finish_decompress(&job->cinfo);
    return EASEL_JPEG_OK;
}

easel_jpeg_status easel_jpeg_decompress_rgb(
    const unsigned char *jpeg, size_t jpeg_size, size_t max_pixels,
    unsigned char **out_pixels, int *out_width, int *out_height,
    char *message, size_t message_capacity) {
    if (jpeg == NULL || out_pixels == NULL || out_width == NULL || out_height == NULL
        || jpeg_size == 0 || jpeg_size > ULONG_MAX) {
        copy_message(message, message_capacity, "invalid arguments to JPEG decompression");
        return EASEL_JPEG_INVALID_ARGUMENT;
    }
    *out_pixels = NULL;
    *out_width = 0;
    *out_height = 0;

    struct decompress_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        copy_message(message, message_capacity, "out of memory");
        return EASEL_JPEG_OUT_OF_MEMORY;
    }
    install_error_manager(&job->errors);
    job->cinfo.err = &job->errors.base;
    job->jpeg = jpeg;
    job->jpeg_size = jpeg_size;
    job->max_pixels = max_pixels;

    easel_jpeg_status status = run_decompress(job);
    jpeg_destroy_decompress(&job->cinfo);
    if (status == EASEL_JPEG_OK) {
        *out_pixels = job->pixels;
        *out_width = job->width;
        *out_height = job->height;
    } else {
        free(job->pixels);
        copy_message(message, message_capacity, job->errors.message);
    }
    free(job);
    return status;
}

void easel_jpeg_free(void *buffer) {
    free(buffer);
}

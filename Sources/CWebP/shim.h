#ifndef EASEL_CWEBP_SHIM_H
#define EASEL_CWEBP_SHIM_H
#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/mux.h>
#endif

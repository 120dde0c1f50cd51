#ifndef EASEL_CPNG_SHIM_H
#define EASEL_CPNG_SHIM_H
#include <png.h>
#endif

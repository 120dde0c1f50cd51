#ifndef EASEL_CZLIB_SHIM_H
#define EASEL_CZLIB_SHIM_H
#include <zlib.h>
#endif

#ifndef BEACON_TRIAGE_CZLIB_SHIM_H
#define BEACON_TRIAGE_CZLIB_SHIM_H
#include <zlib.h>
#endif

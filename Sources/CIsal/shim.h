#ifndef BEACON_TRIAGE_CISAL_SHIM_H
#define BEACON_TRIAGE_CISAL_SHIM_H
#include <isa-l/igzip_lib.h>
#endif

#ifndef BEACON_TRIAGE_CMALLOC_SHIM_H
#define BEACON_TRIAGE_CMALLOC_SHIM_H

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/* Hands the allocator's free memory back to the system. glibc keeps what a thread freed in that thread's
   arena, and returns it only from the top of the heap: after the first pass of a two-pass load, the
   parse workers' freed blocks would otherwise stay resident under the second pass's tables and count
   towards the load's peak. */
static inline void beacon_return_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

#endif

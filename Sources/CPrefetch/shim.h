#ifndef BEACON_TRIAGE_CPREFETCH_SHIM_H
#define BEACON_TRIAGE_CPREFETCH_SHIM_H

/* A hint that `address` will be read soon (into every cache level). Swift has no prefetch of its own; the
   engine's loops over millions of rows issue these a few rows ahead so that their random reads of tables
   larger than the caches overlap instead of stalling one after another. */
static inline void beacon_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/* The same, for an address that will be written. */
static inline void beacon_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif

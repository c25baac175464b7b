#ifndef BEACON_TRIAGE_CBYTESCAN_SHIM_H
#define BEACON_TRIAGE_CBYTESCAN_SHIM_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Where a CSV record's fields and lines can end in the 64 bytes at `p`: bit i of `*commas` is set when
   byte i is a comma, of `*quotes` when it is a double quote, of `*lines` when it is LF or CR. Sixteen
   bytes a compare with SSE2 (every x86-64 has it); Swift's SIMD types compare lanes but cannot gather the
   result into a bit mask, which is what makes this fast. */
static inline void beacon_csv_structure(const uint8_t *p, uint64_t *commas, uint64_t *quotes, uint64_t *lines) {
    uint64_t comma_bits = 0, quote_bits = 0, line_bits = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (int part = 0; part < 4; part++) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(p + 16 * part));
        comma_bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma)) << (16 * part);
        quote_bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote)) << (16 * part);
        __m128i line = _mm_or_si128(_mm_cmpeq_epi8(bytes, lf), _mm_cmpeq_epi8(bytes, cr));
        line_bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(line) << (16 * part);
    }
#else
    for (int index = 0; index < 64; index++) {
        uint8_t byte = p[index];
        uint64_t bit = (uint64_t)1 << index;
        if (byte == ',') comma_bits |= bit;
        if (byte == '"') quote_bits |= bit;
        if (byte == '\n' || byte == '\r') line_bits |= bit;
    }
#endif
    *commas = comma_bits;
    *quotes = quote_bits;
    *lines = line_bits;
}

#endif

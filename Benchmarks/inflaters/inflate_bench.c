/* The three inflaters Debian packages, timed on one .gz file in one run, alternating, medians: zlib and
 * ISA-L streaming (256 KiB of input, 8 MiB of output at a time, the way GzipSource reads), and libdeflate
 * whole-buffer (the file and its whole content in memory, which is why the loader cannot use it for a
 * large file). Each checks the gzip CRC-32 itself; the three must agree on the content's size.
 *
 *   cc -O2 -o inflate_bench inflate_bench.c -lz -lisal -ldeflate && ./inflate_bench FILE.gz [RUNS]
 */
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

enum { INPUT = 1 << 18, OUTPUT = 8 << 20 };

typedef struct { unsigned long long bytes; } Content;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void fail(const char *what) { fprintf(stderr, "inflate_bench: %s\n", what); exit(1); }

/* The next INPUT bytes of `f` into `in`; 0 at the end of the file. */
static unsigned int refill(FILE *f, unsigned char *in, unsigned char **next, unsigned int *available) {
    *next = in;
    *available = fread(in, 1, INPUT, f);
    return *available;
}

static Content with_zlib(const char *path, unsigned char *in, unsigned char *out) {
    Content c = {0};
    FILE *f = fopen(path, "rb");
    if (!f) fail("cannot open the file");
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, 15 + 16) != Z_OK) fail("zlib init");
    int status = Z_OK;
    for (;;) {
        if (s.avail_in == 0 && !refill(f, in, &s.next_in, &s.avail_in)) break;
        s.next_out = out;
        s.avail_out = OUTPUT;
        status = inflate(&s, Z_NO_FLUSH);
        size_t produced = OUTPUT - s.avail_out;
        c.bytes += produced;
        if (status == Z_STREAM_END) {
            if (s.avail_in == 0 && !refill(f, in, &s.next_in, &s.avail_in)) break;
            inflateReset(&s);
        } else if (status != Z_OK && status != Z_BUF_ERROR) fail("zlib: bad data");
    }
    inflateEnd(&s);
    fclose(f);
    return c;
}

static Content with_isal(const char *path, unsigned char *in, unsigned char *out) {
    Content c = {0};
    FILE *f = fopen(path, "rb");
    if (!f) fail("cannot open the file");
    static struct inflate_state s;
    isal_inflate_init(&s);
    s.crc_flag = ISAL_GZIP;
    for (;;) {
        if (s.avail_in == 0 && !refill(f, in, &s.next_in, &s.avail_in)) break;
        s.next_out = out;
        s.avail_out = OUTPUT;
        if (isal_inflate(&s) != ISAL_DECOMP_OK) fail("isa-l: bad data");
        size_t produced = OUTPUT - s.avail_out;
        c.bytes += produced;
        if (s.block_state == ISAL_BLOCK_FINISH) {
            if (s.avail_in == 0 && !refill(f, in, &s.next_in, &s.avail_in)) break;
            unsigned char *next = s.next_in;
            unsigned int available = s.avail_in;
            isal_inflate_reset(&s);
            s.crc_flag = ISAL_GZIP;
            s.next_in = next;
            s.avail_in = available;
        }
    }
    fclose(f);
    return c;
}

static Content with_libdeflate(const char *path) {
    Content c = {0};
    FILE *f = fopen(path, "rb");
    if (!f) fail("cannot open the file");
    fseek(f, 0, SEEK_END);
    size_t size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *in = malloc(size);
    if (!in || fread(in, 1, size, f) != size) fail("cannot read the file");
    fclose(f);
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    size_t offset = 0;
    while (offset + 18 <= size) {
        /* Sized by the last trailer's ISIZE (right for one member; for several, grown on demand). */
        size_t capacity = (size_t)in[size - 4] | (size_t)in[size - 3] << 8 | (size_t)in[size - 2] << 16
                        | (size_t)in[size - 1] << 24;
        if (capacity < OUTPUT) capacity = OUTPUT;
        unsigned char *member = NULL;
        size_t used_in = 0, produced = 0;
        enum libdeflate_result r;
        for (;;) {
            member = realloc(member, capacity);
            if (!member) fail("out of memory");
            r = libdeflate_gzip_decompress_ex(d, in + offset, size - offset, member, capacity, &used_in, &produced);
            if (r != LIBDEFLATE_INSUFFICIENT_SPACE) break;
            capacity *= 2;
        }
        if (r != LIBDEFLATE_SUCCESS) fail("libdeflate: bad data");
        c.bytes += produced;
        free(member);
        offset += used_in;
    }
    libdeflate_free_decompressor(d);
    free(in);
    return c;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) fail("usage: inflate_bench FILE.gz [RUNS]");
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    if (runs < 1 || runs > 100) fail("RUNS must be 1..100");
    unsigned char *in = malloc(INPUT), *out = malloc(OUTPUT);
    const char *names[3] = {"zlib (streaming)", "ISA-L (streaming)", "libdeflate (whole buffer)"};
    double seconds[3][100];
    Content content[3];
    for (int run = 0; run < runs; run++) {
        for (int which = 0; which < 3; which++) {
            double start = now();
            content[which] = which == 0 ? with_zlib(argv[1], in, out)
                           : which == 1 ? with_isal(argv[1], in, out)
                           : with_libdeflate(argv[1]);
            seconds[which][run] = now() - start;
        }
    }
    for (int which = 0; which < 3; which++) {
        if (content[which].bytes != content[0].bytes)
            fail("the inflaters disagree on the content");
    }
    double zlib_median = 0;
    printf("%-26s %10s %10s %8s   (%d runs, %llu content bytes)\n", "inflater", "median s", "MB/s", "vs zlib",
           runs, content[0].bytes);
    for (int which = 0; which < 3; which++) {
        qsort(seconds[which], runs, sizeof(double), compare);
        double median = runs % 2 ? seconds[which][runs / 2]
                                 : (seconds[which][runs / 2 - 1] + seconds[which][runs / 2]) / 2;
        if (which == 0) zlib_median = median;
        printf("%-26s %10.2f %10.0f %7.2fx\n", names[which], median, content[0].bytes / median / 1e6,
               zlib_median / median);
    }
    free(in);
    free(out);
    return 0;
}

/*
 * nonrel_c_bench: the C floor for Nonrel's driver benchmarks.
 *
 * The same tasks as the Swift `nonrel-bench` executable (Benchmarks/Sources/NonrelBench),
 * written directly against libmongoc/libbson 1.23, so that `make bench` can report how far
 * Nonrel's driver is from raw C. Task definitions follow MongoDB's driver benchmark
 * specification; sizes are scaled down for the slow local test server.
 *
 * Build (make bench does this):
 *   cc -O2 -o nonrel-c-bench nonrel_c_bench.c $(pkg-config --cflags --libs libmongoc-1.0)
 *
 * What each task measures (per operation):
 *   bson_*_encode   build a new bson_t from the parsed document by walking it with bson_iter
 *                   and appending every value with its typed bson_append_* call (sub-documents
 *                   and arrays with *_begin/_end), then bson_destroy.
 *   bson_*_decode   walk the encoded bytes with bson_iter_init/bson_iter_next, recursing into
 *                   sub-documents and arrays, extracting every value with its typed accessor
 *                   and validating keys and strings as UTF-8 (bson_utf8_validate), as the Swift
 *                   decoder does. Nothing is allocated.
 *   small_insert_one   mongoc_collection_insert_one of small_doc (libmongoc adds the _id).
 *   find_one_by_id     find_with_opts({_id: i}, {limit: 1}), cursor_next, walk the document
 *                      (as bson_*_decode), cursor_destroy.
 *   small_bulk_insert  one insert_many of --docs copies of small_doc.
 *   large_bulk_insert  one insert_many of 10 copies of large_doc.
 *   find_many          find({}) over --docs tweets, cursor_next and walk every document.
 *   empty_cursor       find({}) on an empty collection, cursor_next (false), cursor_destroy.
 * The driver tasks use one single-threaded mongoc_client_t.
 *
 * Output: a table on stdout; with --out FILE, one JSON object per task appended to FILE.
 */
#include <errno.h>
#include <mongoc/mongoc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

/* ---------- options ---------- */

static const char *opt_data = "../shared/specs";
static const char *opt_out = NULL;
static const char *opt_tasks = NULL;
static const char *opt_uri = NULL;
static int opt_iterations = 0; /* 0: per-group defaults */
static int opt_warmup = 1;
static int opt_n = 2000;
static int opt_bson_n = 10000;
static int opt_docs = 10000;
static int opt_utf8_check = 1; /* --no-utf8-check: decode without UTF-8 validation */

#define BSON_ITERATIONS_DEFAULT 15
#define DRIVER_ITERATIONS_DEFAULT 5
#define LARGE_DOCS 10

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "nonrel-c-bench: error: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

/* ---------- measurement ---------- */

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *values, int count) {
    qsort(values, (size_t)count, sizeof(double), cmp_double);
    if (count % 2) return values[count / 2];
    return (values[count / 2 - 1] + values[count / 2]) / 2;
}

typedef struct {
    const char *name;
    int group_bson;        /* 1: BSON task, 0: driver task */
    void (*setup)(void);   /* untimed, before every iteration (may be NULL) */
    void (*run)(void);     /* one timed iteration */
    int *ops;              /* operations per iteration */
    size_t bytes_per_op;   /* for MB/s; 0: not applicable */
} task_t;

static FILE *out_file;

static void report(const task_t *t, int iterations, double med_wall, double med_cpu) {
    int ops = *t->ops;
    double ops_s = ops / med_wall;
    double mb_s = t->bytes_per_op ? (double)t->bytes_per_op * ops / med_wall / 1e6 : 0;
    double cpu_us = med_cpu / ops * 1e6;
    printf("%-20s %8d %5d %12.6f %12.1f %10.2f %12.3f\n", t->name, ops, iterations, med_wall, ops_s, mb_s, cpu_us);
    fflush(stdout);
    if (out_file) {
        fprintf(out_file,
                "{\"impl\":\"c\",\"task\":\"%s\",\"ops_per_iteration\":%d,\"iterations\":%d,\"warmup\":%d,"
                "\"median_s\":%.9f,\"ops_per_s\":%.3f,\"mb_per_s\":%.4f,\"cpu_us_per_op\":%.4f,\"doc_bytes\":%zu}\n",
                t->name, ops, iterations, opt_warmup, med_wall, ops_s, mb_s, cpu_us, t->bytes_per_op);
        fflush(out_file);
    }
}

static void run_task(const task_t *t) {
    int iterations = opt_iterations ? opt_iterations : (t->group_bson ? BSON_ITERATIONS_DEFAULT : DRIVER_ITERATIONS_DEFAULT);
    double *wall = calloc((size_t)iterations, sizeof(double));
    double *cpu = calloc((size_t)iterations, sizeof(double));
    for (int i = 0; i < opt_warmup + iterations; i++) {
        if (t->setup) t->setup();
        double c0 = cpu_s(), w0 = now_s();
        t->run();
        double w1 = now_s(), c1 = cpu_s();
        if (i >= opt_warmup) {
            wall[i - opt_warmup] = w1 - w0;
            cpu[i - opt_warmup] = c1 - c0;
        }
    }
    report(t, iterations, median(wall, iterations), median(cpu, iterations));
    free(wall);
    free(cpu);
}

/* ---------- data ---------- */

static char *read_file(const char *relative) {
    char path[4096];
    snprintf(path, sizeof path, "%s/driver-benchmark/%s", opt_data, relative);
    FILE *f = fopen(path, "rb");
    if (!f)
        die("benchmark data %s: %s. Pass --data DIR, where DIR holds driver-benchmark/ (the specs "
            "checkout, by default ../shared/specs next to the repository)",
            path, strerror(errno));
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) die("cannot read %s", path);
    text[size] = 0;
    fclose(f);
    return text;
}

static bson_t *load_json(const char *relative) {
    char *text = read_file(relative);
    bson_error_t error;
    bson_t *doc = bson_new_from_json((const uint8_t *)text, -1, &error);
    if (!doc) die("%s is not valid extended JSON: %s", relative, error.message);
    free(text);
    return doc;
}

/* ---------- BSON tasks ---------- */

static volatile uint64_t sink;

static void copy_document(bson_t *dst, bson_iter_t *it);

static void append_value(bson_t *dst, const char *key, int key_len, bson_iter_t *it) {
    switch (bson_iter_type(it)) {
    case BSON_TYPE_DOUBLE: bson_append_double(dst, key, key_len, bson_iter_double(it)); break;
    case BSON_TYPE_UTF8: {
        uint32_t len;
        const char *s = bson_iter_utf8(it, &len);
        bson_append_utf8(dst, key, key_len, s, (int)len);
        break;
    }
    case BSON_TYPE_DOCUMENT: {
        bson_iter_t child;
        bson_t sub;
        bson_iter_recurse(it, &child);
        bson_append_document_begin(dst, key, key_len, &sub);
        copy_document(&sub, &child);
        bson_append_document_end(dst, &sub);
        break;
    }
    case BSON_TYPE_ARRAY: {
        bson_iter_t child;
        bson_t sub;
        bson_iter_recurse(it, &child);
        bson_append_array_begin(dst, key, key_len, &sub);
        copy_document(&sub, &child);
        bson_append_array_end(dst, &sub);
        break;
    }
    case BSON_TYPE_BINARY: {
        bson_subtype_t subtype;
        uint32_t len;
        const uint8_t *data;
        bson_iter_binary(it, &subtype, &len, &data);
        bson_append_binary(dst, key, key_len, subtype, data, len);
        break;
    }
    case BSON_TYPE_UNDEFINED: bson_append_undefined(dst, key, key_len); break;
    case BSON_TYPE_OID: bson_append_oid(dst, key, key_len, bson_iter_oid(it)); break;
    case BSON_TYPE_BOOL: bson_append_bool(dst, key, key_len, bson_iter_bool(it)); break;
    case BSON_TYPE_DATE_TIME: bson_append_date_time(dst, key, key_len, bson_iter_date_time(it)); break;
    case BSON_TYPE_NULL: bson_append_null(dst, key, key_len); break;
    case BSON_TYPE_REGEX: {
        const char *options;
        const char *pattern = bson_iter_regex(it, &options);
        bson_append_regex(dst, key, key_len, pattern, options);
        break;
    }
    case BSON_TYPE_DBPOINTER: {
        uint32_t len;
        const char *collection;
        const bson_oid_t *oid;
        bson_iter_dbpointer(it, &len, &collection, &oid);
        bson_append_dbpointer(dst, key, key_len, collection, oid);
        break;
    }
    case BSON_TYPE_CODE: {
        uint32_t len;
        const char *code = bson_iter_code(it, &len);
        bson_append_code(dst, key, key_len, code);
        break;
    }
    case BSON_TYPE_SYMBOL: {
        uint32_t len;
        const char *symbol = bson_iter_symbol(it, &len);
        bson_append_symbol(dst, key, key_len, symbol, (int)len);
        break;
    }
    case BSON_TYPE_CODEWSCOPE: {
        uint32_t len, scope_len;
        const uint8_t *scope_data;
        const char *code = bson_iter_codewscope(it, &len, &scope_len, &scope_data);
        bson_t scope_in, scope_out;
        bson_iter_t scope_it;
        bson_init_static(&scope_in, scope_data, scope_len);
        bson_init(&scope_out);
        bson_iter_init(&scope_it, &scope_in);
        copy_document(&scope_out, &scope_it);
        bson_append_code_with_scope(dst, key, key_len, code, &scope_out);
        bson_destroy(&scope_out);
        break;
    }
    case BSON_TYPE_INT32: bson_append_int32(dst, key, key_len, bson_iter_int32(it)); break;
    case BSON_TYPE_TIMESTAMP: {
        uint32_t ts, inc;
        bson_iter_timestamp(it, &ts, &inc);
        bson_append_timestamp(dst, key, key_len, ts, inc);
        break;
    }
    case BSON_TYPE_INT64: bson_append_int64(dst, key, key_len, bson_iter_int64(it)); break;
    case BSON_TYPE_DECIMAL128: {
        bson_decimal128_t d;
        bson_iter_decimal128(it, &d);
        bson_append_decimal128(dst, key, key_len, &d);
        break;
    }
    case BSON_TYPE_MAXKEY: bson_append_maxkey(dst, key, key_len); break;
    case BSON_TYPE_MINKEY: bson_append_minkey(dst, key, key_len); break;
    default: bson_append_iter(dst, key, key_len, it); break;
    }
}

static void copy_document(bson_t *dst, bson_iter_t *it) {
    while (bson_iter_next(it)) append_value(dst, bson_iter_key(it), (int)bson_iter_key_len(it), it);
}

/* Visits every element, extracting each value and validating keys and strings as UTF-8.
 * Returns 0 when the document is malformed. */
static int walk(bson_iter_t *it, uint64_t *acc) {
    while (bson_iter_next(it)) {
        const char *key = bson_iter_key(it);
        uint32_t key_len = bson_iter_key_len(it);
        if (opt_utf8_check && !bson_utf8_validate(key, key_len, false)) return 0;
        *acc += key_len;
        switch (bson_iter_type(it)) {
        case BSON_TYPE_DOUBLE: *acc += (uint64_t)bson_iter_double(it); break;
        case BSON_TYPE_UTF8:
        case BSON_TYPE_CODE:
        case BSON_TYPE_SYMBOL: {
            uint32_t len;
            const char *s = bson_iter_type(it) == BSON_TYPE_UTF8   ? bson_iter_utf8(it, &len)
                            : bson_iter_type(it) == BSON_TYPE_CODE ? bson_iter_code(it, &len)
                                                                    : bson_iter_symbol(it, &len);
            if (opt_utf8_check && !bson_utf8_validate(s, len, true)) return 0;
            *acc += len;
            break;
        }
        case BSON_TYPE_DOCUMENT:
        case BSON_TYPE_ARRAY: {
            bson_iter_t child;
            if (!bson_iter_recurse(it, &child) || !walk(&child, acc)) return 0;
            break;
        }
        case BSON_TYPE_BINARY: {
            bson_subtype_t subtype;
            uint32_t len;
            const uint8_t *data;
            bson_iter_binary(it, &subtype, &len, &data);
            *acc += len + (data ? data[0] : 0);
            break;
        }
        case BSON_TYPE_OID: *acc += bson_iter_oid(it)->bytes[11]; break;
        case BSON_TYPE_BOOL: *acc += bson_iter_bool(it); break;
        case BSON_TYPE_DATE_TIME: *acc += (uint64_t)bson_iter_date_time(it); break;
        case BSON_TYPE_REGEX: {
            const char *options;
            const char *pattern = bson_iter_regex(it, &options);
            if (!bson_utf8_validate(pattern, strlen(pattern), false)) return 0;
            *acc += strlen(options);
            break;
        }
        case BSON_TYPE_DBPOINTER: {
            uint32_t len;
            const char *collection;
            const bson_oid_t *oid;
            bson_iter_dbpointer(it, &len, &collection, &oid);
            if (!bson_utf8_validate(collection, len, true)) return 0;
            *acc += oid->bytes[11];
            break;
        }
        case BSON_TYPE_CODEWSCOPE: {
            uint32_t len, scope_len;
            const uint8_t *scope_data;
            const char *code = bson_iter_codewscope(it, &len, &scope_len, &scope_data);
            bson_t scope;
            bson_iter_t scope_it;
            if (!bson_utf8_validate(code, len, true)) return 0;
            if (!bson_init_static(&scope, scope_data, scope_len) || !bson_iter_init(&scope_it, &scope) ||
                !walk(&scope_it, acc))
                return 0;
            break;
        }
        case BSON_TYPE_INT32: *acc += (uint64_t)bson_iter_int32(it); break;
        case BSON_TYPE_TIMESTAMP: {
            uint32_t ts, inc;
            bson_iter_timestamp(it, &ts, &inc);
            *acc += ts + inc;
            break;
        }
        case BSON_TYPE_INT64: *acc += (uint64_t)bson_iter_int64(it); break;
        case BSON_TYPE_DECIMAL128: {
            bson_decimal128_t d;
            bson_iter_decimal128(it, &d);
            *acc += d.low;
            break;
        }
        default: *acc += 1; break; /* null, undefined, minKey, maxKey */
        }
    }
    return !it->err_off; /* bson_iter_next stops early on corrupt data */
}

static void walk_document(const bson_t *doc) {
    bson_iter_t it;
    uint64_t acc = 0;
    if (!bson_iter_init(&it, doc) || !walk(&it, &acc)) die("malformed BSON document");
    sink += acc;
}

static bson_t *bson_source; /* the document of the current BSON task */

static void bson_encode_run(void) {
    for (int i = 0; i < opt_bson_n; i++) {
        bson_t out;
        bson_iter_t it;
        bson_init(&out);
        bson_iter_init(&it, bson_source);
        copy_document(&out, &it);
        sink += out.len;
        bson_destroy(&out);
    }
}

static void bson_decode_run(void) {
    for (int i = 0; i < opt_bson_n; i++) walk_document(bson_source);
}

/* ---------- driver tasks ---------- */

static mongoc_client_t *client;
static mongoc_collection_t *coll;
static mongoc_database_t *db;
static bson_t *small_doc, *large_doc, *tweet_doc;
static const bson_t **bulk_docs;

static void check(bool ok, const bson_error_t *error, const char *what) {
    if (!ok) die("%s failed: %s", what, error->message);
}

static void drop_and_create(void) {
    bson_error_t error;
    if (!mongoc_collection_drop_with_opts(coll, NULL, &error) && error.code != 26 &&
        !strstr(error.message, "ns not found"))
        die("drop failed: %s", error.message);
    mongoc_collection_t *created = mongoc_database_create_collection(db, "corpus", NULL, &error);
    check(created != NULL, &error, "create collection");
    mongoc_collection_destroy(created);
}

static void drop_only(void) {
    bson_error_t error;
    if (!mongoc_collection_drop_with_opts(coll, NULL, &error) && error.code != 26 &&
        !strstr(error.message, "ns not found"))
        die("drop failed: %s", error.message);
}

static void small_insert_one_run(void) {
    bson_error_t error;
    for (int i = 0; i < opt_n; i++) check(mongoc_collection_insert_one(coll, small_doc, NULL, NULL, &error), &error, "insert_one");
}

static void insert_many_of(const bson_t *doc, int count) {
    bson_error_t error;
    for (int i = 0; i < count; i++) bulk_docs[i] = doc;
    check(mongoc_collection_insert_many(coll, bulk_docs, (size_t)count, NULL, NULL, &error), &error, "insert_many");
}

static void small_bulk_insert_run(void) { insert_many_of(small_doc, opt_docs); }

static int large_docs_count = LARGE_DOCS;
static void large_bulk_insert_run(void) { insert_many_of(large_doc, LARGE_DOCS); }

static void find_one_by_id_run(void) {
    bson_t opts = BSON_INITIALIZER;
    BSON_APPEND_INT64(&opts, "limit", 1);
    for (int i = 1; i <= opt_n; i++) {
        bson_t filter = BSON_INITIALIZER;
        BSON_APPEND_INT32(&filter, "_id", i);
        mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, &opts, NULL);
        const bson_t *doc;
        if (!mongoc_cursor_next(cursor, &doc)) {
            bson_error_t error;
            if (mongoc_cursor_error(cursor, &error)) die("find_one failed: %s", error.message);
            die("find_one: no document with _id %d", i);
        }
        walk_document(doc);
        mongoc_cursor_destroy(cursor);
        bson_destroy(&filter);
    }
    bson_destroy(&opts);
}

static void find_many_run(void) {
    bson_t filter = BSON_INITIALIZER;
    mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
    const bson_t *doc;
    int count = 0;
    while (mongoc_cursor_next(cursor, &doc)) {
        walk_document(doc);
        count++;
    }
    bson_error_t error;
    if (mongoc_cursor_error(cursor, &error)) die("find failed: %s", error.message);
    if (count != opt_docs) die("find_many: expected %d documents, got %d", opt_docs, count);
    mongoc_cursor_destroy(cursor);
    bson_destroy(&filter);
}

static void empty_cursor_run(void) {
    bson_t filter = BSON_INITIALIZER;
    for (int i = 0; i < opt_n; i++) {
        mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
        const bson_t *doc;
        if (mongoc_cursor_next(cursor, &doc)) die("empty_cursor: the collection is not empty");
        bson_error_t error;
        if (mongoc_cursor_error(cursor, &error)) die("find failed: %s", error.message);
        mongoc_cursor_destroy(cursor);
    }
    bson_destroy(&filter);
}

/* Untimed one-off loads for the read tasks. */
static void load_tweets(int with_int_ids, int count) {
    drop_and_create();
    bson_error_t error;
    const int chunk = 1000;
    bson_t *docs = calloc((size_t)chunk, sizeof(bson_t));
    const bson_t **ptrs = calloc((size_t)chunk, sizeof(bson_t *));
    for (int start = 0; start < count; start += chunk) {
        int m = count - start < chunk ? count - start : chunk;
        for (int j = 0; j < m; j++) {
            bson_init(&docs[j]);
            if (with_int_ids) BSON_APPEND_INT32(&docs[j], "_id", start + j + 1);
            bson_concat(&docs[j], tweet_doc);
            ptrs[j] = &docs[j];
        }
        check(mongoc_collection_insert_many(coll, ptrs, (size_t)m, NULL, NULL, &error), &error, "loading tweets");
        for (int j = 0; j < m; j++) bson_destroy(&docs[j]);
    }
    free(docs);
    free(ptrs);
}

/* ---------- main ---------- */

static int wanted(const char *name) {
    if (!opt_tasks) return 1;
    size_t n = strlen(name);
    for (const char *p = opt_tasks; (p = strstr(p, name)); p += n)
        if ((p == opt_tasks || p[-1] == ',') && (p[n] == 0 || p[n] == ',')) return 1;
    return 0;
}

static int int_arg(const char *flag, const char *value) {
    char *end;
    long v = value ? strtol(value, &end, 10) : 0;
    if (!value || *end || v <= 0 || v > 100000000) die("%s needs a positive integer", flag);
    return (int)v;
}

static void usage(void) {
    printf("usage: nonrel-c-bench [--data DIR] [--uri URI] [--iterations K] [--warmup W] [--n N]\n"
           "                      [--bson-n N] [--docs N] [--tasks a,b,...] [--out FILE]\n"
           "                      [--no-utf8-check]  (decode walks skip UTF-8 validation)\n");
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--data")) opt_data = v, i++;
        else if (!strcmp(a, "--uri")) opt_uri = v, i++;
        else if (!strcmp(a, "--out")) opt_out = v, i++;
        else if (!strcmp(a, "--tasks")) opt_tasks = v, i++;
        else if (!strcmp(a, "--iterations")) opt_iterations = int_arg(a, v), i++;
        else if (!strcmp(a, "--warmup")) opt_warmup = v && !strcmp(v, "0") ? 0 : int_arg(a, v), i++;
        else if (!strcmp(a, "--n")) opt_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--bson-n")) opt_bson_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--docs")) opt_docs = int_arg(a, v), i++;
        else if (!strcmp(a, "--no-utf8-check")) { opt_utf8_check = 0; continue; }
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) return usage(), 0;
        else die("unknown argument %s (see --help)", a);
        if (i >= argc) die("%s needs a value", a);
    }
    if (!opt_data) die("--data needs a value");
    if (opt_tasks) {
        static const char *known[] = {"bson_flat_encode", "bson_flat_decode", "bson_deep_encode", "bson_deep_decode",
                                      "bson_full_encode", "bson_full_decode", "small_insert_one", "find_one_by_id",
                                      "small_bulk_insert", "large_bulk_insert", "find_many", "empty_cursor"};
        char *copy = strdup(opt_tasks), *save = NULL;
        for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
            size_t k = 0;
            while (k < sizeof known / sizeof *known && strcmp(known[k], name)) k++;
            if (k == sizeof known / sizeof *known) die("unknown task \"%s\" (see the table in Benchmarks/README.md)", name);
        }
        free(copy);
    }
    struct stat st;
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/driver-benchmark", opt_data);
    if (stat(probe, &st) != 0)
        die("benchmark data not found: %s does not exist. Pass --data DIR, where DIR holds "
            "driver-benchmark/ (by default ../shared/specs next to the repository)",
            probe);
    if (opt_out && !(out_file = fopen(opt_out, "a"))) die("cannot open %s: %s", opt_out, strerror(errno));

    printf("%-20s %8s %5s %12s %12s %10s %12s\n", "task (C)", "ops/it", "its", "median s", "ops/s", "MB/s", "cpu us/op");

    static const char *bson_names[] = {"flat", "deep", "full"};
    for (int k = 0; k < 3; k++) {
        char path[64], enc[32], dec[32];
        snprintf(enc, sizeof enc, "bson_%s_encode", bson_names[k]);
        snprintf(dec, sizeof dec, "bson_%s_decode", bson_names[k]);
        if (!wanted(enc) && !wanted(dec)) continue;
        snprintf(path, sizeof path, "extended_bson/%s_bson.json", bson_names[k]);
        bson_source = load_json(path);
        task_t e = {enc, 1, NULL, bson_encode_run, &opt_bson_n, bson_source->len};
        task_t d = {dec, 1, NULL, bson_decode_run, &opt_bson_n, bson_source->len};
        if (wanted(enc)) run_task(&e);
        if (wanted(dec)) run_task(&d);
        bson_destroy(bson_source);
    }

    const char *driver_tasks[] = {"small_insert_one", "find_one_by_id", "small_bulk_insert", "large_bulk_insert",
                                  "find_many", "empty_cursor"};
    int any_driver = 0;
    for (size_t k = 0; k < sizeof driver_tasks / sizeof *driver_tasks; k++) any_driver |= wanted(driver_tasks[k]);
    if (any_driver) {
        if (!opt_uri) opt_uri = getenv("NONREL_MONGO_URI");
        if (!opt_uri) die("no server: pass --uri or set NONREL_MONGO_URI (make bench starts one)");
        mongoc_init();
        bson_error_t error;
        mongoc_uri_t *uri = mongoc_uri_new_with_error(opt_uri, &error);
        if (!uri) die("bad URI: %s", error.message);
        client = mongoc_client_new_from_uri_with_error(uri, &error);
        if (!client) die("cannot create client: %s", error.message);
        mongoc_client_set_error_api(client, MONGOC_ERROR_API_VERSION_2);
        mongoc_client_set_appname(client, "nonrel-c-bench");
        db = mongoc_client_get_database(client, "perftest");
        coll = mongoc_client_get_collection(client, "perftest", "corpus");
        small_doc = load_json("single_and_multi_document/small_doc.json");
        tweet_doc = load_json("single_and_multi_document/tweet.json");
        int bulk_max = opt_docs > LARGE_DOCS ? opt_docs : LARGE_DOCS;
        bulk_docs = calloc((size_t)bulk_max, sizeof(bson_t *));

        task_t tasks[] = {
            {"small_insert_one", 0, drop_and_create, small_insert_one_run, &opt_n, small_doc->len},
            {"find_one_by_id", 0, NULL, find_one_by_id_run, &opt_n, tweet_doc->len},
            {"small_bulk_insert", 0, drop_and_create, small_bulk_insert_run, &opt_docs, small_doc->len},
            {"large_bulk_insert", 0, drop_and_create, large_bulk_insert_run, &large_docs_count, 0},
            {"find_many", 0, NULL, find_many_run, &opt_docs, tweet_doc->len},
            {"empty_cursor", 0, NULL, empty_cursor_run, &opt_n, 0},
        };
        for (size_t k = 0; k < sizeof tasks / sizeof *tasks; k++) {
            task_t *t = &tasks[k];
            if (!wanted(t->name)) continue;
            if (!strcmp(t->name, "find_one_by_id")) load_tweets(1, opt_n);
            if (!strcmp(t->name, "find_many")) load_tweets(0, opt_docs);
            if (!strcmp(t->name, "empty_cursor")) drop_only();
            if (!strcmp(t->name, "large_bulk_insert")) {
                large_doc = load_json("single_and_multi_document/large_doc.json");
                t->bytes_per_op = large_doc->len;
            }
            run_task(t);
            if (large_doc) bson_destroy(large_doc), large_doc = NULL;
        }
        drop_only();
        free(bulk_docs);
        bson_destroy(small_doc);
        bson_destroy(tweet_doc);
        mongoc_collection_destroy(coll);
        mongoc_database_destroy(db);
        mongoc_client_destroy(client);
        mongoc_uri_destroy(uri);
        mongoc_cleanup();
    }
    if (out_file) fclose(out_file);
    return 0;
}

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

static int wanted(const char *name);

/* ---------- ODM benchmark tasks (the C floor of nonrel-bench's odm_* rows) ----------
 *
 * The same commands Nonrel's ORM sends, built from C structs with libbson, and every reply
 * materialised (strings validated and copied, as the ORM builds models). Models:
 *   create   a new document built from the struct per object (ints as int64, as the ORM stores
 *            them), insert_one (libmongoc adds the _id; the ORM generates it client-side).
 *   update   the whole document rebuilt with the changed field and _id, replace_one({_id}, doc,
 *            {upsert: true}) (the ORM's save() is that upsert).
 *   find     find({_id: oid}) / find({field_fk: oid}) / find({"embedded_str_doc_1.unique_id": s})
 *            / find({"embedded_str_doc_array.unique_id": {$in: [s]}}), every document materialised.
 */

static int opt_odm_n = 1000, opt_odm_large_n = 10, opt_odm_nested_n = 1000;
static mongoc_database_t *odm_db;

static char *read_data_file(const char *dir, const char *relative) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", opt_data, dir, relative);
    FILE *f = fopen(path, "rb");
    if (!f) die("benchmark data %s: %s. Pass --data DIR, where DIR holds %s/", path, strerror(errno), dir);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) die("cannot read %s", path);
    text[size] = 0;
    fclose(f);
    return text;
}

static bson_t *load_odm_json(const char *relative) {
    char *text = read_data_file("odm-benchmark", relative);
    bson_error_t error;
    bson_t *doc = bson_new_from_json((const uint8_t *)text, -1, &error);
    if (!doc) die("%s is not valid JSON: %s", relative, error.message);
    free(text);
    return doc;
}

/* A flat document as a C struct: keys, and per key a string, an integer or binary bytes. */
typedef struct {
    int count;
    char **keys;
    bson_type_t *types;
    char **strings;
    int64_t *ints;
    uint8_t *binary;
    uint32_t binary_len;
} flat_t;

static void flat_from_bson(flat_t *f, const bson_t *doc) {
    uint32_t n = bson_count_keys(doc);
    f->count = 0;
    f->keys = calloc(n, sizeof(char *));
    f->types = calloc(n, sizeof(bson_type_t));
    f->strings = calloc(n, sizeof(char *));
    f->ints = calloc(n, sizeof(int64_t));
    bson_iter_t it;
    bson_iter_init(&it, doc);
    while (bson_iter_next(&it)) {
        int k = f->count++;
        f->keys[k] = strdup(bson_iter_key(&it));
        switch (bson_iter_type(&it)) {
        case BSON_TYPE_UTF8: f->types[k] = BSON_TYPE_UTF8; f->strings[k] = strdup(bson_iter_utf8(&it, NULL)); break;
        case BSON_TYPE_INT32: case BSON_TYPE_INT64: f->types[k] = BSON_TYPE_INT64; f->ints[k] = bson_iter_as_int64(&it); break;
        case BSON_TYPE_BINARY: {
            const uint8_t *data;
            bson_subtype_t subtype;
            bson_iter_binary(&it, &subtype, &f->binary_len, &data);
            f->binary = malloc(f->binary_len);
            memcpy(f->binary, data, f->binary_len);
            f->types[k] = BSON_TYPE_BINARY;
            break;
        }
        default: die("odm data: unexpected type for %s", f->keys[k]);
        }
    }
}

/* Appends the struct's fields to b; `field1` replaced by `field1_value` when given. */
static void flat_append(bson_t *b, const flat_t *f, const char *field1_value) {
    for (int k = 0; k < f->count; k++) {
        const char *key = f->keys[k];
        switch (f->types[k]) {
        case BSON_TYPE_UTF8:
            bson_append_utf8(b, key, -1, field1_value && !strcmp(key, "field1") ? field1_value : f->strings[k], -1);
            break;
        case BSON_TYPE_INT64: bson_append_int64(b, key, -1, f->ints[k]); break;
        default: bson_append_binary(b, key, -1, BSON_SUBTYPE_BINARY, f->binary, f->binary_len); break;
        }
    }
}

/* Materialises a reply document as the ORM does: every string validated and copied, every
 * number read; the copies are freed after. Returns the number of values. */
static char *materialised[4096];
static int materialised_count;
static void materialise_iter(bson_iter_t *it) {
    while (bson_iter_next(it)) {
        switch (bson_iter_type(it)) {
        case BSON_TYPE_UTF8: {
            uint32_t len;
            const char *s = bson_iter_utf8(it, &len);
            if (!bson_utf8_validate(s, len, false)) die("invalid UTF-8 in a reply");
            char *copy = malloc(len + 1);
            memcpy(copy, s, len + 1);
            if (materialised_count < 4096) materialised[materialised_count++] = copy; else free(copy);
            break;
        }
        case BSON_TYPE_DOCUMENT: case BSON_TYPE_ARRAY: {
            bson_iter_t child;
            bson_iter_recurse(it, &child);
            materialise_iter(&child);
            break;
        }
        case BSON_TYPE_BINARY: {
            const uint8_t *data;
            uint32_t len;
            bson_subtype_t subtype;
            bson_iter_binary(it, &subtype, &len, &data);
            uint8_t *copy = malloc(len);
            memcpy(copy, data, len);
            if (materialised_count < 4096) materialised[materialised_count++] = (char *)copy; else free(copy);
            break;
        }
        case BSON_TYPE_OID: sink += bson_iter_oid(it)->bytes[11]; break;
        case BSON_TYPE_DATE_TIME: sink += (uint64_t)bson_iter_date_time(it); break;
        default: sink += (uint64_t)bson_iter_as_int64(it); break;
        }
    }
}
static void materialise(const bson_t *doc) {
    bson_iter_t it;
    bson_iter_init(&it, doc);
    materialise_iter(&it);
    for (int i = 0; i < materialised_count; i++) free(materialised[i]);
    materialised_count = 0;
}

/* Runs find(filter) and materialises every document; returns how many. */
static int find_all(mongoc_collection_t *c, const bson_t *filter) {
    mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(c, filter, NULL, NULL);
    const bson_t *doc;
    int count = 0;
    while (mongoc_cursor_next(cursor, &doc)) materialise(doc), count++;
    bson_error_t error;
    if (mongoc_cursor_error(cursor, &error)) die("find failed: %s", error.message);
    mongoc_cursor_destroy(cursor);
    return count;
}

static mongoc_collection_t *odm_collection(const char *name) { return mongoc_database_get_collection(odm_db, name); }

static void drop_collection(mongoc_collection_t *c) {
    bson_error_t error;
    if (!mongoc_collection_drop_with_opts(c, NULL, &error) && error.code != 26 && !strstr(error.message, "ns not found"))
        die("drop failed: %s", error.message);
}

static void create_index(mongoc_collection_t *c, const char *key, bool unique) {
    bson_t cmd = BSON_INITIALIZER, indexes, index, keys;
    char name[128];
    snprintf(name, sizeof name, "%s_1", key);
    BSON_APPEND_UTF8(&cmd, "createIndexes", mongoc_collection_get_name(c));
    BSON_APPEND_ARRAY_BEGIN(&cmd, "indexes", &indexes);
    BSON_APPEND_DOCUMENT_BEGIN(&indexes, "0", &index);
    BSON_APPEND_DOCUMENT_BEGIN(&index, "key", &keys);
    BSON_APPEND_INT32(&keys, key, 1);
    bson_append_document_end(&index, &keys);
    BSON_APPEND_UTF8(&index, "name", name);
    if (unique) BSON_APPEND_BOOL(&index, "unique", true);
    bson_append_document_end(&indexes, &index);
    bson_append_array_end(&cmd, &indexes);
    bson_error_t error;
    check(mongoc_collection_write_command_with_opts(c, &cmd, NULL, NULL, &error), &error, "createIndexes");
    bson_destroy(&cmd);
}

static void insert_built(mongoc_collection_t *c, bson_t **docs, int count) {
    bson_error_t error;
    for (int start = 0; start < count; start += 1000) {
        int n = count - start < 1000 ? count - start : 1000;
        check(mongoc_collection_insert_many(c, (const bson_t **)docs + start, (size_t)n, NULL, NULL, &error), &error, "insert_many");
    }
    for (int i = 0; i < count; i++) bson_destroy(docs[i]);
}

static void replace_by_id(mongoc_collection_t *c, const bson_oid_t *id, const bson_t *doc) {
    bson_t filter = BSON_INITIALIZER, opts = BSON_INITIALIZER;
    BSON_APPEND_OID(&filter, "_id", id);
    BSON_APPEND_BOOL(&opts, "upsert", true);
    bson_error_t error;
    check(mongoc_collection_replace_one(c, &filter, doc, &opts, NULL, &error), &error, "replace_one");
    bson_destroy(&filter);
    bson_destroy(&opts);
}

/* --- flat models --- */

static flat_t small_model, large_model;
static mongoc_collection_t *small_coll, *fk_coll, *small_fk_coll, *large_coll, *nested_coll;
static bson_oid_t *odm_ids, *fk_ids;
static int odm_iteration;

static void small_reset(void) { drop_collection(small_coll); create_index(small_coll, "field1", false); }

static void small_create_run(void) {
    bson_error_t error;
    for (int i = 0; i < opt_odm_n; i++) {
        bson_t doc = BSON_INITIALIZER;
        flat_append(&doc, &small_model, NULL);
        check(mongoc_collection_insert_one(small_coll, &doc, NULL, NULL, &error), &error, "insert_one");
        bson_destroy(&doc);
    }
}

/* Inserts `count` copies of f with known _ids (and field_fk when fks is given). */
static void load_flat(mongoc_collection_t *c, const flat_t *f, int count, bson_oid_t *ids, const bson_oid_t *fks) {
    bson_t **docs = calloc((size_t)count, sizeof(bson_t *));
    for (int i = 0; i < count; i++) {
        docs[i] = bson_new();
        bson_oid_init(&ids[i], NULL);
        BSON_APPEND_OID(docs[i], "_id", &ids[i]);
        flat_append(docs[i], f, NULL);
        if (fks) BSON_APPEND_OID(docs[i], "field_fk", &fks[i]);
    }
    insert_built(c, docs, count);
    free(docs);
}

static void flat_update(mongoc_collection_t *c, const flat_t *f, int count) {
    char value[64];
    snprintf(value, sizeof value, "updated_value%d", odm_iteration++);
    for (int i = 0; i < count; i++) {
        bson_t doc = BSON_INITIALIZER;
        BSON_APPEND_OID(&doc, "_id", &odm_ids[i]);
        flat_append(&doc, f, value);
        replace_by_id(c, &odm_ids[i], &doc);
        bson_destroy(&doc);
    }
}
static void small_update_run(void) { flat_update(small_coll, &small_model, opt_odm_n); }

static void small_find_by_id_run(void) {
    for (int i = 0; i < opt_odm_n; i++) {
        bson_t filter = BSON_INITIALIZER;
        BSON_APPEND_OID(&filter, "_id", &odm_ids[i]);
        if (find_all(small_coll, &filter) != 1) die("odm_small_find_by_id: not one document");
        bson_destroy(&filter);
    }
}

static void small_find_fk_run(void) {
    for (int i = 0; i < opt_odm_n; i++) {
        bson_t filter = BSON_INITIALIZER;
        BSON_APPEND_OID(&filter, "field_fk", &fk_ids[i]);
        if (find_all(small_fk_coll, &filter) != 1) die("odm_small_find_fk: not one document");
        bson_destroy(&filter);
    }
}

static void large_reset(void) { drop_collection(large_coll); }
static void large_create_run(void) {
    bson_error_t error;
    for (int i = 0; i < opt_odm_large_n; i++) {
        bson_t doc = BSON_INITIALIZER;
        flat_append(&doc, &large_model, NULL);
        check(mongoc_collection_insert_one(large_coll, &doc, NULL, NULL, &error), &error, "insert_one");
        bson_destroy(&doc);
    }
}
static void large_update_run(void) { flat_update(large_coll, &large_model, opt_odm_large_n); }

/* --- nested model --- */

typedef struct {
    char key[32];
    int is_array; /* embedded_str_doc_array: `items` embedded documents */
    int items;
    flat_t item[4];
} nested_field_t;
static nested_field_t nested_fields[16];
static int nested_field_count;

static void nested_from_bson(const bson_t *doc) {
    bson_iter_t it;
    bson_iter_init(&it, doc);
    while (bson_iter_next(&it)) {
        nested_field_t *f = &nested_fields[nested_field_count++];
        snprintf(f->key, sizeof f->key, "%s", bson_iter_key(&it));
        const uint8_t *data;
        uint32_t len;
        bson_t sub;
        if (BSON_ITER_HOLDS_ARRAY(&it)) {
            bson_iter_array(&it, &len, &data);
            bson_init_static(&sub, data, len);
            bson_iter_t items;
            bson_iter_init(&items, &sub);
            f->is_array = 1;
            while (bson_iter_next(&items) && f->items < 4) {
                bson_t item;
                bson_iter_document(&items, &len, &data);
                bson_init_static(&item, data, len);
                flat_from_bson(&f->item[f->items++], &item);
            }
        } else {
            bson_iter_document(&it, &len, &data);
            bson_init_static(&sub, data, len);
            f->items = 1;
            flat_from_bson(&f->item[0], &sub);
        }
    }
}

/* Builds the nested document: new unique_ids (hex strings, as the ORM stores them) for every
 * embedded object when `ids` is NULL, else the stored ones of document `doc_index`; `field1` of
 * embedded_str_doc_1 replaced when `field1_value` is given. */
static char (*nested_all_ids)[16][4][25];
static void nested_build(bson_t *b, int doc_index, int fresh, const char *field1_value) {
    for (int k = 0; k < nested_field_count; k++) {
        nested_field_t *f = &nested_fields[k];
        bson_t sub, array;
        bson_t *parent = b;
        if (f->is_array) BSON_APPEND_ARRAY_BEGIN(b, f->key, &array), parent = &array;
        for (int j = 0; j < f->items; j++) {
            char index_key[16];
            const char *key = f->is_array ? (snprintf(index_key, sizeof index_key, "%d", j), index_key) : f->key;
            BSON_APPEND_DOCUMENT_BEGIN(parent, key, &sub);
            flat_append(&sub, &f->item[j], k == 0 ? field1_value : NULL);
            char *id = nested_all_ids[doc_index][k][j];
            if (fresh) {
                bson_oid_t oid;
                bson_oid_init(&oid, NULL);
                bson_oid_to_string(&oid, id);
            }
            BSON_APPEND_UTF8(&sub, "unique_id", id);
            bson_append_document_end(parent, &sub);
        }
        if (f->is_array) bson_append_array_end(b, &array);
    }
}

static void nested_reset(void) { drop_collection(nested_coll); }
static void nested_create_run(void) {
    bson_error_t error;
    for (int i = 0; i < opt_odm_nested_n; i++) {
        bson_t doc = BSON_INITIALIZER;
        nested_build(&doc, i, 1, NULL);
        check(mongoc_collection_insert_one(nested_coll, &doc, NULL, NULL, &error), &error, "insert_one");
        bson_destroy(&doc);
    }
}
static void nested_load(void) {
    nested_reset();
    create_index(nested_coll, "embedded_str_doc_1.unique_id", false);
    create_index(nested_coll, "embedded_str_doc_array.unique_id", false);
    bson_t **docs = calloc((size_t)opt_odm_nested_n, sizeof(bson_t *));
    for (int i = 0; i < opt_odm_nested_n; i++) {
        docs[i] = bson_new();
        bson_oid_init(&odm_ids[i], NULL);
        BSON_APPEND_OID(docs[i], "_id", &odm_ids[i]);
        nested_build(docs[i], i, 1, NULL);
    }
    insert_built(nested_coll, docs, opt_odm_nested_n);
    free(docs);
}
static void nested_update_run(void) {
    char value[64];
    snprintf(value, sizeof value, "updated_value%d", odm_iteration++);
    for (int i = 0; i < opt_odm_nested_n; i++) {
        bson_t doc = BSON_INITIALIZER;
        BSON_APPEND_OID(&doc, "_id", &odm_ids[i]);
        nested_build(&doc, i, 0, value);
        replace_by_id(nested_coll, &odm_ids[i], &doc);
        bson_destroy(&doc);
    }
}
static int nested_array_field(void) {
    for (int k = 0; k < nested_field_count; k++) if (nested_fields[k].is_array) return k;
    die("odm data: no array field");
    return -1;
}
static void nested_find_field_run(void) {
    for (int i = 0; i < opt_odm_nested_n; i++) {
        bson_t filter = BSON_INITIALIZER;
        BSON_APPEND_UTF8(&filter, "embedded_str_doc_1.unique_id", nested_all_ids[i][0][0]);
        if (find_all(nested_coll, &filter) != 1) die("odm_nested_find_field: not one document");
        bson_destroy(&filter);
    }
}
static void nested_find_array_run(void) {
    int a = nested_array_field();
    for (int i = 0; i < opt_odm_nested_n; i++) {
        bson_t filter = BSON_INITIALIZER, cond, list;
        BSON_APPEND_DOCUMENT_BEGIN(&filter, "embedded_str_doc_array.unique_id", &cond);
        BSON_APPEND_ARRAY_BEGIN(&cond, "$in", &list);
        BSON_APPEND_UTF8(&list, "0", nested_all_ids[i][a][0]);
        bson_append_array_end(&cond, &list);
        bson_append_document_end(&filter, &cond);
        if (find_all(nested_coll, &filter) != 1) die("odm_nested_find_array: not one document");
        bson_destroy(&filter);
    }
}

static const char *odm_task_names[] = {"odm_small_create", "odm_small_update", "odm_small_find_by_id", "odm_small_find_fk",
                                       "odm_large_create", "odm_large_update", "odm_nested_create", "odm_nested_update",
                                       "odm_nested_find_field", "odm_nested_find_array"};

#define UPDATE_BYTES 32 /* BSON size of {"field1": "updated_value0"}, the spec's unit for updates */

static void run_odm_tasks(void) {
    odm_db = mongoc_client_get_database(client, "odmbench");
    int max_n = opt_odm_n;
    if (opt_odm_nested_n > max_n) max_n = opt_odm_nested_n;
    if (opt_odm_large_n > max_n) max_n = opt_odm_large_n;
    odm_ids = calloc((size_t)max_n, sizeof(bson_oid_t));
    fk_ids = calloc((size_t)max_n, sizeof(bson_oid_t));
    small_coll = odm_collection("odm_small_flat");
    fk_coll = odm_collection("odm_fk_target");
    small_fk_coll = odm_collection("odm_small_flat_fk");
    large_coll = odm_collection("odm_large_flat");
    nested_coll = odm_collection("odm_large_nested");

    if (wanted("odm_small_create") || wanted("odm_small_update") || wanted("odm_small_find_by_id") || wanted("odm_small_find_fk")) {
        bson_t *doc = load_odm_json("flat-models/small_doc.json");
        flat_from_bson(&small_model, doc);
        size_t bytes = doc->len;
        task_t create = {"odm_small_create", 0, small_reset, small_create_run, &opt_odm_n, bytes};
        if (wanted(create.name)) run_task(&create);
        task_t update = {"odm_small_update", 0, NULL, small_update_run, &opt_odm_n, UPDATE_BYTES};
        if (wanted(update.name)) small_reset(), load_flat(small_coll, &small_model, opt_odm_n, odm_ids, NULL), run_task(&update);
        task_t by_id = {"odm_small_find_by_id", 0, NULL, small_find_by_id_run, &opt_odm_n, bytes};
        if (wanted(by_id.name)) small_reset(), load_flat(small_coll, &small_model, opt_odm_n, odm_ids, NULL), run_task(&by_id);
        task_t by_fk = {"odm_small_find_fk", 0, NULL, small_find_fk_run, &opt_odm_n, bytes};
        if (wanted(by_fk.name)) {
            drop_collection(fk_coll);
            drop_collection(small_fk_coll);
            create_index(small_fk_coll, "field_fk", false);
            bson_t **targets = calloc((size_t)opt_odm_n, sizeof(bson_t *));
            for (int i = 0; i < opt_odm_n; i++) {
                targets[i] = bson_new();
                bson_oid_init(&fk_ids[i], NULL);
                BSON_APPEND_OID(targets[i], "_id", &fk_ids[i]);
                BSON_APPEND_UTF8(targets[i], "name", "foreign_key_name");
            }
            insert_built(fk_coll, targets, opt_odm_n);
            free(targets);
            load_flat(small_fk_coll, &small_model, opt_odm_n, odm_ids, fk_ids);
            run_task(&by_fk);
        }
        drop_collection(small_coll), drop_collection(fk_coll), drop_collection(small_fk_coll);
        bson_destroy(doc);
    }
    if (wanted("odm_large_create") || wanted("odm_large_update")) {
        bson_t *doc = load_odm_json("flat-models/large_doc.json");
        flat_from_bson(&large_model, doc);
        task_t create = {"odm_large_create", 0, large_reset, large_create_run, &opt_odm_large_n, doc->len};
        if (wanted(create.name)) run_task(&create);
        task_t update = {"odm_large_update", 0, NULL, large_update_run, &opt_odm_large_n, UPDATE_BYTES};
        if (wanted(update.name)) large_reset(), load_flat(large_coll, &large_model, opt_odm_large_n, odm_ids, NULL), run_task(&update);
        drop_collection(large_coll);
        bson_destroy(doc);
    }
    if (wanted("odm_nested_create") || wanted("odm_nested_update") || wanted("odm_nested_find_field") || wanted("odm_nested_find_array")) {
        bson_t *doc = load_odm_json("nested-models/large_doc_nested.json");
        nested_from_bson(doc);
        nested_all_ids = calloc((size_t)opt_odm_nested_n, sizeof *nested_all_ids);
        task_t create = {"odm_nested_create", 0, nested_reset, nested_create_run, &opt_odm_nested_n, doc->len};
        if (wanted(create.name)) run_task(&create);
        if (wanted("odm_nested_update") || wanted("odm_nested_find_field") || wanted("odm_nested_find_array")) nested_load();
        task_t update = {"odm_nested_update", 0, NULL, nested_update_run, &opt_odm_nested_n, UPDATE_BYTES};
        if (wanted(update.name)) run_task(&update);
        task_t field = {"odm_nested_find_field", 0, NULL, nested_find_field_run, &opt_odm_nested_n, doc->len};
        if (wanted(field.name)) run_task(&field);
        task_t array = {"odm_nested_find_array", 0, NULL, nested_find_array_run, &opt_odm_nested_n, doc->len};
        if (wanted(array.name)) run_task(&array);
        drop_collection(nested_coll);
        bson_destroy(doc);
    }
    mongoc_collection_destroy(small_coll), mongoc_collection_destroy(fk_coll), mongoc_collection_destroy(small_fk_coll);
    mongoc_collection_destroy(large_coll), mongoc_collection_destroy(nested_coll);
    mongoc_database_destroy(odm_db);
}

/* ---------- indexer rows (C floor of nonrel-bench's indexer_* rows) ----------
 * The same data set as IndexerData in Benchmarks/Sources/NonrelBench/IndexerTasks.swift, and
 * the queries a C programmer would send without the indexer:
 *   indexer_icontains_native  find({title: {$regex: needle, $options: "i"}})
 *   indexer_month_native      find({$expr: {$eq: [{$month: "$created"}, m]}})
 *   indexer_join_inmemory     find the author by username, then find({author: id})
 *   indexer_join_pushdown     aggregate: $lookup authors by _id, $match on the username, $project
 *   indexer_join_n_plus_1     find({}) over every post, then find({_id: author}) per post
 * Every returned document is materialised. */

static int opt_indexer_docs = 12000, opt_indexer_queries = 2, opt_indexer_iterations = 2;
static mongoc_collection_t *idx_posts, *idx_authors;
static bson_oid_t *idx_author_ids;
static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "pi"};

static void idx_word(int w, char *out) {
    snprintf(out, 16, "%s%stron", syllables[w / 10], syllables[w % 10]);
    out[0] = (char)(out[0] - 'a' + 'A');
}
static int idx_first_word(int i) { return i % 100; }
static int idx_second_word(int i) { return (i / 100 * 7 + i * 3 + 11) % 100; }
static int idx_author_count(void) { return opt_indexer_docs / 20 > 1 ? opt_indexer_docs / 20 : 1; }
static int64_t idx_created_ms(int i) { return (1640995200LL + (int64_t)i * 3917) * 1000; }
static int idx_needle_word(int k) { return (k * 37 + 5) % 100; }
static int idx_month(int k) { return (k + 2) % 12 + 1; }
static int idx_join_author(int k) { return (7 + k) % idx_author_count(); }
static void idx_needle(int k, char *out) {
    idx_word(idx_needle_word(k), out);
    for (int j = 0; out[j]; j++) out[j] = (char)(j % 2 ? (out[j] >= 'a' ? out[j] - 32 : out[j]) : (out[j] < 'a' ? out[j] + 32 : out[j]));
}
static int idx_needle_matches(int k) {
    int w = idx_needle_word(k), n = 0;
    for (int i = 0; i < opt_indexer_docs; i++) n += idx_first_word(i) == w || idx_second_word(i) == w;
    return n;
}
static int idx_month_matches(int k) {
    int n = 0;
    for (int i = 0; i < opt_indexer_docs; i++) {
        time_t t = (time_t)(idx_created_ms(i) / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        n += tm.tm_mon + 1 == idx_month(k);
    }
    return n;
}
static int idx_author_matches(int k) {
    int n = 0;
    for (int i = 0; i < opt_indexer_docs; i++) n += i % idx_author_count() == idx_join_author(k);
    return n;
}

static void idx_load(void) {
    mongoc_database_t *d = mongoc_client_get_database(client, "idxbench");
    bson_error_t error;
    check(mongoc_database_drop_with_opts(d, NULL, &error) || error.code == 26, &error, "drop database");
    mongoc_database_destroy(d);
    create_index(idx_authors, "username", true);
    create_index(idx_posts, "author", false);
    int a = idx_author_count();
    idx_author_ids = calloc((size_t)a, sizeof(bson_oid_t));
    bson_t **docs = calloc((size_t)(a > opt_indexer_docs ? a : opt_indexer_docs), sizeof(bson_t *));
    for (int i = 0; i < a; i++) {
        char name[32];
        snprintf(name, sizeof name, "user%d", i);
        docs[i] = bson_new();
        bson_oid_init(&idx_author_ids[i], NULL);
        BSON_APPEND_OID(docs[i], "_id", &idx_author_ids[i]);
        BSON_APPEND_UTF8(docs[i], "username", name);
    }
    insert_built(idx_authors, docs, a);
    for (int i = 0; i < opt_indexer_docs; i++) {
        char title[96], w1[16], w2[16];
        idx_word(idx_first_word(i), w1);
        idx_word(idx_second_word(i), w2);
        snprintf(title, sizeof title, "Post %d: notes on %s and %s", i, w1, w2);
        docs[i] = bson_new();
        bson_oid_t id;
        bson_oid_init(&id, NULL);
        BSON_APPEND_OID(docs[i], "_id", &id);
        BSON_APPEND_UTF8(docs[i], "title", title);
        BSON_APPEND_OID(docs[i], "author", &idx_author_ids[i % a]);
        BSON_APPEND_DATE_TIME(docs[i], "created", idx_created_ms(i));
        BSON_APPEND_INT64(docs[i], "views", i % 1000);
    }
    insert_built(idx_posts, docs, opt_indexer_docs);
    free(docs);
}

static void idx_expect(const char *task, int got, int expected) {
    if (got != expected) die("%s: %d documents, expected %d", task, got, expected);
}

static void idx_icontains_run(void) {
    for (int k = 0; k < opt_indexer_queries; k++) {
        char needle[16];
        idx_needle(k, needle);
        bson_t filter = BSON_INITIALIZER, cond;
        BSON_APPEND_DOCUMENT_BEGIN(&filter, "title", &cond);
        BSON_APPEND_UTF8(&cond, "$regex", needle);
        BSON_APPEND_UTF8(&cond, "$options", "i");
        bson_append_document_end(&filter, &cond);
        idx_expect("indexer_icontains_native", find_all(idx_posts, &filter), idx_needle_matches(k));
        bson_destroy(&filter);
    }
}

static void idx_month_run(void) {
    for (int k = 0; k < opt_indexer_queries; k++) {
        bson_t *filter = BCON_NEW("$expr", "{", "$eq", "[", "{", "$month", BCON_UTF8("$created"), "}", BCON_INT32(idx_month(k)), "]", "}");
        idx_expect("indexer_month_native", find_all(idx_posts, filter), idx_month_matches(k));
        bson_destroy(filter);
    }
}

static void idx_join_inmemory_run(void) {
    for (int k = 0; k < opt_indexer_queries; k++) {
        char name[32];
        snprintf(name, sizeof name, "user%d", idx_join_author(k));
        bson_t filter = BSON_INITIALIZER;
        BSON_APPEND_UTF8(&filter, "username", name);
        mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(idx_authors, &filter, NULL, NULL);
        const bson_t *doc;
        bson_t posts = BSON_INITIALIZER, cond, list;
        BSON_APPEND_DOCUMENT_BEGIN(&posts, "author", &cond);
        BSON_APPEND_ARRAY_BEGIN(&cond, "$in", &list);
        int n = 0;
        while (mongoc_cursor_next(cursor, &doc)) {
            bson_iter_t it;
            char key[16];
            if (bson_iter_init_find(&it, doc, "_id")) snprintf(key, sizeof key, "%d", n++), BSON_APPEND_OID(&list, key, bson_iter_oid(&it));
        }
        mongoc_cursor_destroy(cursor);
        bson_append_array_end(&cond, &list);
        bson_append_document_end(&posts, &cond);
        idx_expect("indexer_join_inmemory", find_all(idx_posts, &posts), idx_author_matches(k));
        bson_destroy(&posts);
        bson_destroy(&filter);
    }
}

static void idx_join_pushdown_run(void) {
    for (int k = 0; k < opt_indexer_queries; k++) {
        char name[32];
        snprintf(name, sizeof name, "user%d", idx_join_author(k));
        bson_t *pipeline = BCON_NEW("pipeline", "[",
                                    "{", "$lookup", "{", "from", BCON_UTF8("idx_authors"), "localField", BCON_UTF8("author"),
                                    "foreignField", BCON_UTF8("_id"), "as", BCON_UTF8("_j"), "}", "}",
                                    "{", "$match", "{", "_j.username", BCON_UTF8(name), "}", "}",
                                    "{", "$project", "{", "_j", BCON_INT32(0), "}", "}", "]");
        mongoc_cursor_t *cursor = mongoc_collection_aggregate(idx_posts, MONGOC_QUERY_NONE, pipeline, NULL, NULL);
        const bson_t *doc;
        int count = 0;
        while (mongoc_cursor_next(cursor, &doc)) materialise(doc), count++;
        bson_error_t error;
        if (mongoc_cursor_error(cursor, &error)) die("aggregate failed: %s", error.message);
        mongoc_cursor_destroy(cursor);
        idx_expect("indexer_join_pushdown", count, idx_author_matches(k));
        bson_destroy(pipeline);
    }
}

static void idx_join_n_plus_1_run(void) {
    char name[32];
    snprintf(name, sizeof name, "user%d", idx_join_author(0));
    bson_t all = BSON_INITIALIZER;
    mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(idx_posts, &all, NULL, NULL);
    const bson_t *doc;
    bson_oid_t *authors = calloc((size_t)opt_indexer_docs, sizeof(bson_oid_t));
    int posts = 0, matched = 0;
    while (mongoc_cursor_next(cursor, &doc)) {
        bson_iter_t it;
        if (posts < opt_indexer_docs && bson_iter_init_find(&it, doc, "author")) bson_oid_copy(bson_iter_oid(&it), &authors[posts]);
        materialise(doc);
        posts++;
    }
    mongoc_cursor_destroy(cursor);
    for (int i = 0; i < posts && i < opt_indexer_docs; i++) {
        bson_t filter = BSON_INITIALIZER;
        BSON_APPEND_OID(&filter, "_id", &authors[i]);
        mongoc_cursor_t *c = mongoc_collection_find_with_opts(idx_authors, &filter, NULL, NULL);
        const bson_t *author;
        while (mongoc_cursor_next(c, &author)) {
            bson_iter_t it;
            if (bson_iter_init_find(&it, author, "username") && !strcmp(bson_iter_utf8(&it, NULL), name)) matched++;
            materialise(author);
        }
        mongoc_cursor_destroy(c);
        bson_destroy(&filter);
    }
    free(authors);
    idx_expect("indexer_join_n_plus_1", matched, idx_author_matches(0));
}

static const char *indexer_task_names[] = {"indexer_icontains_native", "indexer_icontains_registered", "indexer_month_native",
                                           "indexer_month_registered", "indexer_join_inmemory", "indexer_join_pushdown",
                                           "indexer_join_denormalized", "indexer_join_n_plus_1"};

static void run_indexer_tasks(void) {
    idx_posts = mongoc_client_get_collection(client, "idxbench", "idx_posts");
    idx_authors = mongoc_client_get_collection(client, "idxbench", "idx_authors");
    double t0 = now_s();
    idx_load();
    printf("  (indexer data: %d posts, %d authors, loaded in %.1f s)\n", opt_indexer_docs, idx_author_count(), now_s() - t0);
    int saved = opt_iterations, one = 1;
    opt_iterations = opt_iterations ? opt_iterations : opt_indexer_iterations;
    task_t tasks[] = {
        {"indexer_icontains_native", 0, NULL, idx_icontains_run, &opt_indexer_queries, 0},
        {"indexer_month_native", 0, NULL, idx_month_run, &opt_indexer_queries, 0},
        {"indexer_join_inmemory", 0, NULL, idx_join_inmemory_run, &opt_indexer_queries, 0},
        {"indexer_join_pushdown", 0, NULL, idx_join_pushdown_run, &opt_indexer_queries, 0},
    };
    for (size_t k = 0; k < sizeof tasks / sizeof *tasks; k++)
        if (wanted(tasks[k].name)) run_task(&tasks[k]);
    if (wanted("indexer_join_n_plus_1")) {
        int warmup = opt_warmup;
        opt_iterations = 1, opt_warmup = 0;
        task_t n1 = {"indexer_join_n_plus_1", 0, NULL, idx_join_n_plus_1_run, &one, 0};
        run_task(&n1);
        opt_warmup = warmup;
    }
    opt_iterations = saved;
    mongoc_database_t *d = mongoc_client_get_database(client, "idxbench");
    bson_error_t error;
    mongoc_database_drop_with_opts(d, NULL, &error);
    mongoc_database_destroy(d);
    mongoc_collection_destroy(idx_posts);
    mongoc_collection_destroy(idx_authors);
}

/* ---------- main ---------- */

static const char *opt_group = NULL;

static const char *group_of(const char *name) {
    if (!strncmp(name, "bson_", 5)) return "bson";
    if (!strncmp(name, "odm_", 4)) return "odm";
    if (!strncmp(name, "indexer_", 8)) return "indexer";
    return "driver";
}

static int wanted(const char *name) {
    if (opt_group && strcmp(group_of(name), opt_group)) return 0;
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
           "                      [--bson-n N] [--docs N] [--tasks a,b,...] [--group G] [--out FILE]\n"
           "                      [--odm-n N] [--odm-large-n N] [--odm-nested-n N]\n"
           "                      [--indexer-docs N] [--indexer-queries Q] [--indexer-iterations K]\n"
           "                      [--no-utf8-check]  (decode walks skip UTF-8 validation)\n");
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--data")) opt_data = v, i++;
        else if (!strcmp(a, "--uri")) opt_uri = v, i++;
        else if (!strcmp(a, "--out")) opt_out = v, i++;
        else if (!strcmp(a, "--executor")) i++; /* Nonrel only: where its tasks run */
        else if (!strcmp(a, "--tasks")) opt_tasks = v, i++;
        else if (!strcmp(a, "--iterations")) opt_iterations = int_arg(a, v), i++;
        else if (!strcmp(a, "--warmup")) opt_warmup = v && !strcmp(v, "0") ? 0 : int_arg(a, v), i++;
        else if (!strcmp(a, "--n")) opt_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--bson-n")) opt_bson_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--docs")) opt_docs = int_arg(a, v), i++;
        else if (!strcmp(a, "--group")) opt_group = v, i++;
        else if (!strcmp(a, "--odm-n")) opt_odm_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--odm-large-n")) opt_odm_large_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--odm-nested-n")) opt_odm_nested_n = int_arg(a, v), i++;
        else if (!strcmp(a, "--indexer-docs")) opt_indexer_docs = int_arg(a, v), i++;
        else if (!strcmp(a, "--indexer-queries")) opt_indexer_queries = int_arg(a, v), i++;
        else if (!strcmp(a, "--indexer-iterations")) opt_indexer_iterations = int_arg(a, v), i++;
        else if (!strcmp(a, "--no-utf8-check")) { opt_utf8_check = 0; continue; }
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) return usage(), 0;
        else die("unknown argument %s (see --help)", a);
        if (i >= argc) die("%s needs a value", a);
    }
    if (!opt_data) die("--data needs a value");
    if (opt_group && strcmp(opt_group, "bson") && strcmp(opt_group, "driver") && strcmp(opt_group, "odm") && strcmp(opt_group, "indexer"))
        die("unknown group \"%s\"; groups are bson, driver, odm, indexer", opt_group);
    if (opt_tasks) {
        static const char *known[] = {"bson_flat_encode", "bson_flat_decode", "bson_deep_encode", "bson_deep_decode",
                                      "bson_full_encode", "bson_full_decode", "small_insert_one", "find_one_by_id",
                                      "small_bulk_insert", "large_bulk_insert", "find_many", "empty_cursor"};
        char *copy = strdup(opt_tasks), *save = NULL;
        for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
            size_t k = 0;
            while (k < sizeof known / sizeof *known && strcmp(known[k], name)) k++;
            int extra = 0;
            for (size_t j = 0; j < sizeof odm_task_names / sizeof *odm_task_names; j++) extra |= !strcmp(odm_task_names[j], name);
            for (size_t j = 0; j < sizeof indexer_task_names / sizeof *indexer_task_names; j++) extra |= !strcmp(indexer_task_names[j], name);
            if (k == sizeof known / sizeof *known && !extra) die("unknown task \"%s\" (see the table in Benchmarks/README.md)", name);
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
    int any_driver = 0, any_odm = 0, any_indexer = 0;
    for (size_t k = 0; k < sizeof driver_tasks / sizeof *driver_tasks; k++) any_driver |= wanted(driver_tasks[k]);
    for (size_t k = 0; k < sizeof odm_task_names / sizeof *odm_task_names; k++) any_odm |= wanted(odm_task_names[k]);
    for (size_t k = 0; k < sizeof indexer_task_names / sizeof *indexer_task_names; k++) any_indexer |= wanted(indexer_task_names[k]);
    if (any_driver || any_odm || any_indexer) {
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
        for (size_t k = 0; k < sizeof tasks / sizeof *tasks && any_driver; k++) {
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
        if (any_driver) drop_only();
        if (any_odm) run_odm_tasks();
        if (any_indexer) run_indexer_tasks();
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

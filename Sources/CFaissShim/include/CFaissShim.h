#ifndef CFAISS_SHIM_H
#define CFAISS_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque FAISS index that maps explicit 64-bit ids to vectors and scores by inner product.
typedef struct pm_index pm_index;

/// Index layouts: exact search, or an HNSW graph for users with many memories.
enum { PM_INDEX_FLAT = 0, PM_INDEX_HNSW = 1 };

/// Result codes. Every call catches C++ exceptions and reports them through these codes;
/// `pm_last_error` returns the message of the last failure on the calling thread.
enum { PM_OK = 0, PM_ERR_ARGUMENT = 1, PM_ERR_FAISS = 2, PM_ERR_UNSUPPORTED = 3, PM_ERR_IO = 4 };

int pm_index_new(int32_t dims, int32_t kind, int32_t hnsw_m, pm_index **out);
void pm_index_free(pm_index *index);
int pm_index_add(pm_index *index, int64_t n, const float *vectors, const int64_t *ids);
/// Writes up to k results per query; unused slots get id -1.
int pm_index_search(const pm_index *index, int64_t k, const float *query, float *scores, int64_t *ids);
/// Removes the given ids. Flat: in place. HNSW (whose graph cannot drop nodes): rebuilds the graph from the
/// vectors kept in the index, with the same M, efConstruction and efSearch — O(n log n), so batch removals.
int pm_index_remove(pm_index *index, int64_t n, const int64_t *ids, int64_t *removed);
/// Inner products of `query` with the stored vectors of `ids`: `found[i]` is 1 and `scores[i]` the
/// product when `ids[i]` is in the index, else 0 and 0. Computed as the exact search computes its scores.
int pm_index_inner_products(const pm_index *index, const float *query, int64_t n, const int64_t *ids, float *scores, uint8_t *found);
/// Copies the index's ids, in insertion order, into `ids` (room for `pm_index_count` entries).
int pm_index_ids(const pm_index *index, int64_t *ids);
int64_t pm_index_count(const pm_index *index);
int32_t pm_index_dims(const pm_index *index);
int32_t pm_index_kind(const pm_index *index);
void pm_index_set_ef_search(pm_index *index, int32_t ef);
int pm_index_write(const pm_index *index, const char *path);
int pm_index_read(const char *path, pm_index **out);
const char *pm_last_error(void);
/// Threads FAISS may use for one call (OpenMP). On a small machine serving many requests at once,
/// 1 avoids threads spinning against each other; 0 leaves the OpenMP default.
void pm_set_threads(int32_t threads);
/// Route even single-query exact searches through BLAS (process-wide).
void pm_use_blas_for_single_queries(void);

/// OpenBLAS's single-precision matrix product (linked for FAISS, also used by the in-process
/// embedding model): C = alpha·op(A)·op(B) + beta·C. Declared here with plain ints, which is its ABI
/// (LP64 OpenBLAS); use `PM_CBLAS_ROW_MAJOR` and `PM_CBLAS_NO_TRANS` / `PM_CBLAS_TRANS`.
enum { PM_CBLAS_ROW_MAJOR = 101, PM_CBLAS_NO_TRANS = 111, PM_CBLAS_TRANS = 112 };
void cblas_sgemm(int order, int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);

/// Output columns per block of a packed weight matrix.
#define PM_PACKED_BLOCK 16
/// Whether this CPU runs `pm_packed_linear` (AVX2, FMA and F16C); when 0, use `cblas_sgemm`.
int pm_packed_linear_available(void);
/// Packs a row-major weight matrix `[outputs × inputs]` (a linear layer as PyTorch stores it) for
/// `pm_packed_linear`, as half-precision floats: blocks of `PM_PACKED_BLOCK` output columns, each
/// `[inputs × PM_PACKED_BLOCK]`. `outputs` must be a multiple of the block; `packed` has room for
/// `outputs × inputs` halves. `PM_ERR_UNSUPPORTED` (nothing written) when the kernel cannot run.
int pm_pack_weights(const float *weight, int outputs, int inputs, uint16_t *packed);
/// Adds `x · Wᵀ` to `y` for the output blocks `[first_block, last_block)`: `x` is `[rows × inputs]`,
/// `y` has `rows` rows of `y_stride` floats. For a few rows this streams the weights once instead of
/// re-packing them as `cblas_sgemm` does. `PM_ERR_UNSUPPORTED` (nothing written) when it cannot run.
int pm_packed_linear(const float *x, int rows, int inputs, const uint16_t *packed, int first_block, int last_block, float *y,
                     int y_stride);

#ifdef __cplusplus
}
#endif

#endif

// The shim's index handle and the exact scan over flat indexes. Internal to the shim (not in include/).
#pragma once

#include <faiss/IndexIDMap.h>

#include <cstdint>
#include <memory>
#include <vector>

/// A copy of a flat index's vectors as 8-bit integers, row for row, each row with its own scale and
/// what bounds the error of a product with it; one query scans it to pick its candidates before
/// they are scored exactly from FAISS's own single-precision vectors.
struct pm_coarse_mirror {
    /// Row r is stored as `scales[r]` times its `dims` codes.
    std::vector<int8_t> codes;
    std::vector<float> scales;
    /// Per row, rounded up: the norm of the stored row, and ‖row − stored row‖ plus the exact
    /// scan's own rounding per unit of query norm (see flat_scan.cpp).
    std::vector<float> stored_norms;
    std::vector<float> slack;
    /// False when a value is not finite: the scan then reads FAISS's vectors only.
    bool usable = true;

    /// Appends the last `n` rows of `flat` (call after adding them to the index).
    void append(const float *rows, int64_t n, int dims);
    /// Copies every row again (after a removal or a read).
    void rebuild(const faiss::Index &index);
    /// Whether it holds exactly the rows of `index`.
    bool matches(const faiss::Index &index) const;
};

struct pm_index {
    std::unique_ptr<faiss::IndexIDMap2> map;
    int32_t kind;
    pm_coarse_mirror coarse;
};

/// One query against a flat inner-product index, as FAISS's own search answers it (best first, unused
/// slots id -1), scanned by the shim's AVX2 loops instead. Returns false (nothing written) for any other
/// index, e.g. one read from a file that holds another kind, or on CPUs without AVX2.
bool pm_search_flat(const pm_index &index, int64_t k, const float *query, float *scores, faiss::Index::idx_t *labels);

/// The inner products of `query` with the vectors stored at `rows`, as the exact scan computes them.
void pm_stored_inner_products(const faiss::IndexIDMap2 &map, const int64_t *rows, int64_t count, const float *query, float *out);

// The shim's index handle and the exact scan over flat indexes. Internal to the shim (not in include/).
#pragma once

#include <faiss/IndexIDMap.h>

#include <cstdint>
#include <memory>
#include <vector>

/// A copy of a flat index's vectors in half precision, row for row, that one query scans to pick
/// its candidates before they are scored exactly from FAISS's own single-precision vectors.
struct pm_half_mirror {
    std::vector<uint16_t> values;
    /// The largest vector norm copied (bounds the error of a half-precision product).
    float largest_norm = 0;
    /// False when a value does not fit half precision: the scan then reads FAISS's vectors only.
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
    pm_half_mirror half;
};

/// One query against a flat inner-product index, as FAISS's own search answers it (best first, unused
/// slots id -1), scanned by the shim's AVX2 loops instead. Returns false (nothing written) for any other
/// index, e.g. one read from a file that holds another kind, or on CPUs without AVX2.
bool pm_search_flat(const pm_index &index, int64_t k, const float *query, float *scores, faiss::Index::idx_t *labels);

/// The inner product of `query` with the vector stored at `row`, as the exact scan computes it
/// (`scratch` has room for one vector).
float pm_stored_inner_product(const faiss::IndexIDMap2 &map, int64_t row, const float *query, float *scratch);

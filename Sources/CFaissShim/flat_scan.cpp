// Exact search of one query over a flat inner-product index (see index.h).
//
// Debian builds FAISS without wide SIMD, and its BLAS path re-packs every stored vector per call. The
// scan here reads a half-precision copy of the vectors (half the bytes, so a user's vectors stay in
// the cache), keeps every row whose approximate score could reach the best k, and scores those again
// from FAISS's single-precision vectors: the answer is the exact scan's, ids and scores.
#include "index.h"
#include "kernels.h"

#include <faiss/IndexFlat.h>
#include <faiss/utils/Heap.h>

#include <cmath>

using Label = faiss::Index::idx_t;
using Keep = faiss::CMin<float, Label>;

static const faiss::IndexFlat *flat_inner_product(const faiss::Index &index) {
    const auto *flat = dynamic_cast<const faiss::IndexFlat *>(&index);
    if (flat == nullptr || flat->metric_type != faiss::METRIC_INNER_PRODUCT) return nullptr;
    return flat;
}

void pm_half_mirror::append(const float *rows, int64_t n, int dims) {
    if (!usable || !pm_kernels::available() || n <= 0) return;
    for (int64_t i = 0; i < n * dims; i++) {
        if (!(std::fabs(rows[i]) <= 60000.0f)) {
            usable = false;
            values.clear();
            return;
        }
    }
    for (int64_t r = 0; r < n; r++) {
        double sum = 0;
        for (int d = 0; d < dims; d++) sum += double(rows[r * dims + d]) * rows[r * dims + d];
        largest_norm = std::max(largest_norm, float(std::sqrt(sum)));
    }
    const size_t start = values.size();
    values.resize(start + size_t(n) * dims);
    pm_kernels::to_half(rows, n * dims, values.data() + start);
}

void pm_half_mirror::rebuild(const faiss::Index &index) {
    values.clear();
    largest_norm = 0;
    usable = true;
    if (const auto *flat = flat_inner_product(index)) append(flat->get_xb(), flat->ntotal, flat->d);
}

bool pm_half_mirror::matches(const faiss::Index &index) const {
    return usable && values.size() == size_t(index.ntotal) * size_t(index.d);
}

// How far a half-precision product can be from the single-precision one: each value is off by at most
// 2⁻¹¹ of itself (2⁻²⁵ below half's normal range), and either sum's rounding by dims·2⁻²⁴ of the
// terms; doubled for margin.
static float error_bound(const float *query, int dims, float largest_norm) {
    double squares = 0, absolutes = 0;
    for (int d = 0; d < dims; d++) {
        squares += double(query[d]) * query[d];
        absolutes += std::fabs(query[d]);
    }
    const double relative = std::ldexp(1.0, -11) + 2.0 * dims * std::ldexp(1.0, -24);
    return float(2.0 * (relative * std::sqrt(squares) * largest_norm + std::ldexp(absolutes, -25)));
}

bool pm_search_flat(const pm_index &index, int64_t k, const float *query, float *scores, Label *labels) {
    const auto *flat = flat_inner_product(*index.map->index);
    if (flat == nullptr || !pm_kernels::available()) return false;
    const int64_t n = flat->ntotal;
    const int dims = flat->d;
    const float *vectors = flat->get_xb();
    std::vector<float> all(static_cast<size_t>(n));
    faiss::heap_heapify<Keep>(k, scores, labels);
    if (n > k && index.half.matches(*flat)) {
        // The approximate best k; every row within twice the error of the k-th could be in the exact best k.
        pm_kernels::half_inner_products(query, index.half.values.data(), n, dims, all.data());
        for (int64_t i = 0; i < n; i++) {
            if (Keep::cmp(scores[0], all[i])) faiss::heap_replace_top<Keep>(k, scores, labels, all[i], i);
        }
        const float cut = scores[0] - 2 * error_bound(query, dims, index.half.largest_norm);
        faiss::heap_heapify<Keep>(k, scores, labels);
        for (int64_t i = 0; i < n; i++) {
            if (!(all[i] >= cut)) continue;
            float exact;
            pm_kernels::inner_products(query, vectors + i * dims, 1, dims, &exact);
            if (Keep::cmp(scores[0], exact)) faiss::heap_replace_top<Keep>(k, scores, labels, exact, i);
        }
    } else {
        pm_kernels::inner_products(query, vectors, n, dims, all.data());
        for (int64_t i = 0; i < n; i++) {
            if (Keep::cmp(scores[0], all[i])) faiss::heap_replace_top<Keep>(k, scores, labels, all[i], i);
        }
    }
    faiss::heap_reorder<Keep>(k, scores, labels);
    for (int64_t j = 0; j < k; j++) {
        if (labels[j] >= 0) labels[j] = index.map->id_map[labels[j]];
    }
    return true;
}

float pm_stored_inner_product(const faiss::IndexIDMap2 &map, int64_t row, const float *query, float *scratch) {
    const int dims = map.d;
    const float *vector = scratch;
    if (const auto *flat = dynamic_cast<const faiss::IndexFlat *>(map.index)) {
        vector = flat->get_xb() + row * dims;
    } else {
        map.index->reconstruct(row, scratch);
    }
    if (pm_kernels::available()) {
        float dot;
        pm_kernels::inner_products(query, vector, 1, dims, &dot);
        return dot;
    }
    float dot = 0;
    for (int d = 0; d < dims; d++) dot += query[d] * vector[d];
    return dot;
}

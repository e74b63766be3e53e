// Exact search of one query over a flat inner-product index (see index.h).
//
// Debian builds FAISS without wide SIMD, and its BLAS path re-packs every stored vector per call. The
// scan here reads an 8-bit copy of the vectors (a quarter of the bytes, so a user's vectors stay in
// the cache), keeps every row whose exact score could reach the best k by the row's own error
// bound, and scores those again from FAISS's single-precision vectors: the answer is the exact
// scan's, ids and scores.
#include "index.h"
#include "kernels.h"

#include <faiss/IndexFlat.h>
#include <faiss/utils/Heap.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <functional>

using Label = faiss::Index::idx_t;
using Keep = faiss::CMin<float, Label>;

static const faiss::IndexFlat *flat_inner_product(const faiss::Index &index) {
    const auto *flat = dynamic_cast<const faiss::IndexFlat *>(&index);
    if (flat == nullptr || flat->metric_type != faiss::METRIC_INNER_PRODUCT) return nullptr;
    return flat;
}

// How far a single-precision computation with `steps` roundings in a row (a dot product rounds at most
// each product and each sum) can be from the real sum, relative to the sum of the products'
// magnitudes: steps·2⁻²⁴ / (1 − steps·2⁻²⁴).
static double rounding(int steps) {
    const double unit = std::ldexp(1.0, -24);
    return steps * unit / (1 - steps * unit);
}

// Rounds up, so that a bound kept as a float still bounds.
static float upward(double value) { return std::nextafter(float(value), HUGE_VALF); }

// Row x is stored as y = s·c (s = max |xᵢ| / 127, c rounded to integers), the query q as t·k (t =
// max |qᵢ| / K, k rounded to integers). The scan's approximate score a = s·t·Σ cᵢkᵢ, the integer
// sum exact and the rest in double precision, is y·(q − f) with f = q − t·k, so a − x·q =
// −y·f − (x − y)·q, and the exact scan's single-precision score differs from x·q by at most
// γ·‖x‖·‖q‖ (γ = rounding(2·dims)). Hence |a − exact| ≤ ‖y‖·‖f‖ + (‖x − y‖ + γ·‖x‖)·‖q‖.
void pm_coarse_mirror::append(const float *rows, int64_t n, int dims) {
    if (!usable || !pm_kernels::available() || n <= 0) return;
    const double gamma = rounding(2 * dims);
    const size_t start = codes.size();
    codes.resize(start + size_t(n) * dims);
    for (int64_t r = 0; r < n; r++) {
        const float *row = rows + r * dims;
        double largest = 0, squares = 0;
        for (int d = 0; d < dims; d++) {
            if (!std::isfinite(row[d])) {
                usable = false;
                codes.clear();
                scales.clear();
                stored_norms.clear();
                slack.clear();
                return;
            }
            largest = std::max(largest, std::fabs(double(row[d])));
            squares += double(row[d]) * row[d];
        }
        // A row too small for a normal scale keeps zero codes: all of it is residual.
        const float scale = largest >= std::ldexp(1.0, -100) ? float(largest / 127) : 0.0f;
        int8_t *code = codes.data() + start + size_t(r) * dims;
        double residual = 0, stored = 0;
        for (int d = 0; d < dims; d++) {
            const double level = scale > 0 ? std::clamp(std::nearbyint(row[d] / double(scale)), -127.0, 127.0) : 0.0;
            code[d] = int8_t(level);
            const double value = double(scale) * level;
            residual += (row[d] - value) * (row[d] - value);
            stored += value * value;
        }
        scales.push_back(scale);
        stored_norms.push_back(upward(std::sqrt(stored)));
        slack.push_back(upward(std::sqrt(residual) + gamma * std::sqrt(squares)));
    }
}

void pm_coarse_mirror::rebuild(const faiss::Index &index) {
    codes.clear();
    scales.clear();
    stored_norms.clear();
    slack.clear();
    usable = true;
    if (const auto *flat = flat_inner_product(index)) append(flat->get_xb(), flat->ntotal, flat->d);
}

bool pm_coarse_mirror::matches(const faiss::Index &index) const {
    return usable && scales.size() == size_t(index.ntotal) && codes.size() == size_t(index.ntotal) * size_t(index.d);
}

namespace {

// A query as integer levels for the coarse scan: `step` · `levels` ≈ the query.
struct CoarseQuery {
    std::vector<int16_t> levels;
    double step = 0;
    /// ‖query‖ and ‖query − step·levels‖.
    double norm = 0, residual = 0;

    // False for a query the bounds do not cover with room (not finite, its norm far from 1), or
    // too long for the integer sums to fit 32 bits.
    bool make(const float *query, int dims) {
        const double largest_level = std::min(32767.0, std::floor(double(INT32_MAX) / (127.0 * dims)));
        if (largest_level < 1024) return false;
        double largest = 0, squares = 0;
        for (int d = 0; d < dims; d++) {
            if (!std::isfinite(query[d])) return false;
            largest = std::max(largest, std::fabs(double(query[d])));
            squares += double(query[d]) * query[d];
        }
        norm = std::sqrt(squares);
        if (!(norm >= std::ldexp(1.0, -20) && norm <= std::ldexp(1.0, 20))) return false;
        step = largest / largest_level;
        levels.resize(size_t(dims));
        double off = 0;
        for (int d = 0; d < dims; d++) {
            const double level = std::clamp(std::nearbyint(query[d] / step), -largest_level, largest_level);
            levels[d] = int16_t(level);
            off += (query[d] - step * level) * (query[d] - step * level);
        }
        residual = std::sqrt(off);
        return true;
    }
};

} // namespace

bool pm_search_flat(const pm_index &index, int64_t k, const float *query, float *scores, Label *labels) {
    const auto *flat = flat_inner_product(*index.map->index);
    if (flat == nullptr || !pm_kernels::available()) return false;
    const int64_t n = flat->ntotal;
    const int dims = flat->d;
    const float *vectors = flat->get_xb();
    faiss::heap_heapify<Keep>(k, scores, labels);
    CoarseQuery coarse_query;
    if (n > k && index.coarse.matches(*flat) && coarse_query.make(query, dims)) {
        const pm_coarse_mirror &coarse = index.coarse;
        std::vector<int32_t> sums(static_cast<size_t>(n));
        pm_kernels::coarse_products(coarse_query.levels.data(), coarse.codes.data(), n, dims, sums.data());
        // Each row's exact score lies within `reach` of its approximate one (the bound above, with a
        // margin for the double-precision arithmetic). The k-th best lower end is at most the exact
        // k-th best score, so a row whose upper end falls below it cannot be in the best k; every
        // other row is scored exactly, in row order, as the exact scan would.
        const double q_norm = coarse_query.norm, step = coarse_query.step;
        const double margin = 1 + std::ldexp(1.0, -10), floor = std::ldexp(1.0, -100);
        const double per_stored = coarse_query.residual * margin + std::ldexp(q_norm, -40), per_slack = q_norm * margin;
        const int32_t *sum = sums.data();
        const float *scale = coarse.scales.data(), *stored = coarse.stored_norms.data(), *slack = coarse.slack.data();
        std::vector<double> high(static_cast<size_t>(n));
        std::vector<double> lowest;
        lowest.reserve(size_t(k));
        for (int64_t i = 0; i < n; i++) {
            const double approximate = double(sum[i]) * double(scale[i]) * step;
            const double reach = double(stored[i]) * per_stored + double(slack[i]) * per_slack + floor;
            high[i] = approximate + reach;
            const double low = approximate - reach;
            if (int64_t(lowest.size()) < k) {
                lowest.push_back(low);
                std::push_heap(lowest.begin(), lowest.end(), std::greater<double>());
            } else if (low > lowest.front()) {
                std::pop_heap(lowest.begin(), lowest.end(), std::greater<double>());
                lowest.back() = low;
                std::push_heap(lowest.begin(), lowest.end(), std::greater<double>());
            }
        }
        const double cut = lowest.front();
        std::vector<int64_t> rows;
        for (int64_t i = 0; i < n; i++) {
            if (high[i] >= cut) rows.push_back(i);
        }
        std::vector<float> exact(rows.size());
        pm_kernels::listed_inner_products(query, vectors, rows.data(), int64_t(rows.size()), dims, exact.data());
        for (size_t j = 0; j < rows.size(); j++) {
            if (Keep::cmp(scores[0], exact[j])) faiss::heap_replace_top<Keep>(k, scores, labels, exact[j], rows[j]);
        }
    } else {
        std::vector<float> all(static_cast<size_t>(n));
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

void pm_stored_inner_products(const faiss::IndexIDMap2 &map, const int64_t *rows, int64_t count, const float *query, float *out) {
    const int dims = map.d;
    const auto *flat = dynamic_cast<const faiss::IndexFlat *>(map.index);
    if (flat != nullptr && pm_kernels::available()) {
        pm_kernels::listed_inner_products(query, flat->get_xb(), rows, count, dims, out);
        return;
    }
    std::vector<float> scratch(static_cast<size_t>(dims));
    for (int64_t j = 0; j < count; j++) {
        const float *vector = scratch.data();
        if (flat != nullptr) {
            vector = flat->get_xb() + rows[j] * dims;
        } else {
            map.index->reconstruct(rows[j], scratch.data());
        }
        if (pm_kernels::available()) {
            pm_kernels::inner_products(query, vector, 1, dims, out + j);
            continue;
        }
        float dot = 0;
        for (int d = 0; d < dims; d++) dot += query[d] * vector[d];
        out[j] = dot;
    }
}

// The shim's AVX2/FMA loops (see kernels.h), chosen at run time so the binary still runs on CPUs
// without them.
//
// The packed product is for a few rows against a large weight matrix (one short sentence through the
// embedding model). OpenBLAS re-packs the whole weight matrix on every call, which for a dozen rows
// costs more than the arithmetic; here the weights are packed once, at load, and streamed in order.
// They are packed as half-precision floats: a query reads every weight once, so the product is
// bound by memory reads, and at half the bytes the model's matrices (21 MB) stay in the L3 cache.
// Products and sums are single precision.
#include "CFaissShim.h"
#include "kernels.h"

#include <immintrin.h>

bool pm_kernels::available() {
    static const bool supported =
        __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
    return supported;
}

__attribute__((target("avx2,fma,f16c"))) void pm_kernels::inner_products(
    const float *query, const float *base, int64_t n, int dims, float *out) {
    const int wide = dims - dims % 32;
    for (int64_t i = 0; i < n; i++) {
        const float *row = base + i * dims;
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        int d = 0;
        for (; d < wide; d += 32) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(query + d), _mm256_loadu_ps(row + d), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(query + d + 8), _mm256_loadu_ps(row + d + 8), a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(query + d + 16), _mm256_loadu_ps(row + d + 16), a2);
            a3 = _mm256_fmadd_ps(_mm256_loadu_ps(query + d + 24), _mm256_loadu_ps(row + d + 24), a3);
        }
        const __m256 sum = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
        const __m128 half = _mm_add_ps(_mm256_castps256_ps128(sum), _mm256_extractf128_ps(sum, 1));
        const __m128 pair = _mm_add_ps(half, _mm_movehl_ps(half, half));
        float total = _mm_cvtss_f32(_mm_add_ss(pair, _mm_shuffle_ps(pair, pair, 1)));
        for (; d < dims; d++) total += query[d] * row[d];
        out[i] = total;
    }
}

void pm_kernels::listed_inner_products(const float *query, const float *base, const int64_t *rows, int64_t count, int dims, float *out) {
    constexpr int64_t ahead = 4;
    const int64_t bytes = int64_t(dims) * int64_t(sizeof(float));
    for (int64_t j = 0; j < count; j++) {
        if (j + ahead < count) {
            const char *next = reinterpret_cast<const char *>(base + rows[j + ahead] * dims);
            for (int64_t b = 0; b < bytes; b += 64) _mm_prefetch(next + b, _MM_HINT_T0);
        }
        inner_products(query, base + rows[j] * dims, 1, dims, out + j);
    }
}

__attribute__((target("avx2"))) void pm_kernels::coarse_products(const int16_t *query, const int8_t *codes, int64_t n, int dims, int32_t *out) {
    const int wide = dims - dims % 32;
    for (int64_t i = 0; i < n; i++) {
        const int8_t *row = codes + i * dims;
        // The rows arrive from memory, not the cache: ask for the row eight ahead now.
        if (i + 8 < n) {
            const char *ahead = reinterpret_cast<const char *>(row + 8 * int64_t(dims));
            for (int b = 0; b < dims; b += 64) _mm_prefetch(ahead + b, _MM_HINT_T0);
        }
        __m256i a0 = _mm256_setzero_si256(), a1 = a0;
        int d = 0;
        for (; d < wide; d += 32) {
            const __m256i c0 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(row + d)));
            const __m256i c1 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(row + d + 16)));
            a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(c0, _mm256_loadu_si256(reinterpret_cast<const __m256i *>(query + d))));
            a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(c1, _mm256_loadu_si256(reinterpret_cast<const __m256i *>(query + d + 16))));
        }
        const __m256i sum = _mm256_add_epi32(a0, a1);
        __m128i total = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
        total = _mm_add_epi32(total, _mm_shuffle_epi32(total, 0x4e));
        total = _mm_add_epi32(total, _mm_shuffle_epi32(total, 0xb1));
        int32_t result = _mm_cvtsi128_si32(total);
        for (; d < dims; d++) result += int32_t(row[d]) * query[d];
        out[i] = result;
    }
}

namespace {

constexpr int block = PM_PACKED_BLOCK;

// Rows of x in groups of `R`, one 16-column block of the output: acc[r] += x[r][k] · packed[k][0..16).
template <int R>
__attribute__((target("avx2,fma,f16c"))) inline void rows_block(
    const float *x, int inputs, const uint16_t *panel, float *y, int y_stride) {
    __m256 low[R], high[R];
    for (int r = 0; r < R; r++) {
        low[r] = _mm256_loadu_ps(y + r * y_stride);
        high[r] = _mm256_loadu_ps(y + r * y_stride + 8);
    }
    for (int k = 0; k < inputs; k++) {
        const __m256 w0 = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(panel + k * block)));
        const __m256 w1 = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(panel + k * block + 8)));
        for (int r = 0; r < R; r++) {
            const __m256 v = _mm256_broadcast_ss(x + r * inputs + k);
            low[r] = _mm256_fmadd_ps(v, w0, low[r]);
            high[r] = _mm256_fmadd_ps(v, w1, high[r]);
        }
    }
    for (int r = 0; r < R; r++) {
        _mm256_storeu_ps(y + r * y_stride, low[r]);
        _mm256_storeu_ps(y + r * y_stride + 8, high[r]);
    }
}

__attribute__((target("avx2,fma,f16c"))) void packed_product(
    const float *x, int rows, int inputs, const uint16_t *packed, int first_block, int last_block, float *y, int y_stride) {
    for (int b = first_block; b < last_block; b++) {
        const uint16_t *panel = packed + (long)b * inputs * block;
        float *out = y + b * block;
        // Six rows at a time: 12 accumulators, 2 weight registers and a broadcast fill the 16 AVX registers.
        int r = 0;
        for (; r + 6 <= rows; r += 6) rows_block<6>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride);
        switch (rows - r) {
        case 5: rows_block<5>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        case 4: rows_block<4>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        case 3: rows_block<3>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        case 2: rows_block<2>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        case 1: rows_block<1>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        default: break;
        }
    }
}

} // namespace

extern "C" int pm_packed_linear_available(void) { return pm_kernels::available() ? 1 : 0; }

__attribute__((target("avx2,fma,f16c"))) static void pack_half(const float *weight, int outputs, int inputs, uint16_t *packed) {
    alignas(32) float column[block];
    for (int b = 0; b < outputs / block; b++)
        for (int k = 0; k < inputs; k++) {
            for (int j = 0; j < block; j++) column[j] = weight[(long)(b * block + j) * inputs + k];
            uint16_t *target = packed + ((long)b * inputs + k) * block;
            _mm_storeu_si128(reinterpret_cast<__m128i *>(target), _mm256_cvtps_ph(_mm256_load_ps(column), _MM_FROUND_TO_NEAREST_INT));
            _mm_storeu_si128(reinterpret_cast<__m128i *>(target + 8), _mm256_cvtps_ph(_mm256_load_ps(column + 8), _MM_FROUND_TO_NEAREST_INT));
        }
}

extern "C" int pm_pack_weights(const float *weight, int outputs, int inputs, uint16_t *packed) {
    if (!pm_kernels::available() || outputs <= 0 || inputs <= 0 || outputs % block != 0) return PM_ERR_UNSUPPORTED;
    pack_half(weight, outputs, inputs, packed);
    return PM_OK;
}

extern "C" int pm_packed_linear(
    const float *x, int rows, int inputs, const uint16_t *packed, int first_block, int last_block, float *y, int y_stride) {
    if (!pm_kernels::available() || rows < 0 || inputs <= 0 || first_block < 0 || last_block < first_block) return PM_ERR_UNSUPPORTED;
    packed_product(x, rows, inputs, packed, first_block, last_block, y, y_stride);
    return PM_OK;
}

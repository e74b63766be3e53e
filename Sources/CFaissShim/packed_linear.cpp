// A matrix product for a few rows against a large weight matrix (one short sentence through the
// embedding model). OpenBLAS re-packs the whole weight matrix on every call, which for a dozen rows
// costs more than the arithmetic; here the weights are packed once, at load, and streamed in order.
#include "CFaissShim.h"

#include <immintrin.h>

namespace {

constexpr int block = PM_PACKED_BLOCK;

bool has_avx2_fma() {
    static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return supported;
}

// Rows of x in groups of `R`, one 16-column block of the output: acc[r] += x[r][k] · packed[k][0..16).
template <int R>
__attribute__((target("avx2,fma"))) inline void rows_block(
    const float *x, int inputs, const float *panel, float *y, int y_stride) {
    __m256 low[R], high[R];
    for (int r = 0; r < R; r++) {
        low[r] = _mm256_loadu_ps(y + r * y_stride);
        high[r] = _mm256_loadu_ps(y + r * y_stride + 8);
    }
    for (int k = 0; k < inputs; k++) {
        const __m256 w0 = _mm256_loadu_ps(panel + k * block);
        const __m256 w1 = _mm256_loadu_ps(panel + k * block + 8);
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

__attribute__((target("avx2,fma"))) void packed_product(
    const float *x, int rows, int inputs, const float *packed, int first_block, int last_block, float *y, int y_stride) {
    for (int b = first_block; b < last_block; b++) {
        const float *panel = packed + (long)b * inputs * block;
        float *out = y + b * block;
        int r = 0;
        for (; r + 4 <= rows; r += 4) rows_block<4>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride);
        switch (rows - r) {
        case 3: rows_block<3>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        case 2: rows_block<2>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        case 1: rows_block<1>(x + (long)r * inputs, inputs, panel, out + (long)r * y_stride, y_stride); break;
        default: break;
        }
    }
}

} // namespace

extern "C" int pm_packed_linear_available(void) { return has_avx2_fma() ? 1 : 0; }

extern "C" void pm_pack_weights(const float *weight, int outputs, int inputs, float *packed) {
    for (int b = 0; b < outputs / block; b++)
        for (int k = 0; k < inputs; k++)
            for (int j = 0; j < block; j++)
                packed[((long)b * inputs + k) * block + j] = weight[(long)(b * block + j) * inputs + k];
}

extern "C" int pm_packed_linear(
    const float *x, int rows, int inputs, const float *packed, int first_block, int last_block, float *y, int y_stride) {
    if (!has_avx2_fma() || rows < 0 || inputs <= 0 || first_block < 0 || last_block < first_block) return PM_ERR_UNSUPPORTED;
    packed_product(x, rows, inputs, packed, first_block, last_block, y, y_stride);
    return PM_OK;
}

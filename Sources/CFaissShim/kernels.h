// AVX2/FMA loops the shim uses where Debian's builds fall short: Debian compiles FAISS without wide
// SIMD, and OpenBLAS re-packs a matrix on every product. Internal to the shim (not in include/).
#pragma once

#include <cstdint>

namespace pm_kernels {

/// Whether this CPU has AVX2 and FMA (checked once).
bool available();

/// `out[i] = ⟨query, base[i]⟩` for `n` rows of `dims` floats. Call only when `available()`.
void inner_products(const float *query, const float *base, int64_t n, int dims, float *out);

/// Converts `count` floats to half precision (round to nearest). Call only when `available()`.
void to_half(const float *values, int64_t count, uint16_t *out);

/// `out[i] = ⟨query, base[i]⟩` for `n` rows of `dims` half-precision values, summed in single
/// precision. Call only when `available()`.
void half_inner_products(const float *query, const uint16_t *base, int64_t n, int dims, float *out);

} // namespace pm_kernels

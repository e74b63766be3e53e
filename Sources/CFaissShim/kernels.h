// AVX2/FMA loops the shim uses where Debian's builds fall short: Debian compiles FAISS without wide
// SIMD, and OpenBLAS re-packs a matrix on every product. Internal to the shim (not in include/).
#pragma once

#include <cstdint>

namespace pm_kernels {

/// Whether this CPU has AVX2 and FMA (checked once).
bool available();

/// `out[i] = ⟨query, base[i]⟩` for `n` rows of `dims` floats. Call only when `available()`.
void inner_products(const float *query, const float *base, int64_t n, int dims, float *out);

/// `out[j] = ⟨query, base[rows[j]]⟩` for `count` listed rows: the sums of `inner_products`, with each
/// row asked for from memory a few rows ahead. Call only when `available()`.
void listed_inner_products(const float *query, const float *base, const int64_t *rows, int64_t count, int dims, float *out);

/// `out[i] = ⟨query, codes[i]⟩` for `n` rows of `dims` 8-bit codes against 16-bit query levels, in
/// exact integer arithmetic (the caller keeps |levels| small enough for 32-bit sums). Call only
/// when `available()`.
void coarse_products(const int16_t *query, const int8_t *codes, int64_t n, int dims, int32_t *out);

} // namespace pm_kernels

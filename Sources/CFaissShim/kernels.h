// AVX2/FMA loops the shim uses where Debian's builds fall short: Debian compiles FAISS without wide
// SIMD, and OpenBLAS re-packs a matrix on every product. Internal to the shim (not in include/).
#pragma once

#include <cstdint>

namespace pm_kernels {

/// Whether this CPU has AVX2 and FMA (checked once).
bool available();

/// `out[i] = ⟨query, base[i]⟩` for `n` rows of `dims` floats. Call only when `available()`.
void inner_products(const float *query, const float *base, int64_t n, int dims, float *out);

} // namespace pm_kernels

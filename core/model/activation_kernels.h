// The activations of encoder layers (relu, GELU, tanh-GELU) on a row of floats, in place: a
// portable loop and an AVX-512 one, so that the int8 linear layer applies them in the same pass as
// its rescale (int8_linear.cpp) instead of another trip through memory.
//
// The AVX-512 GELU computes erf with Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7) and
// exp by range reduction to [-ln2/2, ln2/2] and a degree-6 polynomial (relative error about 2e-7);
// tests compare both with torch::gelu. Included by one .cpp file only.
#pragma once

#include <cmath>
#include <cstdint>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace embedlab::model {

/// What follows a linear layer, by its transformers name (activate() in encoder_module.h).
enum class Activation { None, Relu, Gelu, GeluTanh };

inline float activateScalar(Activation activation, float x) {
  switch (activation) {
    case Activation::None: return x;
    case Activation::Relu: return x > 0 ? x : 0.0f;
    case Activation::Gelu: return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f));
    case Activation::GeluTanh:
      return 0.5f * x * (1.0f + std::tanh(0.79788456080286536f * (x + 0.044715f * x * x * x)));
  }
  return x;
}

#if defined(__x86_64__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

/// e^y: infinity above about 88.7, 0 below about -103, never NaN for non-NaN y.
__attribute__((target("avx512f"))) inline __m512 expAvx512(__m512 y) {
  y = _mm512_min_ps(_mm512_max_ps(y, _mm512_set1_ps(-104.0f)), _mm512_set1_ps(100.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(y, _mm512_set1_ps(1.44269504088896341f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  // r = y - n ln2, with ln2 in two parts for accuracy.
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), y);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606765330187045e-06f), r);
  __m512 p = _mm512_set1_ps(1.0f / 720);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);  // p * 2^n
}

/// erf(z), absolute error below 1.5e-7 (Abramowitz & Stegun 7.1.26).
__attribute__((target("avx512f"))) inline __m512 erfAvx512(__m512 z) {
  const __m512 a = _mm512_abs_ps(z);
  const __m512 t = _mm512_div_ps(_mm512_set1_ps(1.0f),
                                 _mm512_fmadd_ps(a, _mm512_set1_ps(0.3275911f), _mm512_set1_ps(1)));
  __m512 poly = _mm512_set1_ps(1.061405429f);
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-1.453152027f));
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(1.421413741f));
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-0.284496736f));
  poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(0.254829592f));
  poly = _mm512_mul_ps(poly, t);
  const __m512 e = expAvx512(_mm512_mul_ps(_mm512_sub_ps(_mm512_setzero_ps(), a), a));
  const __m512 magnitude = _mm512_fnmadd_ps(poly, e, _mm512_set1_ps(1.0f));  // 1 - poly e^-a²
  // The sign of z on the magnitude.
  const __m512i sign = _mm512_and_si512(_mm512_castps_si512(z), _mm512_set1_epi32(INT32_MIN));
  return _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(magnitude), sign));
}

/// The activation of 16 floats.
__attribute__((target("avx512f"))) inline __m512 activateAvx512(Activation activation, __m512 x) {
  const __m512 half = _mm512_set1_ps(0.5f);
  switch (activation) {
    case Activation::None: return x;
    case Activation::Relu: return _mm512_max_ps(x, _mm512_setzero_ps());
    case Activation::Gelu: {
      const __m512 erf = erfAvx512(_mm512_mul_ps(x, _mm512_set1_ps(0.70710678118654752f)));
      return _mm512_mul_ps(_mm512_mul_ps(half, x), _mm512_add_ps(_mm512_set1_ps(1.0f), erf));
    }
    case Activation::GeluTanh: {
      // 0.5 x (1 + tanh(u)) = x / (1 + e^{-2u}), u = sqrt(2/pi) (x + 0.044715 x^3): no
      // cancellation for negative x, and e^{-2u} = infinity gives 0.
      const __m512 cube = _mm512_mul_ps(_mm512_mul_ps(x, x), x);
      const __m512 minusTwoU = _mm512_mul_ps(_mm512_set1_ps(-1.5957691216057307f),
                                             _mm512_fmadd_ps(cube, _mm512_set1_ps(0.044715f), x));
      return _mm512_div_ps(x, _mm512_add_ps(_mm512_set1_ps(1.0f), expAvx512(minusTwoU)));
    }
  }
  return x;
}

#pragma GCC diagnostic pop
#endif

}  // namespace embedlab::model

// What the CPU can do natively that decides how fast a precision runs on it.
//
// bfloat16 matrix products run through oneDNN on LibTorch's intra-op threads. With AVX512_BF16
// (Cooper Lake, Zen 4 and later) or AMX-BF16 (Sapphire Rapids and later) they ran ~300 GFLOP/s on
// two cores here against 150-200 for float32; without them oneDNN emulates bf16 and it is slower
// than float32, so --bf16 on such CPUs runs in float32 and says so.
#pragma once

#include <string>

namespace embedlab {

struct CpuFeatures {
  bool avx512Bf16 = false;  ///< AVX512_BF16: vdpbf16ps
  bool amxBf16 = false;     ///< AMX-BF16 tiles
  bool avx512Vnni = false;  ///< AVX512_VNNI: int8 dot products (int8 encoding's fast path)

  /// bf16 is faster than float32 here.
  bool nativeBf16() const { return avx512Bf16 || amxBf16; }
  /// e.g. "AVX512_BF16, AMX-BF16" or "none".
  std::string bf16Description() const;
};

/// The features of the CPU this process runs on (x86-64; none elsewhere).
CpuFeatures detectCpuFeatures();

}  // namespace embedlab

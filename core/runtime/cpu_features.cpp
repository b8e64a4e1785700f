#include "core/runtime/cpu_features.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace embedlab {

std::string CpuFeatures::bf16Description() const {
  std::string text;
  if (avx512Bf16) text = "AVX512_BF16";
  if (amxBf16) text += std::string(text.empty() ? "" : ", ") + "AMX-BF16";
  return text.empty() ? "none" : text;
}

CpuFeatures detectCpuFeatures() {
  CpuFeatures features;
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  // Leaf 7 sub-leaf 0: ECX bit 11 AVX512_VNNI, EDX bit 22 AMX-BF16; sub-leaf 1: EAX bit 5
  // AVX512_BF16. The OS must also save the AVX-512 state (XCR0 bits 5-7), or none of it is usable.
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return features;
  const bool avx512f = (ebx & (1U << 16)) != 0;
  const bool amxBf16 = (edx & (1U << 22)) != 0;
  const bool vnni = (ecx & (1U << 11)) != 0;
  unsigned xcr0 = 0;
  unsigned xcr0High = 0;
  unsigned leaf1ecx = 0;
  {
    unsigned a = 0, b = 0, d = 0;
    __get_cpuid(1, &a, &b, &leaf1ecx, &d);
  }
  if ((leaf1ecx & (1U << 27)) != 0) {  // OSXSAVE: xgetbv is available
    __asm__("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
  }
  const bool osSavesAvx512 = (xcr0 & 0xE6U) == 0xE6U;
  const bool osSavesAmx = (xcr0 & (3U << 17)) == (3U << 17);
  if (avx512f && osSavesAvx512) {
    features.avx512Vnni = vnni;
    unsigned a1 = 0, b1 = 0, c1 = 0, d1 = 0;
    if (__get_cpuid_count(7, 1, &a1, &b1, &c1, &d1) != 0)
      features.avx512Bf16 = (a1 & (1U << 5)) != 0;
  }
  features.amxBf16 = amxBf16 && osSavesAmx;
#endif
  return features;
}

}  // namespace embedlab

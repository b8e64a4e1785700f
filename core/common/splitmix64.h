// splitmix64: a 64-bit mixing function (Steele, Lea and Flood), used where a random-looking value
// must be a pure function of its inputs (dropout masks, token masks), not of a generator's state.
#pragma once

#include <cstdint>

namespace embedlab {

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace embedlab

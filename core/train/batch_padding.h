// How long the trainer pads a tokenized batch: to its longest text, rounded up to a multiple of
// --pad_to_multiple_of (Hugging Face's pad_to_multiple_of), so that tensor cores get aligned
// shapes. text::padEncodings masks the padding, so the extra tokens change no embedding.
// Torch-free.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "core/text/encoding.h"

namespace embedlab::train {

/// The longest encoding's length rounded up to a multiple of `multiple` (0 or 1: not rounded).
inline std::size_t paddedLength(const std::vector<text::Encoding>& encodings, int multiple) {
  std::size_t longest = 0;
  for (const text::Encoding& encoding : encodings)
    longest = std::max(longest, encoding.size());
  if (multiple <= 1) return longest;
  const auto m = static_cast<std::size_t>(multiple);
  return (longest + m - 1) / m * m;
}

}  // namespace embedlab::train

// Pairs of texts labelled similar or not, for choosing a similarity threshold. Two sources:
//  - a TSV of "text_a TAB text_b TAB label" (label 1/0, true/false, yes/no; an optional header
//    line whose label column is not a label);
//  - a training-format JSONL file: each query paired with each of its "pos" (similar) and each
//    of its "neg" (dissimilar).
// The format follows the extension (.tsv/.txt, else JSONL).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/problem.h"

namespace embedlab {

struct TextPair {
  std::string textA;  ///< the query, or text_a; pairs are grouped by it
  std::string textB;
  bool similar = false;
  std::uint64_t line = 0;
};

/// Throws InputError (file:line: what was expected) at the first invalid line.
std::vector<TextPair> readLabelledPairs(const std::filesystem::path& path,
                                        std::vector<Problem>* warnings = nullptr);

}  // namespace embedlab

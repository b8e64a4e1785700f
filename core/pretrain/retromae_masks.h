// RetroMAE's decoder inputs (Xiao et al. 2022, "RetroMAE: Pre-Training Retrieval-oriented Language
// Models Via Masked Auto-Encoder"; FlagEmbedding's RetroMAE collator). The encoder reads the text
// masked as for MLM with a higher ratio (about 0.3) and its [CLS] vector becomes the sentence
// embedding. The one-layer decoder then reconstructs every token of the unmasked text from that
// embedding and a heavily masked view of the text: its queries are the sentence embedding plus
// each position's embedding, its keys and values are the embedding at [CLS] followed by the text's
// own token embeddings, and row i may read only the positions outside a set of tokens drawn for
// it (each token or word with about 0.5), never itself. The [CLS] position is never in a set, so
// every row can read the sentence embedding. Torch-free.
#pragma once

#include <cstdint>
#include <vector>

#include "core/text/encoding.h"

namespace embedlab::pretrain {

struct DecoderInputs {
  /// [n x n] row-major: 1 where row i may attend to position j. Padding rows see [CLS] only.
  std::vector<std::uint8_t> attention;
  /// The original id at every real non-special token, kIgnoredLabel elsewhere ([CLS], [SEP],
  /// padding): the decoder predicts all of the text.
  std::vector<std::int64_t> labels;
};

/// The decoder inputs of `encoding` (n = its padded length). As in FlagEmbedding, min(real
/// tokens, 128) masks are drawn with `probability` (whole words with `wholeWord`), and row i
/// takes one of them at random with position i added. `example` and `draw` select the draw
/// (seeded apart from the encoder's masks).
DecoderInputs decoderInputs(const text::Encoding& encoding, double probability, bool wholeWord,
                            std::uint64_t seed, std::uint64_t example, std::uint64_t draw);

}  // namespace embedlab::pretrain

// config.json of a BERT or (XLM-)RoBERTa encoder: the fields that shape the network, read with
// checks, and every other field kept as it was so that saving writes the file back unchanged
// apart from what EmbedLab changed. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace embedlab::model {

struct EncoderConfig {
  std::string modelType = "bert";  ///< "bert", "roberta" or "xlm-roberta"
  std::int64_t vocabSize = 30522;
  std::int64_t hiddenSize = 768;
  std::int64_t numHiddenLayers = 12;
  std::int64_t numAttentionHeads = 12;
  std::int64_t intermediateSize = 3072;
  std::int64_t maxPositionEmbeddings = 512;
  std::int64_t typeVocabSize = 2;
  std::string hiddenAct = "gelu";  ///< gelu, gelu_new, gelu_pytorch_tanh, relu
  double layerNormEps = 1e-12;
  double hiddenDropoutProb = 0.1;
  double attentionProbsDropoutProb = 0.1;
  double initializerRange = 0.02;
  std::int64_t padTokenId = 0;
  std::string positionEmbeddingType = "absolute";
  nlohmann::json raw = nlohmann::json::object();  ///< the whole file as read

  /// RoBERTa and XLM-R number positions from padTokenId + 1 and skip padding.
  bool usesPaddingOffsetPositions() const {
    return modelType == "roberta" || modelType == "xlm-roberta";
  }

  /// The longest input the position embeddings cover: max_position_embeddings, less the
  /// padding offset RoBERTa-style models number positions from (514 -> 512 for XLM-R).
  std::int64_t maxInputTokens() const {
    return usesPaddingOffsetPositions() ? maxPositionEmbeddings - padTokenId - 1
                                        : maxPositionEmbeddings;
  }

  /// Reads and checks config.json; throws InputError naming the file and the field.
  static EncoderConfig load(const std::filesystem::path& file);
  /// raw with the known fields updated.
  nlohmann::json toJson() const;
  /// Writes toJson() atomically.
  void save(const std::filesystem::path& file) const;

  /// Whether `created_by` says init-model made these weights (random, never pretrained).
  bool createdByInitModel() const;
};

}  // namespace embedlab::model

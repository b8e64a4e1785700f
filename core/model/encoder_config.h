// config.json of an encoder EmbedLab runs (BERT, RoBERTa, XLM-R, MPNet, ModernBERT): the fields
// that shape the network, read with checks, and every other field kept as it was so that saving
// writes the file back unchanged apart from what EmbedLab changed. Fields are named as BERT
// names them; ModernBERT's own keys (hidden_activation, norm_eps, ...) are read into them and
// written back under ModernBERT's names. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace embedlab::model {

struct EncoderConfig {
  std::string modelType = "bert";  ///< "bert", "roberta", "xlm-roberta", "mpnet", "modernbert"
  std::int64_t vocabSize = 30522;
  std::int64_t hiddenSize = 768;
  std::int64_t numHiddenLayers = 12;
  std::int64_t numAttentionHeads = 12;
  std::int64_t intermediateSize = 3072;
  std::int64_t maxPositionEmbeddings = 512;
  std::int64_t typeVocabSize = 2;  ///< 0 for MPNet and ModernBERT, which have no token types
  std::string hiddenAct = "gelu";  ///< gelu, gelu_new, gelu_pytorch_tanh, relu
  double layerNormEps = 1e-12;     ///< ModernBERT: norm_eps
  double hiddenDropoutProb = 0.1;  ///< ModernBERT: mlp_dropout
  double attentionProbsDropoutProb = 0.1;  ///< ModernBERT: attention_dropout
  double initializerRange = 0.02;
  std::int64_t padTokenId = 0;
  std::string positionEmbeddingType = "absolute";

  /// MPNet: buckets of the relative position bias shared by all layers.
  std::int64_t relativeAttentionNumBuckets = 32;

  /// ModernBERT: which layers attend within a sliding window (the others attend globally).
  std::vector<bool> localLayers;
  /// ModernBERT: every n-th layer (from layer 0) attends globally (global_attn_every_n_layers)
  std::int64_t globalAttnEveryNLayers = 3;
  std::int64_t localAttention = 128;      ///< ModernBERT: the window, local_attention/2 each side
  double globalRopeTheta = 160000.0;      ///< ModernBERT: rotary base of global layers
  double localRopeTheta = 10000.0;        ///< ModernBERT: rotary base of local layers
  bool normBias = false;                  ///< ModernBERT: LayerNorms have biases
  bool attentionBias = false;             ///< ModernBERT: Wqkv and Wo have biases
  bool mlpBias = false;                   ///< ModernBERT: Wi and Wo of the MLP have biases
  double embeddingDropout = 0.0;          ///< ModernBERT: dropout after the embedding norm
  double initializerCutoffFactor = 2.0;   ///< ModernBERT: truncated-normal init cut-off
  std::string classifierPooling = "cls";  ///< ModernBERT's classification head: cls or mean
  std::string classifierActivation = "gelu";  ///< ModernBERT's classification head
  bool classifierBias = false;  ///< ModernBERT's classification head: head.dense has a bias

  nlohmann::json raw = nlohmann::json::object();  ///< the whole file as read

  bool isMpnet() const { return modelType == "mpnet"; }
  bool isModernBert() const { return modelType == "modernbert"; }
  /// RoBERTa, XLM-R and MPNet number positions from padTokenId + 1 and skip padding.
  bool usesPaddingOffsetPositions() const {
    return modelType == "roberta" || modelType == "xlm-roberta" || isMpnet();
  }
  /// The padding id positions are numbered from (MPNet's code fixes it at 1).
  std::int64_t positionPaddingId() const { return isMpnet() ? 1 : padTokenId; }

  /// The longest input the position embeddings cover: max_position_embeddings, less the
  /// padding offset RoBERTa-style models number positions from (514 -> 512 for XLM-R).
  std::int64_t maxInputTokens() const {
    return usesPaddingOffsetPositions() ? maxPositionEmbeddings - positionPaddingId() - 1
                                        : maxPositionEmbeddings;
  }

  /// The name the word-embedding matrix has in this architecture's checkpoints.
  std::string wordEmbeddingName() const {
    return isModernBert() ? "embeddings.tok_embeddings.weight"
                          : "embeddings.word_embeddings.weight";
  }

  /// Reads and checks config.json; throws InputError naming the file and the field.
  static EncoderConfig load(const std::filesystem::path& file);
  /// The same from a parsed file (`file` names it in errors).
  static EncoderConfig fromJson(const nlohmann::json& json, const std::string& file);
  /// raw with the known fields updated, under the key names of the architecture.
  nlohmann::json toJson() const;
  /// Writes toJson() atomically.
  void save(const std::filesystem::path& file) const;

  /// Whether `created_by` says init-model made these weights (random, never pretrained).
  bool createdByInitModel() const;
  /// Records in `created_by` that `command` (train, train-reranker, pretrain) trained the
  /// weights, so that a trained model is no longer taken for init-model's random one.
  void markTrainedBy(const std::string& command);
};

/// The model types EmbedLab runs, for messages: "bert, roberta, xlm-roberta, mpnet, modernbert".
const char* supportedModelTypes();

}  // namespace embedlab::model

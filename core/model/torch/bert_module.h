// BERT and (XLM-)RoBERTa encoders as LibTorch modules, computing what Hugging Face's BertModel /
// XLMRobertaModel compute (eager attention), with the same parameter names, so that a
// checkpoint's tensors map 1:1 onto named_parameters(). The shared encoder interface is in
// encoder_module.h.
//
// INTERNAL to core: this header exposes LibTorch types. Only core .cpp files include it; widgets
// and public headers never do (ARCHITECTURE.md; tests/CMakeLists.txt checks widgets/ and app/).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "core/model/encoder_config.h"
#include "core/model/torch/dropout.h"
#include "core/model/torch/encoder_module.h"
#include "core/model/torch/linear.h"

namespace embedlab::model {

class BertEmbeddingsImpl : public torch::nn::Module {
 public:
  explicit BertEmbeddingsImpl(const EncoderConfig& config);
  /// `tokenTypeIds` may be undefined (all zeros).
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& tokenTypeIds);
  /// The same from given vectors [batch, length, hidden] in place of word embeddings, at
  /// positions 0.. (RoBERTa: padding_idx + 1..), token type 0: transformers' `inputs_embeds`
  /// path, which RetroMAE's decoder uses to place the sentence embedding at every position.
  torch::Tensor forwardVectors(const torch::Tensor& vectors);

  torch::nn::Embedding wordEmbeddings{nullptr};
  torch::nn::Embedding positionEmbeddings{nullptr};
  torch::nn::Embedding tokenTypeEmbeddings{nullptr};
  Norm layerNorm{nullptr};
  Dropout dropout{nullptr};

 private:
  bool paddingOffsetPositions_;
  std::int64_t padTokenId_;
};
TORCH_MODULE(BertEmbeddings);

/// BERT's post-norm layer. MPNet's computes the same with other parameter names
/// (attention.attn.q/k/v/o) and its relative position bias in inputs.scoreBias.
class BertLayerImpl : public EncoderLayerImpl {
 public:
  explicit BertLayerImpl(const EncoderConfig& config);
  /// Reads inputs.mask (undefined when the batch has no padding) and inputs.scoreBias.
  torch::Tensor forward(const torch::Tensor& hidden, const LayerInputs& inputs) override;
  /// The layer with queries from `query` and keys and values from `keyValue` (the same batch
  /// and width; as many rows or fewer), the residual taken from `query`: RetroMAE's decoder
  /// layer (FlagEmbedding's BertLayerForDecoder) and forwardFirstToken(). inputs.mask may be a
  /// full [batch, 1, query rows, length] mask.
  torch::Tensor forwardCross(const torch::Tensor& query, const torch::Tensor& keyValue,
                             const LayerInputs& inputs);
  /// forwardCross() with the first token as the only query: the other rows' query, attention
  /// output and feed-forward products are skipped.
  torch::Tensor forwardFirstToken(const torch::Tensor& hidden, const LayerInputs& inputs) override;
  /// Stacks the int8 query, key and value projections into one product.
  void combineInt8Layers() override;

 private:
  /// forward() of the int8 inference copy (no dropout, no gradients): the same arithmetic with
  /// the layer's input quantized once for query, key and value (one product), the feed-forward
  /// block's expanded rows passed to the output projection in int8, and both residuals and
  /// layer norms applied in the passes that scale the products back (Int8Epilogue).
  torch::Tensor forwardInt8(const torch::Tensor& hidden, const LayerInputs& inputs);

  std::int64_t heads_;
  std::string activation_;
  Linear query_{nullptr}, key_{nullptr}, value_{nullptr};
  Linear attentionDense_{nullptr}, intermediateDense_{nullptr}, outputDense_{nullptr};
  Norm attentionLayerNorm_{nullptr}, outputLayerNorm_{nullptr};
  Dropout attentionDropout_{nullptr}, hiddenDropout_{nullptr};
  std::shared_ptr<const Int8Linear> queryKeyValueInt8_;  ///< after combineInt8Layers()
};
TORCH_MODULE(BertLayer);

/// The encoder: embeddings, the layers, and (when the checkpoint has one) BERT's pooler, kept
/// only so that saving writes it back; embeddings are pooled from the last hidden state.
class BertModelImpl : public EncoderModuleImpl {
 public:
  BertModelImpl(const EncoderConfig& config, bool withPooler);
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                        const torch::Tensor& tokenTypeIds = {},
                        bool firstTokenOnly = false) override;
  /// As transformers initialises BERT: normal(0, initializer_range) for linear and embedding
  /// weights (the padding row of word embeddings zeroed), zero biases, unit LayerNorm weights.
  void initialize(std::uint64_t seed) override;

  BertEmbeddings embeddings{nullptr};
  torch::nn::ModuleList layers{nullptr};
};

/// BERT's initialisation of `module`'s parameters, by name (MPNet's follows it too).
void initializeBertStyle(torch::nn::Module& module, double std, std::uint64_t seed);

}  // namespace embedlab::model

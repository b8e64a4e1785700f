// The inside of RerankerModel: the encoder (an EmbeddingModel's, with BERT's pooler when the
// checkpoint has one) and the classification head as LibTorch modules.
// INTERNAL to core (exposes LibTorch types): the trainer and tests use it; widgets never.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include "core/model/reranker_model.h"
#include "core/model/torch/embedding_model_impl.h"

namespace embedlab::model {

/// The one-logit head of ...ForSequenceClassification. BERT's: tanh(pooler.dense(h[CLS])),
/// dropout, `classifier` (the pooler lives in the encoder). (XLM-)RoBERTa's: dropout,
/// tanh(classifier.dense), dropout, classifier.out_proj. Parameter names are the checkpoint's
/// without "classifier.".
class RerankerHeadImpl : public torch::nn::Module {
 public:
  RerankerHeadImpl(const EncoderConfig& config, bool roberta);
  /// Logits [batch] from the last hidden state [batch, length, hidden] and, for BERT, the
  /// encoder's pooler weights.
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& poolerWeight,
                        const torch::Tensor& poolerBias);
  bool roberta() const { return roberta_; }

 private:
  bool roberta_;
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};  ///< BERT: hidden -> 1
  torch::nn::Linear dense_{nullptr};       ///< RoBERTa: hidden -> hidden
  torch::nn::Linear outProj_{nullptr};     ///< RoBERTa: hidden -> 1
};
TORCH_MODULE(RerankerHead);

/// The encoder and the head as one module, so that an optimiser sees all parameters.
class RerankerNetworkImpl : public torch::nn::Module {
 public:
  RerankerNetworkImpl(BertModel encoder, RerankerHead head);
  /// Logits [batch] of the tokenized pairs.
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                        const torch::Tensor& tokenTypeIds);

  BertModel encoder{nullptr};
  RerankerHead head{nullptr};
};
TORCH_MODULE(RerankerNetwork);

struct RerankerModel::Impl {
  EmbeddingModel encoderModel;  ///< config, tokenizer, encoder module and checkpoint dtypes
  mutable RerankerNetwork network{nullptr};  ///< a shared handle; forward() is not const
  std::string encoderPrefix;                 ///< "bert." or "roberta." in the checkpoint
  std::map<std::string, DType> headDTypes;
  torch::Device device = torch::kCPU;

  explicit Impl(EmbeddingModel encoder) : encoderModel(std::move(encoder)) {}
  /// Logits [batch] of tokenized pairs (float32).
  torch::Tensor logits(const BatchTensors& batch) const;
};

}  // namespace embedlab::model

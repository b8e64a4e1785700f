// The inside of RerankerModel: the encoder (an EmbeddingModel's, with BERT's pooler when the
// checkpoint has one) and the classification head of its architecture as LibTorch modules.
// INTERNAL to core (exposes LibTorch types): the trainer and tests use it; widgets never.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include "core/model/reranker_model.h"
#include "core/model/torch/dropout.h"
#include "core/model/torch/embedding_model_impl.h"

namespace embedlab::model {

/// The one-logit head of ...ForSequenceClassification, with the checkpoint's parameter names:
/// - BERT: tanh(pooler.dense(h[CLS])) (the pooler lives in the encoder), dropout, `classifier`;
/// - (XLM-)RoBERTa and MPNet: dropout, tanh(classifier.dense(h[0])), dropout,
///   classifier.out_proj;
/// - ModernBERT: h[CLS] or the mean of h (classifier_pooling), head.norm(act(head.dense(.))),
///   dropout, `classifier`.
class RerankerHeadImpl : public torch::nn::Module {
 public:
  enum class Kind { Bert, Roberta, ModernBert };
  static Kind kindOf(const EncoderConfig& config);

  explicit RerankerHeadImpl(const EncoderConfig& config);
  /// Logits [batch] from the last hidden state [batch, length, hidden], the attention mask and,
  /// for BERT, the encoder's pooler weights.
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& attentionMask,
                        const torch::Tensor& poolerWeight, const torch::Tensor& poolerBias);
  Kind kind() const { return kind_; }
  /// Whether forward() reads only the first token's hidden state (all heads but ModernBERT's
  /// mean pooling), so that the encoder may compute that row alone.
  bool readsFirstTokenOnly() const { return kind_ != Kind::ModernBert || !meanPooling_; }
  /// The prefix of the encoder's tensors in the checkpoint ("bert.", "roberta.", "mpnet.",
  /// "model.").
  static std::string encoderPrefix(const EncoderConfig& config);
  /// "BertForSequenceClassification", "MPNetForSequenceClassification", ...
  static std::string architectureName(const EncoderConfig& config);

 private:
  Kind kind_;
  std::string activation_;    ///< ModernBERT: classifier_activation
  bool meanPooling_ = false;  ///< ModernBERT: classifier_pooling "mean"
  Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};    ///< BERT, ModernBERT: hidden -> 1
  torch::nn::Linear dense_{nullptr};         ///< RoBERTa, MPNet, ModernBERT: hidden -> hidden
  torch::nn::Linear outProj_{nullptr};       ///< RoBERTa, MPNet: hidden -> 1
  std::shared_ptr<torch::nn::Module> norm_;  ///< ModernBERT: head.norm
};
TORCH_MODULE(RerankerHead);

/// The encoder and the head as one module, so that an optimiser sees all parameters.
class RerankerNetworkImpl : public torch::nn::Module {
 public:
  RerankerNetworkImpl(EncoderModule encoder, RerankerHead head);
  /// Logits [batch] of the tokenized pairs.
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                        const torch::Tensor& tokenTypeIds);

  EncoderModule encoder;
  RerankerHead head{nullptr};
};
TORCH_MODULE(RerankerNetwork);

struct RerankerModel::Impl {
  EmbeddingModel encoderModel;  ///< config, tokenizer, encoder module and checkpoint dtypes
  mutable RerankerNetwork network{nullptr};  ///< a shared handle; forward() is not const
  std::string encoderPrefix;  ///< "bert.", "roberta.", "mpnet." or "model." in the checkpoint
  std::map<std::string, DType> headDTypes;
  torch::Device device = torch::kCPU;

  explicit Impl(EmbeddingModel encoder) : encoderModel(std::move(encoder)) {}
  /// Logits [batch] of tokenized pairs (float32).
  torch::Tensor logits(const BatchTensors& batch) const;
};

}  // namespace embedlab::model

// A masked-language model: an encoder (an EmbeddingModel's) and its architecture's MLM head, the
// output projection tied to the word embeddings, with the parameter names transformers'
// ...ForMaskedLM checkpoints use:
// - BERT: cls.predictions.transform.{dense, LayerNorm}, cls.predictions.bias; activation
//   hidden_act (BertForMaskedLM);
// - (XLM-)RoBERTa and MPNet: lm_head.{dense, layer_norm}, lm_head.bias; gelu
//   (RobertaForMaskedLM, XLMRobertaForMaskedLM, MPNetForMaskedLM).
// save() writes the encoder's tensors under the checkpoint prefix ("bert.", "roberta.",
// "mpnet."), the head's beside them (the tied decoder weight once, as transformers saves tied
// weights) and config.json naming the ...ForMaskedLM architecture: transformers loads the folder
// with AutoModelForMaskedLM, and every EmbedLab job (train, train-reranker, mine, eval) as an
// encoder, the head ignored. What `pretrain` trains and writes (core/pretrain).
//
// INTERNAL to core (exposes LibTorch types).
#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <filesystem>
#include <map>
#include <string>

#include "core/model/embedding_model.h"
#include "core/model/encoder_config.h"
#include "core/model/safetensors.h"
#include "core/model/torch/encoder_module.h"
#include "core/model/torch/linear.h"

namespace embedlab::model {

class MaskedLmHeadImpl : public torch::nn::Module {
 public:
  explicit MaskedLmHeadImpl(const EncoderConfig& config);
  /// Vocabulary logits [rows, vocab] of hidden states [rows, hidden]; `wordEmbeddings` is the
  /// tied decoder weight [vocab, hidden] (the encoder's word embedding matrix).
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& wordEmbeddings);
  /// As transformers initialises the head: normal(0, std) dense weight, zero biases, unit norm.
  void initialize(double std, std::uint64_t seed);

  /// Whether EmbedLab has the MLM head of `config`'s architecture; `whyNot` says why not.
  static bool supports(const EncoderConfig& config, std::string* whyNot = nullptr);
  /// "BertForMaskedLM", "RobertaForMaskedLM", "XLMRobertaForMaskedLM", "MPNetForMaskedLM".
  static std::string architectureName(const EncoderConfig& config);
  /// The prefix of the encoder's tensors in a masked-LM checkpoint.
  static std::string encoderPrefix(const EncoderConfig& config);

 private:
  std::string activation_;
  Linear dense_{nullptr};
  Norm norm_{nullptr};
  torch::Tensor bias_;  ///< the decoder's bias [vocab]
};
TORCH_MODULE(MaskedLmHead);

struct MaskedLmModel {
  EmbeddingModel encoderModel;         ///< config, tokenizer, encoder module, checkpoint dtypes
  mutable MaskedLmHead head{nullptr};  ///< a shared handle; forward() is not const
  /// True when the head's tensors came from the checkpoint (a masked-LM folder), false when it
  /// was made new (an encoder-only folder, e.g. init-model's or a tuned bi-encoder's).
  bool headLoaded = false;
  std::map<std::string, DType> headDTypes;

  /// The folder's encoder and, when its checkpoint has them, the head's tensors; else a new
  /// head initialised from `seed`. Throws UsageError for an architecture without an MLM head
  /// here, InputError for a head tensor of the wrong shape or untied output embeddings.
  static MaskedLmModel load(const std::filesystem::path& folder, std::uint64_t seed,
                            const LoadOptions& options = {});

  /// The encoder's word embedding matrix [vocab, hidden] (the tied decoder weight).
  torch::Tensor wordEmbeddings() const;
  /// Vocabulary logits [rows, vocab] of the last hidden states `hidden` [batch, length, hidden]
  /// at `positions` (flat indices into batch x length).
  torch::Tensor logitsAt(const torch::Tensor& hidden, const torch::Tensor& positions) const;
  /// Writes the folder as a ...ForMaskedLM checkpoint (config.json, model.safetensors, the
  /// tokenizer files) with sentence-transformers metadata for the encoder's pooling.
  void save(const std::filesystem::path& folder) const;
};

}  // namespace embedlab::model

// A reranker (cross-encoder): the query and a passage read together as one input
// ("[CLS] query [SEP] passage [SEP]"), and a one-logit classification head on the first token
// that says how relevant the passage is. Stored as Hugging Face stores
// BertForSequenceClassification (pooler + `classifier.weight`/`bias`),
// (XLM)RobertaForSequenceClassification and MPNetForSequenceClassification (`classifier.dense` +
// `classifier.out_proj`) or ModernBertForSequenceClassification (`head.dense`, `head.norm`,
// `classifier`), with num_labels 1, so that transformers and sentence-transformers' CrossEncoder
// load what EmbedLab writes, and EmbedLab loads their rerankers (bge-reranker, ms-marco-MiniLM).
// Torch-free header.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/common/progress.h"
#include "core/model/embedding_model.h"

namespace embedlab::model {

struct RerankOptions {
  std::size_t queryMaxLength = 64;     ///< the query is cut to this many tokens first
  std::size_t passageMaxLength = 448;  ///< the pair is cut to query + passage lengths, passage side
  std::size_t batchSize = 32;          ///< pairs per forward pass
  bool normalize = false;              ///< sigmoid(logit), a score in [0, 1], instead of the logit
  ProgressObserver* progress = nullptr;  ///< pairs done of total
  const CancellationToken* cancel = nullptr;
};

/// A (query, passage) pair to score.
using TextPair = std::pair<std::string, std::string>;

class RerankerModel {
 public:
  /// Whether `folder` holds a sequence-classification checkpoint (config.json's architectures).
  static bool isReranker(const std::filesystem::path& folder, const std::string& revision = "main");

  /// Loads a reranker folder; throws InputError when it is not one (naming what is missing).
  static RerankerModel load(const std::filesystem::path& folder, const LoadOptions& options = {});

  /// A randomly initialised reranker (`init-model --head classifier`): the encoder as
  /// EmbeddingModel::createRandom makes it and a head initialised as Hugging Face does.
  static RerankerModel createRandom(const RandomModelOptions& options,
                                    const std::filesystem::path& tokenizerFolder);

  /// A reranker started from an encoder that has no classification head yet (a pretrained BERT
  /// or XLM-R, or a fine-tuned bi-encoder): its encoder, BERT's pooler from the checkpoint (or
  /// initialised when it has none), and a new head initialised as Hugging Face initialises one
  /// when it makes a ...ForSequenceClassification from a base checkpoint.
  static RerankerModel fromEncoder(const std::filesystem::path& folder, std::uint64_t seed,
                                   const LoadOptions& options = {});

  /// Writes config.json (architectures, num_labels 1), model.safetensors and the tokenizer.
  void save(const std::filesystem::path& folder) const;

  /// The relevance of each pair, in input order: logits, or sigmoid(logit) with `normalize`.
  /// Batches are formed from pairs of similar length. Throws CancelledError when cancelled.
  std::vector<float> score(const std::vector<TextPair>& pairs,
                           const RerankOptions& options = {}) const;

  const EncoderConfig& config() const;
  const text::Tokenizer& tokenizer() const;

  struct Impl;
  /// For core's trainer and tests (the implementation holds the LibTorch modules).
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  explicit RerankerModel(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

/// The pair a reranker reads, tokenized: the query cut to `queryMaxLength` tokens, then the
/// passage cut so that the whole fits in queryMaxLength + passageMaxLength (special tokens
/// included).
text::Encoding encodeRerankPair(const text::Tokenizer& tokenizer, const std::string& query,
                                const std::string& passage, std::size_t queryMaxLength,
                                std::size_t passageMaxLength);

}  // namespace embedlab::model

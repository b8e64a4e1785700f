// A text-embedding model (bi-encoder): a Hugging Face model folder's encoder, tokenizer, pooling
// and prompts, loaded once and used to embed texts. Saved back as a folder that Hugging Face
// transformers and sentence-transformers load unchanged. No LibTorch types here: widgets use
// this header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/model/encoder_config.h"
#include "core/text/tokenizer.h"

namespace embedlab::model {

enum class PromptRole;

/// How token vectors become one text vector.
enum class Pooling {
  Cls,        ///< the first token's vector ([CLS] / <s>): BGE
  Mean,       ///< the mean over real tokens (padding excluded): E5, MiniLM
  LastToken,  ///< the last real token's vector (decoder-style embedders)
};
std::string_view poolingName(Pooling pooling);
/// "cls", "mean", "lasttoken" (also "last-token", "last_token"); nullopt otherwise.
std::optional<Pooling> parsePooling(std::string_view name);

struct LoadOptions {
  std::string device = "cpu";      ///< "cpu", "cuda" or "cuda:N"
  std::optional<Pooling> pooling;  ///< overrides the folder's sentence-transformers settings
  std::optional<bool> normalize;   ///< overrides them too
  /// the revision (branch, tag or commit) of a model named by hub id (hub_cache.h)
  std::string revision = "main";
};

struct EncodeOptions {
  std::size_t maxLength = 512;  ///< tokens, special tokens included (capped by the model)
  std::size_t batchSize = 32;
  std::string prefix;  ///< prepended to every text (instruction or "query: ")
  bool fp16 =
      false;  ///< float16 autocast on CUDA devices (ignored on the CPU, which stays float32)
  /// bfloat16 autocast on CUDA and on CPUs with native bf16 (runtime/cpu_features.h); float32 on
  /// other CPUs, where emulated bf16 is slower than float32
  bool bf16 = false;
  /// int8 projections on CPUs where oneDNN has int8 kernels (AVX-512 VNNI or AMX; the compute
  /// environment line says); bf16 where they are missing and the CPU has native bf16; float32
  /// on other CPUs and on CUDA (cpuEncodingPrecision).
  bool int8 = false;
  ProgressObserver* progress = nullptr;  ///< texts done of total
  const CancellationToken* cancel = nullptr;
};

/// What `init-model` creates.
struct RandomModelOptions {
  std::string architecture = "bert";  ///< "bert", "xlm-roberta", "mpnet" or "modernbert"
  std::int64_t layers = 2;
  std::int64_t hidden = 128;
  std::int64_t heads = 2;
  std::int64_t intermediate = 512;
  std::int64_t maxPositions = 512;
  std::uint64_t seed = 0;
  Pooling pooling = Pooling::Mean;
  bool normalize = true;
  bool pooler = false;  ///< BERT's / MPNet's pooler layer (BERT's classification head uses it)
};

class EmbeddingModel {
 public:
  /// Loads a model folder (config.json, model.safetensors or pytorch_model.bin or their shards,
  /// tokenizer files, optional sentence-transformers metadata and Dense modules). Throws InputError
  /// for anything missing or malformed.
  static EmbeddingModel load(const std::filesystem::path& folder, const LoadOptions& options = {});

  /// A randomly initialised model (initialised as transformers initialises the architecture)
  /// with the tokenizer of `tokenizerFolder`.
  static EmbeddingModel createRandom(const RandomModelOptions& options,
                                     const std::filesystem::path& tokenizerFolder);

  /// Writes config.json, model.safetensors (the tensors' original dtypes), the tokenizer files
  /// and sentence-transformers metadata (modules.json, 1_Pooling/, each Dense module's folder
  /// with its float32 weights, config_sentence_transformers.json with the prompts,
  /// sentence_bert_config.json) into `folder` (created if needed).
  void save(const std::filesystem::path& folder) const;

  /// Embeddings of `texts`, row-major [texts.size() x dimension()], in input order. Batches are
  /// formed from texts of similar length to cut padding. Throws CancelledError when cancelled.
  std::vector<float> encode(const std::vector<std::string>& texts,
                            const EncodeOptions& options = {}) const;

  std::size_t dimension() const;
  Pooling pooling() const;
  bool normalizes() const;
  const EncoderConfig& config() const;
  const text::Tokenizer& tokenizer() const;
  /// sentence-transformers prompts by name ("query", "passage", ...).
  const std::map<std::string, std::string>& prompts() const;
  void setPrompts(std::map<std::string, std::string> prompts);
  /// The prompt sentence-transformers uses when none is named ("": none).
  const std::string& defaultPromptName() const;
  /// The instruction for `role` when a job is given none: the model's prompt for it
  /// (sentence_transformers_metadata.h promptFor), "" when it has none.
  std::string promptFor(PromptRole role) const;
  /// `given` when a job was given that instruction, else promptFor(role).
  std::string instructionOr(const std::string& given, PromptRole role) const;
  /// The maximum sequence length the model was configured for (sentence_bert_config.json, else
  /// the position embeddings).
  std::size_t maxSequenceLength() const;
  /// Tensors of the checkpoint that belong to heads EmbedLab does not use (ignored on load).
  const std::vector<std::string>& ignoredTensors() const;
  /// How many texts encode() has run through the network since the model was loaded or created
  /// (shared by copies of this object): what a cache or a re-selection saved shows here.
  std::uint64_t textsEncoded() const;

  struct Impl;
  /// For core's trainer and tests (the implementation holds the LibTorch module).
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

 private:
  explicit EmbeddingModel(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace embedlab::model

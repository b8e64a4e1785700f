// The inside of EmbeddingModel: the LibTorch module and what goes with it.
// INTERNAL to core (exposes LibTorch types): the trainer and tests use it; widgets never.
#pragma once

#include <torch/types.h>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/model/embedding_model.h"
#include "core/model/safetensors.h"
#include "core/model/sentence_transformers_metadata.h"
#include "core/model/torch/embedder_network.h"
#include "core/model/torch/encoder_module.h"

namespace embedlab::model {

/// The precisions CPU encoding can run a copy of the network in (cpuInferenceCopy()).
enum class CpuPrecision { Bf16, Int8 };

/// The copy CPU encoding runs for `options` (nullopt: `network` in float32): int8 for --int8
/// where oneDNN has int8 kernels (the fastest path on every CPU kind measured, AMX included:
/// bench/side_by_side.py); bf16 for --bf16, and for --int8 where int8 is missing, on CPUs with
/// native bf16.
std::optional<CpuPrecision> cpuEncodingPrecision(const EncodeOptions& options);

struct EmbeddingModel::Impl {
  EncoderConfig config;
  std::optional<text::Tokenizer> tokenizer;  ///< always set once loaded
  mutable EncoderModule module;              ///< a shared handle; forward() is not const
  /// `module` and the Dense layers: what embed() runs and training updates (assembleNetwork())
  mutable EmbedderNetwork network{nullptr};
  std::vector<DenseModule> denseModules;  ///< sentence-transformers' Dense modules, in order
  Pooling pooling = Pooling::Mean;
  bool normalize = true;
  std::map<std::string, std::string> prompts;
  std::string defaultPromptName;  ///< config_sentence_transformers.json's ("": none)
  std::size_t maxSequenceLength = 512;
  std::filesystem::path tokenizerFolder;          ///< tokenizer files are copied from here on save
  std::map<std::string, DType> checkpointDTypes;  ///< parameters are saved in these dtypes
  std::vector<std::string> ignoredTensors;
  torch::Device device = torch::kCPU;  ///< where `module` lives (devices[0])
  std::vector<torch::Device> devices{torch::kCPU};
  mutable std::vector<EmbedderNetwork> replicas;  ///< copies of `network` on devices[1...]
  /// The CPU inference copies (cpuInferenceCopy()), by CpuPrecision, with the version of
  /// `network`'s parameters each was made from.
  struct InferenceCopy {
    EmbedderNetwork network{nullptr};
    std::int64_t version = -1;
  };
  mutable std::map<CpuPrecision, InferenceCopy> inferenceCopies;
  mutable std::mutex inferenceCopiesMutex;
  mutable std::atomic<std::uint64_t> textsEncoded{0};  ///< see EmbeddingModel::textsEncoded

  /// Pooled (and, when normalize is set, L2-normalised) embeddings [batch, hidden], computed by
  /// `module` (replica 0) or by replicas[replica - 1].
  torch::Tensor embed(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                      const torch::Tensor& tokenTypeIds = {}, std::size_t replica = 0) const;
  /// The same with `net` (network, a replica or the bf16 copy).
  torch::Tensor embedWith(EmbedderNetwork& net, const torch::Tensor& inputIds,
                          const torch::Tensor& attentionMask,
                          const torch::Tensor& tokenTypeIds) const;
  /// A copy of `network` for CPU encoding whose encoder computes in `precision` (pooling and
  /// the Dense layers stay float32). Made again when `network`'s parameters changed since
  /// (training steps bump their version counters; dev evaluation during training).
  /// Bf16: the encoder's weights in bfloat16. On a MiniLM-L6-sized encoder, 128 x 128 tokens, it
  /// ran 15-20% faster than float32 weights under autocast, whose casts of each activation cost
  /// a quarter of the time, with embeddings at cosine >= 0.9999 to float32.
  /// Int8: the encoder's projections through int8 weights (int8_linear.h), the rest float32.
  EmbedderNetwork& cpuInferenceCopy(CpuPrecision precision) const;
  /// A new network of the same architecture with `network`'s current parameters, in eval mode
  /// (a replica, the bf16 copy).
  EmbedderNetwork copyOfNetwork() const;
  /// (Re)creates the replicas from `network`'s current parameters.
  void createReplicas();
  /// `network` from `module` and new Dense layers of `denseModules` (initialised by LibTorch).
  void assembleNetwork();
  /// What save() writes as sentence-transformers metadata.
  SentenceTransformersMetadata sentenceTransformersMetadata() const;
  /// `module`'s parameters as checkpoint tensors named `prefix` + name ("bert." in a
  /// sequence-classification checkpoint), in their checkpoint dtypes; the converted copies the
  /// tensors point into are appended to `keepAlive`.
  std::vector<TensorData> checkpointTensors(const std::string& prefix,
                                            std::vector<torch::Tensor>& keepAlive) const;
  /// Copies the tokenizer files into `folder` (unless they already live there).
  void copyTokenizerFiles(const std::filesystem::path& folder) const;
};

/// Token vectors [batch, length, hidden] pooled into text vectors [batch, hidden] (`mask`: 1 for
/// tokens, 0 for padding; padding on the right).
torch::Tensor pool(const torch::Tensor& hidden, const torch::Tensor& mask, Pooling pooling);

/// `value` as a checkpoint tensor `name` in `dtype`: the converted CPU copy the returned bytes
/// point into is appended to `keepAlive`.
TensorData checkpointTensor(std::string name, const torch::Tensor& value, DType dtype,
                            std::vector<torch::Tensor>& keepAlive);

/// The LibTorch dtype of a safetensors dtype, and back.
torch::ScalarType scalarTypeOf(DType dtype);
DType dtypeOf(torch::ScalarType type);

/// The batch tensors (ids, attention mask, token type ids) of padded encodings, on `device`.
struct BatchTensors {
  torch::Tensor inputIds;
  torch::Tensor attentionMask;
  torch::Tensor tokenTypeIds;
};
BatchTensors toTensors(const std::vector<text::Encoding>& padded, const torch::Device& device);

}  // namespace embedlab::model

// sentence-transformers' files in a model folder: modules.json (Transformer -> Pooling ->
// Dense... -> Normalize), 1_Pooling/config.json (which pooling), N_Dense/config.json (a linear
// projection after pooling and its activation), config_sentence_transformers.json (the prompts
// and default_prompt_name) and sentence_bert_config.json (max_seq_length). Read when present so
// a model keeps its pooling, projections and prompts; a module of another type is refused by
// name (dropping it would change the embeddings silently). Always written on save. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace embedlab::model {

enum class Pooling;

/// sentence-transformers' Dense module: activation(W x + b) on the pooled vector.
struct DenseModule {
  std::string path;  ///< its folder in the model folder ("2_Dense"): config.json and weights
  std::int64_t inFeatures = 0;
  std::int64_t outFeatures = 0;
  bool bias = true;
  /// The activation's class, as sentence-transformers names it: torch.nn.modules.activation.
  /// Tanh (its default), ReLU, GELU, Sigmoid, or torch.nn.modules.linear.Identity.
  std::string activation = "torch.nn.modules.activation.Tanh";
};

/// Whether EmbedLab can run `activation` (a DenseModule::activation).
bool isSupportedDenseActivation(const std::string& activation);

struct SentenceTransformersMetadata {
  std::optional<Pooling> pooling;
  std::optional<bool> normalize;               ///< a Normalize module is listed
  std::vector<DenseModule> dense;              ///< in the order they run
  std::map<std::string, std::string> prompts;  ///< {"query": "query: ", ...}
  std::string defaultPromptName;               ///< "": none
  std::optional<std::size_t> maxSequenceLength;
};

/// Which texts a prompt is for.
enum class PromptRole { Query, Passage };

/// The prompt sentence-transformers users get for `role`: the prompt named "query" (for
/// passages "passage", else "document"), else the default prompt; "" when there is none.
std::string promptFor(const std::map<std::string, std::string>& prompts,
                      const std::string& defaultPromptName, PromptRole role);

/// What `folder` says; fields stay empty where it says nothing. Throws InputError for files that
/// exist but are malformed.
SentenceTransformersMetadata readSentenceTransformersMetadata(const std::filesystem::path& folder);

/// Writes the files of a Transformer + Pooling (+ Dense...) (+ Normalize) pipeline: the Dense
/// modules' config.json (their weights are the model's to write). `dimension` is the encoder's
/// hidden size.
void writeSentenceTransformersMetadata(const std::filesystem::path& folder,
                                       const SentenceTransformersMetadata& metadata,
                                       std::size_t dimension);

}  // namespace embedlab::model

// sentence-transformers' files in a model folder: modules.json (Transformer -> Pooling ->
// Normalize), 1_Pooling/config.json (which pooling), config_sentence_transformers.json (the
// prompts) and sentence_bert_config.json (max_seq_length). Read when present so a model keeps
// its pooling and prompts; always written on save. Torch-free.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace embedlab::model {

enum class Pooling;

struct SentenceTransformersMetadata {
  std::optional<Pooling> pooling;
  std::optional<bool> normalize;               ///< a Normalize module is listed
  std::map<std::string, std::string> prompts;  ///< {"query": "query: ", ...}
  std::optional<std::size_t> maxSequenceLength;
};

/// What `folder` says; fields stay empty where it says nothing. Throws InputError for files that
/// exist but are malformed.
SentenceTransformersMetadata readSentenceTransformersMetadata(const std::filesystem::path& folder);

/// Writes the four files for a Transformer + Pooling (+ Normalize) pipeline.
void writeSentenceTransformersMetadata(const std::filesystem::path& folder, Pooling pooling,
                                       bool normalize, std::size_t dimension,
                                       std::size_t maxSequenceLength,
                                       const std::map<std::string, std::string>& prompts);

}  // namespace embedlab::model

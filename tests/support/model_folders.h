// Model folders for tests: the reference-step model with a tokenizer next to it, and tiny random
// models made the way `embedlab-cli init-model` makes them.
#pragma once

#include <filesystem>
#include <string>

#include "core/model/embedding_model.h"

namespace embedlab::test {

inline const std::filesystem::path kTestData = EMBEDLAB_SOURCE_DIR "/tests/data";

/// Copies the reference-step model (config.json, model.safetensors) into `folder` with the
/// bert-base-uncased tokenizer, so that it loads as a model folder.
inline void makeReferenceModelFolder(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  for (const char* file : {"config.json", "model.safetensors"}) {
    std::filesystem::copy_file(kTestData / "reference-step" / file, folder / file,
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::filesystem::copy_file(kTestData / "bert-base-uncased" / "tokenizer.json",
                             folder / "tokenizer.json",
                             std::filesystem::copy_options::overwrite_existing);
}

/// A tiny random BERT (2 layers, hidden 32) with the bert-base-uncased tokenizer, saved in
/// `folder`.
inline model::EmbeddingModel makeTinyModel(const std::filesystem::path& folder,
                                           model::Pooling pooling = model::Pooling::Mean,
                                           std::uint64_t seed = 7) {
  model::RandomModelOptions options;
  options.layers = 2;
  options.hidden = 32;
  options.heads = 2;
  options.intermediate = 64;
  options.seed = seed;
  options.pooling = pooling;
  auto tiny = model::EmbeddingModel::createRandom(options, kTestData / "bert-base-uncased");
  tiny.save(folder);
  return tiny;
}

}  // namespace embedlab::test

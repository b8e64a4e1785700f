// Model folders for tests: the reference-step model with a tokenizer next to it, and tiny random
// models made the way `embedlab-cli init-model` makes them.
#pragma once

#include <QString>
#include <QStringList>
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

/// The random BERT the demo-data tests train (2 layers, hidden 64, FFN 256), saved in `folder`.
inline void makeDemoSizedModel(const std::filesystem::path& folder) {
  model::RandomModelOptions options;
  options.layers = 2;
  options.hidden = 64;
  options.heads = 2;
  options.intermediate = 256;
  options.seed = 1;
  model::EmbeddingModel::createRandom(options, kTestData / "bert-base-uncased").save(folder);
}

/// The arguments of `embedlab-cli init-model` for a tiny BERT (2 layers, hidden 32) in `output`.
inline QStringList initTinyModelArguments(const std::filesystem::path& output, int seed) {
  return {"init-model",
          "--arch",
          "bert",
          "--layers",
          "2",
          "--hidden",
          "32",
          "--heads",
          "2",
          "--intermediate",
          "64",
          "--tokenizer",
          QString::fromStdString((kTestData / "bert-base-uncased").string()),
          "--seed",
          QString::number(seed),
          "--output",
          QString::fromStdString(output.string())};
}

}  // namespace embedlab::test

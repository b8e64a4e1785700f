// Finding model folders in a workspace (the base models users copy in, the models training
// writes): folders with a tokenizer (tokenizer.json or vocab.txt), so that views can offer them as
// a choice, e.g. the tokenizer the dataset statistics count tokens with.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace embedlab::model {

struct ModelFolder {
  std::filesystem::path path;
  std::string name;         ///< path relative to the workspace, for lists
  bool hasWeights = false;  ///< model.safetensors (or shards) or pytorch_model.bin is present
};

/// True when `folder` holds a tokenizer a Tokenizer::load() would read.
bool hasTokenizer(const std::filesystem::path& folder);

/// Model folders in `workspace` up to `maxDepth` folders deep, sorted by name; a model folder's
/// own subfolders are not searched. Hidden folders are skipped; unreadable ones are ignored.
std::vector<ModelFolder> discoverModelFolders(const std::filesystem::path& workspace,
                                              int maxDepth = 4);

}  // namespace embedlab::model

// Finding the datasets in a workspace folder: the data files (.jsonl, .tsv) and BEIR-layout
// evaluation folders, each with what it holds, so that the GUI can list them and jobs can offer
// them as inputs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/data/validation.h"

namespace embedlab {

struct DatasetEntry {
  std::filesystem::path path;
  /// What the file holds; nullopt for evaluation folders and for files whose kind is unclear.
  std::optional<DataKind> kind;
  bool evalFolder = false;  ///< a BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/)
  std::string name;         ///< path relative to the workspace, for lists
};

/// The datasets in `workspace`, sorted by name: evaluation folders as one entry each (their
/// files are not listed again), other .jsonl and .tsv files up to `maxDepth` folders deep: what
/// a user would train, mine or evaluate on. Not listed: hidden files and folders (".name"), the
/// workspace's `runs/` folder (where jobs write their outputs: job logs, metrics, scores,
/// per-query tables), run and checkpoint folders elsewhere (they hold job.jsonl,
/// training_options.json or trainer_state.json) and model folders (config.json). Throws
/// IoError when the folder is unreadable.
std::vector<DatasetEntry> discoverDatasets(const std::filesystem::path& workspace,
                                           int maxDepth = 3);

}  // namespace embedlab

// Which files --train_data names: files as they are, and a folder as every .jsonl file directly
// in it, sorted by name (as the reference reads a folder). Torch-free.
#pragma once

#include <string>
#include <vector>

namespace embedlab::train {

/// The training files of `trainData` (TrainingOptions::trainData), folders expanded. Throws
/// UsageError for a folder without a .jsonl file; a missing file is returned as it is (reading
/// it says so).
std::vector<std::string> trainingDataFiles(const std::vector<std::string>& trainData);

}  // namespace embedlab::train

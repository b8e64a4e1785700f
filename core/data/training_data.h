// Loading and writing whole training-data and candidate-pool files (for files that fit in memory;
// IndexedLineFile gives random access to larger ones).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/line_reader.h"
#include "core/data/problem.h"
#include "core/data/training_example.h"

namespace embedlab {

/// Every example of a training file, in file order. Throws InputError at the first invalid line
/// (file:line: what is wrong); warnings (blank lines, duplicates, unknown fields) go to
/// `warnings` when given.
std::vector<TrainingExample> readTrainingData(const std::filesystem::path& path,
                                              std::vector<Problem>* warnings = nullptr,
                                              ProgressObserver* progress = nullptr,
                                              const CancellationToken* cancel = nullptr,
                                              const LineReaderOptions& options = {});

/// Every text of a candidate pool ({"text": str} per line), in file order; errors as above.
std::vector<std::string> readCandidatePool(const std::filesystem::path& path,
                                           std::vector<Problem>* warnings = nullptr,
                                           ProgressObserver* progress = nullptr,
                                           const CancellationToken* cancel = nullptr,
                                           const LineReaderOptions& options = {});

/// Writes `examples` as JSONL, atomically (the old file stays until the new one is complete).
void writeTrainingData(const std::filesystem::path& path,
                       const std::vector<TrainingExample>& examples);

}  // namespace embedlab

// Internal to core/data: the loop every loader shares. Jobs load data strictly: the first error
// stops the load with an InputError naming file and line (nothing has been written yet);
// warnings are collected for the job's log.
#pragma once

#include <filesystem>
#include <vector>

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/data/line_reader.h"
#include "core/data/problem.h"

namespace embedlab::strict_reader {

/// Calls `parse(line, problems)` for every line of `path`. Throws InputError at the first line
/// with an error; appends warnings (with their lines) to `warnings` when it is not null.
template <typename Parse>
void readAll(const std::filesystem::path& path, const LineReaderOptions& options,
             std::vector<Problem>* warnings, ProgressObserver* progress,
             const CancellationToken* cancel, Parse&& parse) {
  LineReader reader(path, options);
  std::vector<Problem> problems;
  TextLine line;
  std::uint64_t nextProgress = 0;
  while (reader.next(line)) {
    if ((line.number & 1023U) == 0) {
      throwIfCancelled(cancel);
    }
    parse(line, problems);
    for (Problem& problem : problems) {
      if (problem.severity() == Severity::Error) {
        throw InputError(path.string(), problem.line,
                         problem.message + " [" + std::string(problemCode(problem.kind)) +
                             "; 'embedlab-cli validate " + path.string() +
                             "' lists every problem]");
      }
      if (warnings != nullptr) {
        warnings->push_back(std::move(problem));
      }
    }
    problems.clear();
    if (reader.bytesConsumed() >= nextProgress) {
      reportProgress(progress, reader.bytesConsumed(), reader.fileSize(), "bytes");
      nextProgress = reader.bytesConsumed() + (4 << 20);
    }
  }
  reportProgress(progress, reader.fileSize(), reader.fileSize(), "bytes");
}

}  // namespace embedlab::strict_reader

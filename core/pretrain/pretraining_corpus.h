// The texts a pre-training run reads: every {"text": ...} line of candidate-pool files (the
// reference's pre-training format) and the query, pos and neg texts of training files, each
// distinct text kept once (the first time it is met, by a 64-bit
// content hash). Files of any size: one pass builds the list of where each text is (file, line,
// field: 16 bytes a text) over the files' line indexes (core/data/line_index), and text() reads
// a text's line again when a batch needs it. A file's kind is decided by its first record
// ({"text"} or {"query", "pos", ...}); a line that does not parse is an InputError naming the
// file, the line and what was expected. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"

namespace embedlab::pretrain {

class PretrainingCorpus {
 public:
  /// Scans `files` (each .jsonl once; progress in bytes). Throws InputError for a malformed
  /// line, UsageError when no text is left, CancelledError when cancelled.
  static PretrainingCorpus open(const std::vector<std::filesystem::path>& files,
                                ProgressObserver* progress = nullptr,
                                const CancellationToken* cancel = nullptr);
  PretrainingCorpus(PretrainingCorpus&&) noexcept;
  PretrainingCorpus& operator=(PretrainingCorpus&&) noexcept;
  ~PretrainingCorpus();

  /// Distinct texts.
  std::size_t size() const { return texts_.size(); }
  /// Text `index` (0-based, in the order met), read from its file. Throws InputError when the
  /// file changed since the scan.
  std::string text(std::size_t index) const;
  std::size_t duplicates() const { return duplicates_; }  ///< texts left out as repeats
  /// "pre-training on 6000 distinct texts from 2 file(s) (1234 repeated texts left out)".
  std::string describe() const;

 private:
  PretrainingCorpus() = default;
  enum class FileKind : std::uint8_t { Pool, Training };
  struct Reference {
    std::uint64_t line = 0;  ///< 0-based line in its file
    std::uint32_t file = 0;
    std::uint32_t field = 0;  ///< pool: 0; training: 0 the query, then pos, then neg
  };
  struct File;
  std::vector<Reference> texts_;
  std::vector<std::unique_ptr<File>> files_;
  std::size_t duplicates_ = 0;
};

}  // namespace embedlab::pretrain

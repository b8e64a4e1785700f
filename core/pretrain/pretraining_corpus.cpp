#include "core/pretrain/pretraining_corpus.h"

#include <fmt/format.h>
#include <xxhash.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <unordered_set>

#include "core/common/error.h"
#include "core/data/line_index.h"
#include "core/data/line_reader.h"
#include "core/data/record_parsers.h"

namespace embedlab::pretrain {

struct PretrainingCorpus::File {
  FileKind kind = FileKind::Pool;
  IndexedLineFile lines;
  mutable std::mutex mutex;  ///< guards parser
  mutable RecordParser parser;

  File(FileKind k, const std::filesystem::path& path) : kind(k), lines(path) {}
};

namespace {

// A file's kind from its first non-blank line: training lines have a "query".
bool looksLikeTrainingFile(const std::filesystem::path& path) {
  LineReader reader(path);
  TextLine line;
  while (reader.next(line)) {
    if (line.tooLong || line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const nlohmann::json record = nlohmann::json::parse(line.text, nullptr, false);
    return record.is_object() && record.contains("query");
  }
  return false;
}

// The first error among `problems` as an InputError.
[[noreturn]] void throwFirstError(const std::filesystem::path& path,
                                  const std::vector<Problem>& problems, bool training) {
  for (const Problem& problem : problems) {
    if (problem.severity() != Severity::Error) continue;
    throw InputError(path.string(), problem.line,
                     problem.message + (training ? " (a training line: {\"query\", \"pos\", "
                                                   "\"neg\"}; pre-training reads all three)"
                                                 : " (expected {\"text\": ...}, the "
                                                   "candidate-pool format)"));
  }
  throw InputError(path.string(), "cannot be read as pre-training data");
}

// The texts of a parsed line, in field order (the query, then pos, then neg).
std::vector<std::string> lineTexts(RecordParser& parser, const TextLine& line, bool training,
                                   std::vector<Problem>& problems) {
  std::vector<std::string> texts;
  if (training) {
    if (auto example = parser.training(line, problems)) {
      texts.push_back(std::move(example->query));
      for (auto* list : {&example->positives, &example->negatives})
        for (std::string& text : *list)
          texts.push_back(std::move(text));
    }
  } else if (auto pool = parser.pool(line, problems)) {
    texts.push_back(std::move(pool->text));
  }
  return texts;
}

bool hasError(const std::vector<Problem>& problems) {
  for (const Problem& problem : problems)
    if (problem.severity() == Severity::Error) return true;
  return false;
}

}  // namespace

PretrainingCorpus::PretrainingCorpus(PretrainingCorpus&&) noexcept = default;
PretrainingCorpus& PretrainingCorpus::operator=(PretrainingCorpus&&) noexcept = default;
PretrainingCorpus::~PretrainingCorpus() = default;

PretrainingCorpus PretrainingCorpus::open(const std::vector<std::filesystem::path>& files,
                                          ProgressObserver* progress,
                                          const CancellationToken* cancel) {
  PretrainingCorpus corpus;
  std::uint64_t totalBytes = 0;
  for (const auto& path : files) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw IoError("cannot read", path.string(), error.value());
    totalBytes += size;
  }
  std::unordered_set<std::uint64_t> seen;
  std::uint64_t bytesBefore = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::filesystem::path& path = files[f];
    const bool training = looksLikeTrainingFile(path);
    LineReader reader(path);
    RecordParser parser;
    TextLine line;
    std::vector<Problem> problems;
    while (reader.next(line)) {
      problems.clear();
      const std::vector<std::string> texts = lineTexts(parser, line, training, problems);
      if (hasError(problems)) throwFirstError(path, problems, training);
      for (std::size_t field = 0; field < texts.size(); ++field) {
        const std::string& text = texts[field];
        if (!seen.insert(XXH3_64bits(text.data(), text.size())).second) {
          ++corpus.duplicates_;
          continue;
        }
        corpus.texts_.push_back(
            {line.number - 1, static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(field)});
      }
      if ((line.number & 1023) == 0) {
        throwIfCancelled(cancel);
        reportProgress(progress, bytesBefore + reader.bytesConsumed(), totalBytes, "bytes");
      }
    }
    bytesBefore += reader.fileSize();
    corpus.files_.push_back(
        std::make_unique<File>(training ? FileKind::Training : FileKind::Pool, path));
  }
  reportProgress(progress, totalBytes, totalBytes, "bytes");
  if (corpus.texts_.empty()) {
    throw UsageError(
        fmt::format("--train_data: the {} file(s) hold no text to pre-train on", files.size()));
  }
  return corpus;
}

std::string PretrainingCorpus::text(std::size_t index) const {
  const Reference& reference = texts_.at(index);
  const File& file = *files_[reference.file];
  const std::string content = file.lines.line(reference.line);
  TextLine line;
  line.number = reference.line + 1;
  line.text = content;
  line.length = content.size();
  std::vector<Problem> problems;
  std::vector<std::string> texts;
  {
    const std::lock_guard lock(file.mutex);
    texts = lineTexts(file.parser, line, file.kind == FileKind::Training, problems);
  }
  if (reference.field >= texts.size()) {
    throw InputError(file.lines.path().string(), line.number,
                     "changed since pre-training read it (keep training files unchanged while "
                     "a run reads them)");
  }
  return texts[reference.field];
}

std::string PretrainingCorpus::describe() const {
  std::string text = fmt::format("pre-training on {} distinct texts from {} file(s)", texts_.size(),
                                 files_.size());
  if (duplicates_ > 0) text += fmt::format(" ({} repeated texts left out)", duplicates_);
  return text;
}

}  // namespace embedlab::pretrain

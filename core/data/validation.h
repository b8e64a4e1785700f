// Validation of users' data files: every problem with its line and what was expected, counts per
// kind, and a summary of what the file holds. Used by `embedlab-cli validate`, the GUI's dataset
// browser and every job before it starts work.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/integer_distribution.h"
#include "core/common/progress.h"
#include "core/data/line_reader.h"
#include "core/data/problem.h"
#include "core/data/record_parsers.h"

namespace embedlab {

/// What a data file holds.
enum class DataKind { Training, Pool, Corpus, Queries, Qrels };

/// "train", "pool", "corpus", "queries", "qrels": the names --kind accepts.
std::string_view dataKindName(DataKind kind);
std::optional<DataKind> parseDataKind(std::string_view name);

/// Guesses the kind from the file's name and its first record's fields. Throws UsageError when
/// it cannot tell (the caller should ask for --kind), IoError when the file cannot be read.
DataKind detectDataKind(const std::filesystem::path& path);

struct ValidationOptions {
  /// Problems kept in full (all are counted in problemCounts).
  std::size_t keepProblems = 1000;
  LineReaderOptions reader;
};

struct ValidationReport {
  std::string file;
  DataKind kind = DataKind::Training;
  EvalLayout layout = EvalLayout::Unknown;  ///< corpus and queries files

  std::uint64_t lines = 0;         ///< lines in the file, blank ones included
  std::uint64_t records = 0;       ///< lines that are valid records
  std::uint64_t invalidLines = 0;  ///< lines with at least one error
  std::uint64_t blankLines = 0;
  std::uint64_t crlfLines = 0;  ///< lines that end in CRLF (accepted)
  bool bom = false;             ///< the file starts with a UTF-8 BOM (accepted)
  std::uint64_t bytes = 0;

  std::vector<Problem> problems;                       ///< the first keepProblems, by line
  std::map<ProblemKind, std::uint64_t> problemCounts;  ///< every problem, by kind
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;

  // Training files.
  IntegerDistribution positivesPerQuery;
  IntegerDistribution negativesPerQuery;
  IntegerDistribution queryLength;     ///< characters (code points)
  IntegerDistribution positiveLength;  ///< characters
  IntegerDistribution negativeLength;  ///< characters
  std::uint64_t queriesWithScores = 0;
  std::uint64_t queriesWithPrompt = 0;

  // Pool, corpus and queries files: the text's length in characters.
  IntegerDistribution textLength;

  // Qrels files.
  IntegerDistribution judgmentsPerQuery;

  bool valid() const { return errors == 0; }
};

/// Reads `path` once as `kind` and reports every problem. Throws IoError when the file cannot be
/// read, CancelledError when `cancel` is set.
ValidationReport validateFile(const std::filesystem::path& path, DataKind kind,
                              const ValidationOptions& options = {},
                              ProgressObserver* progress = nullptr,
                              const CancellationToken* cancel = nullptr);

/// Validates a BEIR-layout evaluation folder: corpus.jsonl, queries.jsonl and qrels/<split>.tsv
/// (every split when `split` is empty), and checks that the qrels name only ids the corpus and
/// the queries contain. One report per file, corpus first. Throws InputError when a required
/// file is missing.
std::vector<ValidationReport> validateEvalFolder(const std::filesystem::path& folder,
                                                 const std::string& split = {},
                                                 const ValidationOptions& options = {},
                                                 ProgressObserver* progress = nullptr,
                                                 const CancellationToken* cancel = nullptr);

/// True when `folder` looks like a BEIR-layout evaluation set (corpus.jsonl and queries.jsonl).
bool isEvalFolder(const std::filesystem::path& folder);

}  // namespace embedlab

#include "core/data/validation.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/common/error.h"
#include "core/common/utf8.h"

namespace embedlab {

namespace {

constexpr std::uint64_t kProgressEveryBytes = 4 << 20;

std::uint64_t hashId(std::string_view id) {
  return XXH3_64bits(id.data(), id.size());
}

// An id seen in a corpus or queries file: its hash (ids themselves would cost far more memory on
// a 10M-document corpus) and its line.
struct IdAt {
  std::uint64_t hash;
  std::uint64_t line;
};

// Adds one line's problems to the report: counts all, keeps the first keepProblems.
class ProblemSink {
 public:
  ProblemSink(ValidationReport& report, std::size_t keep) : report_(report), keep_(keep) {}

  void take(std::vector<Problem>& lineProblems) {
    bool lineHasError = false;
    for (Problem& problem : lineProblems) {
      ++report_.problemCounts[problem.kind];
      if (problem.severity() == Severity::Error) {
        ++report_.errors;
        lineHasError = true;
      } else {
        ++report_.warnings;
      }
      if (problem.kind == ProblemKind::BlankLine) {
        ++report_.blankLines;
      }
      if (report_.problems.size() < keep_) {
        report_.problems.push_back(std::move(problem));
      }
    }
    report_.invalidLines += static_cast<std::uint64_t>(lineHasError);
    lineProblems.clear();
  }

 private:
  ValidationReport& report_;
  std::size_t keep_;
};

// Reads every line of `path`, feeding `handle(line, problems)`; fills the line-level counts.
void forEachLine(const std::filesystem::path& path, const ValidationOptions& options,
                 ProgressObserver* progress, const CancellationToken* cancel,
                 ValidationReport& report,
                 const std::function<void(const TextLine&, std::vector<Problem>&)>& handle) {
  LineReader reader(path, options.reader);
  ProblemSink sink(report, options.keepProblems);
  std::vector<Problem> lineProblems;
  TextLine line;
  std::uint64_t nextProgress = kProgressEveryBytes;
  report.bytes = reader.fileSize();
  reportProgress(progress, 0, reader.fileSize(), "bytes");
  while (reader.next(line)) {
    if ((line.number & 1023U) == 0) {
      throwIfCancelled(cancel);
    }
    ++report.lines;
    report.crlfLines += static_cast<std::uint64_t>(line.carriageReturn);
    handle(line, lineProblems);
    sink.take(lineProblems);
    if (reader.bytesConsumed() >= nextProgress) {
      reportProgress(progress, reader.bytesConsumed(), reader.fileSize(), "bytes");
      nextProgress = reader.bytesConsumed() + kProgressEveryBytes;
    }
  }
  report.bom = reader.hadBom();
  reportProgress(progress, reader.fileSize(), reader.fileSize(), "bytes");
}

void addLengths(IntegerDistribution& distribution, const std::vector<std::string>& texts) {
  for (const std::string& text : texts) {
    distribution.add(utf8::codePointCount(text));
  }
}

// Finds ids that occur twice, reports each repeat at its line (with the id's text, re-read from
// the file: duplicates are rare, ids of the whole file are too many to keep), and leaves `ids`
// sorted by hash for lookups.
void reportDuplicateIds(const std::filesystem::path& path, DataKind kind,
                        const ValidationOptions& options, std::vector<IdAt>& ids,
                        ValidationReport& report) {
  std::sort(ids.begin(), ids.end(), [](const IdAt& a, const IdAt& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.line < b.line;
  });
  std::unordered_map<std::uint64_t, std::uint64_t> firstLineOfRepeat;  // repeat line -> first
  std::size_t runStart = 0;  // first entry of the current run of equal hashes
  for (std::size_t i = 1; i < ids.size(); ++i) {
    if (ids[i].hash != ids[runStart].hash) {
      runStart = i;
    } else {
      firstLineOfRepeat.emplace(ids[i].line, ids[runStart].line);
    }
  }
  if (firstLineOfRepeat.empty()) {
    return;
  }
  std::vector<Problem> found;
  LineReader reader(path, options.reader);
  RecordParser parser(options.reader.maxLineBytes);
  EvalLayout layout = report.layout;
  std::vector<Problem> ignored;
  TextLine line;
  while (reader.next(line)) {
    const auto repeat = firstLineOfRepeat.find(line.number);
    if (repeat == firstLineOfRepeat.end()) continue;
    std::string id;
    if (kind == DataKind::Corpus) {
      if (auto document = parser.corpus(line, layout, ignored)) id = document->id;
    } else if (auto query = parser.query(line, layout, ignored)) {
      id = query->id;
    }
    found.push_back({ProblemKind::DuplicateId, line.number,
                     fmt::format("_id \"{}\" was already used on line {}; ids must be unique", id,
                                 repeat->second)});
  }
  for (Problem& problem : found) {
    // The repeating line was accepted as a record during the pass; it is an invalid one.
    ++report.problemCounts[problem.kind];
    ++report.errors;
    ++report.invalidLines;
    --report.records;
    if (report.problems.size() < options.keepProblems) {
      report.problems.push_back(std::move(problem));
    }
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
}

ValidationReport validate(
    const std::filesystem::path& path, DataKind kind, const ValidationOptions& options,
    ProgressObserver* progress, const CancellationToken* cancel, std::vector<IdAt>* ids,
    const std::function<void(const QrelsEntry&, std::vector<Problem>&)>& checkQrels = {}) {
  ValidationReport report;
  report.file = path.string();
  report.kind = kind;
  RecordParser parser(options.reader.maxLineBytes);
  std::vector<IdAt> localIds;
  std::vector<IdAt>& idList = ids != nullptr ? *ids : localIds;
  std::unordered_map<std::string, std::uint64_t> judgments;

  forEachLine(path, options, progress, cancel, report,
              [&](const TextLine& line, std::vector<Problem>& problems) {
                switch (kind) {
                  case DataKind::Training:
                    if (auto example = parser.training(line, problems)) {
                      ++report.records;
                      report.positivesPerQuery.add(example->positives.size());
                      report.negativesPerQuery.add(example->negatives.size());
                      report.queryLength.add(utf8::codePointCount(example->query));
                      addLengths(report.positiveLength, example->positives);
                      addLengths(report.negativeLength, example->negatives);
                      report.queriesWithScores += static_cast<std::uint64_t>(
                          !example->positiveScores.empty() || !example->negativeScores.empty());
                      report.queriesWithPrompt +=
                          static_cast<std::uint64_t>(example->prompt.has_value());
                    }
                    break;
                  case DataKind::Pool:
                    if (auto text = parser.pool(line, problems)) {
                      ++report.records;
                      report.textLength.add(utf8::codePointCount(text->text));
                    }
                    break;
                  case DataKind::Corpus:
                    if (auto document = parser.corpus(line, report.layout, problems)) {
                      ++report.records;
                      report.textLength.add(utf8::codePointCount(document->text));
                      idList.push_back({hashId(document->id), line.number});
                    }
                    break;
                  case DataKind::Queries:
                    if (auto query = parser.query(line, report.layout, problems)) {
                      ++report.records;
                      report.textLength.add(utf8::codePointCount(query->text));
                      if (report.layout == EvalLayout::MsMarco) {
                        report.positivesPerQuery.add(query->positives.size());
                      }
                      idList.push_back({hashId(query->id), line.number});
                    }
                    break;
                  case DataKind::Qrels:
                    if (auto entry = parser.qrels(line, problems)) {
                      ++report.records;
                      ++judgments[entry->queryId];
                      if (checkQrels) checkQrels(*entry, problems);
                    }
                    break;
                }
              });
  for (const auto& [query, count] : judgments) {
    report.judgmentsPerQuery.add(count);
  }
  if ((kind == DataKind::Corpus || kind == DataKind::Queries) &&
      report.layout != EvalLayout::MsMarco) {
    reportDuplicateIds(path, kind, options, idList, report);
  }
  return report;
}

bool containsHash(const std::vector<IdAt>& sortedIds, std::uint64_t hash) {
  const auto found = std::lower_bound(sortedIds.begin(), sortedIds.end(), hash,
                                      [](const IdAt& id, std::uint64_t h) { return id.hash < h; });
  return found != sortedIds.end() && found->hash == hash;
}

std::string firstJsonLine(const std::filesystem::path& path) {
  LineReader reader(path);
  TextLine line;
  while (reader.next(line)) {
    if (!line.tooLong && line.text.find_first_not_of(" \t") != std::string_view::npos) {
      return std::string(line.text);
    }
  }
  return {};
}

}  // namespace

std::string_view dataKindName(DataKind kind) {
  switch (kind) {
    case DataKind::Training: return "train";
    case DataKind::Pool: return "pool";
    case DataKind::Corpus: return "corpus";
    case DataKind::Queries: return "queries";
    case DataKind::Qrels: return "qrels";
  }
  return "train";
}

std::optional<DataKind> parseDataKind(std::string_view name) {
  for (const DataKind kind :
       {DataKind::Training, DataKind::Pool, DataKind::Corpus, DataKind::Queries, DataKind::Qrels}) {
    if (name == dataKindName(kind)) return kind;
  }
  if (name == "training") return DataKind::Training;
  return std::nullopt;
}

DataKind detectDataKind(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  if (path.extension() == ".tsv") {
    return DataKind::Qrels;
  }
  const std::string first = firstJsonLine(path);
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(first);
  } catch (const std::exception&) {
    throw UsageError(
        fmt::format("cannot tell what {} holds: its first line is not a JSON object; "
                    "pass --kind train|pool|corpus|queries|qrels",
                    path.string()));
  }
  const auto has = [&](const char* key) { return record.is_object() && record.contains(key); };
  if (has("query") && has("pos")) return DataKind::Training;
  if (has("query") && has("positive")) return DataKind::Queries;
  if (has("content")) return DataKind::Corpus;
  if (has("_id") && has("title")) return DataKind::Corpus;
  if (has("_id") && name.find("corpus") != std::string::npos) return DataKind::Corpus;
  if (has("_id")) return DataKind::Queries;
  if (has("text")) return DataKind::Pool;
  throw UsageError(
      fmt::format("cannot tell what {} holds from its first record's fields; pass "
                  "--kind train|pool|corpus|queries|qrels",
                  path.string()));
}

ValidationReport validateFile(const std::filesystem::path& path, DataKind kind,
                              const ValidationOptions& options, ProgressObserver* progress,
                              const CancellationToken* cancel) {
  return validate(path, kind, options, progress, cancel, nullptr);
}

bool isEvalFolder(const std::filesystem::path& folder) {
  return std::filesystem::is_regular_file(folder / "corpus.jsonl") &&
         std::filesystem::is_regular_file(folder / "queries.jsonl");
}

std::vector<ValidationReport> validateEvalFolder(const std::filesystem::path& folder,
                                                 const std::string& split,
                                                 const ValidationOptions& options,
                                                 ProgressObserver* progress,
                                                 const CancellationToken* cancel) {
  for (const char* required : {"corpus.jsonl", "queries.jsonl"}) {
    if (!std::filesystem::is_regular_file(folder / required)) {
      throw InputError(folder.string(),
                       fmt::format("missing {} (a BEIR-layout evaluation folder holds "
                                   "corpus.jsonl, queries.jsonl and qrels/<split>.tsv)",
                                   required));
    }
  }
  std::vector<std::filesystem::path> qrelsFiles;
  if (!split.empty()) {
    qrelsFiles.push_back(folder / "qrels" / (split + ".tsv"));
    if (!std::filesystem::is_regular_file(qrelsFiles.back())) {
      throw InputError(qrelsFiles.back().string(),
                       "missing qrels file for split \"" + split + "\"");
    }
  } else if (std::filesystem::is_directory(folder / "qrels")) {
    for (const auto& entry : std::filesystem::directory_iterator(folder / "qrels")) {
      if (entry.path().extension() == ".tsv") qrelsFiles.push_back(entry.path());
    }
    std::sort(qrelsFiles.begin(), qrelsFiles.end());
  }
  if (qrelsFiles.empty()) {
    throw InputError((folder / "qrels").string(),
                     "no qrels/<split>.tsv file: an evaluation set needs relevance judgments");
  }

  std::vector<ValidationReport> reports;
  std::vector<IdAt> documentIds;
  std::vector<IdAt> queryIds;
  reports.push_back(
      validate(folder / "corpus.jsonl", DataKind::Corpus, options, progress, cancel, &documentIds));
  reports.push_back(
      validate(folder / "queries.jsonl", DataKind::Queries, options, progress, cancel, &queryIds));
  for (const auto& qrelsFile : qrelsFiles) {
    std::vector<std::uint64_t> judgedQueries;
    ValidationReport report = validate(
        qrelsFile, DataKind::Qrels, options, progress, cancel, nullptr,
        [&](const QrelsEntry& entry, std::vector<Problem>& problems) {
          const std::uint64_t queryHash = hashId(entry.queryId);
          judgedQueries.push_back(queryHash);
          if (!containsHash(queryIds, queryHash)) {
            problems.push_back(
                {ProblemKind::UnknownQueryId, entry.line,
                 fmt::format("query id \"{}\" is not in queries.jsonl", entry.queryId)});
          }
          if (!containsHash(documentIds, hashId(entry.documentId))) {
            problems.push_back(
                {ProblemKind::UnknownDocumentId, entry.line,
                 fmt::format("corpus id \"{}\" is not in corpus.jsonl", entry.documentId)});
          }
        });
    std::sort(judgedQueries.begin(), judgedQueries.end());
    judgedQueries.erase(std::unique(judgedQueries.begin(), judgedQueries.end()),
                        judgedQueries.end());
    std::uint64_t unjudged = 0;
    for (const IdAt& query : queryIds) {
      unjudged += static_cast<std::uint64_t>(
          !std::binary_search(judgedQueries.begin(), judgedQueries.end(), query.hash));
    }
    if (unjudged > 0) {
      ++report.problemCounts[ProblemKind::QueryWithoutJudgments];
      ++report.warnings;
      report.problems.insert(
          report.problems.begin(),
          Problem{ProblemKind::QueryWithoutJudgments, 0,
                  fmt::format("{} of {} queries in queries.jsonl have no judgments in {}; "
                              "evaluation on this split skips them",
                              unjudged, queryIds.size(), qrelsFile.filename().string())});
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace embedlab

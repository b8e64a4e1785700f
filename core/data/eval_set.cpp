#include "core/data/eval_set.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_set>

#include "core/common/error.h"
#include "core/data/strict_reader.h"

namespace embedlab {

namespace {

void requireFile(const std::filesystem::path& path, std::string_view what) {
  if (!std::filesystem::is_regular_file(path)) {
    throw InputError(path.string(), fmt::format("missing {}", what));
  }
}

// Every record of a corpus or queries file, read with `parse` (RecordParser::corpus or ::query).
template <typename Record, typename Parse>
std::vector<Record> readRecords(const std::filesystem::path& path, EvalLayout& layout,
                                std::vector<Problem>* warnings, ProgressObserver* progress,
                                const CancellationToken* cancel, Parse parse) {
  std::vector<Record> records;
  RecordParser parser;
  strict_reader::readAll(path, {}, warnings, progress, cancel,
                         [&](const TextLine& line, std::vector<Problem>& problems) {
                           if (auto record = (parser.*parse)(line, layout, problems)) {
                             records.push_back(std::move(*record));
                           }
                         });
  return records;
}

// Throws at the second line that uses an id already seen.
template <typename Record>
std::unordered_set<std::string_view> uniqueIds(const std::vector<Record>& records,
                                               const std::filesystem::path& path) {
  std::unordered_set<std::string_view> ids;
  ids.reserve(records.size());
  for (const Record& record : records) {
    if (!ids.insert(record.id).second) {
      throw InputError(path.string(), record.line,
                       fmt::format("_id \"{}\" is used twice; ids must be unique", record.id));
    }
  }
  return ids;
}

std::string_view layoutName(EvalLayout layout) {
  return layout == EvalLayout::Beir ? "the BEIR layout ({\"_id\", \"title\", \"text\"} corpus, "
                                      "{\"_id\", \"text\"} queries)"
                                    : "the MS MARCO-style layout ({\"content\"} corpus, "
                                      "{\"query\", \"positive\"} queries)";
}

// Reads the corpus and the queries, whose first records must use the `expected` layout.
void readCorpusAndQueries(EvalSet& set, const std::filesystem::path& corpusPath,
                          const std::filesystem::path& queriesPath, EvalLayout expected,
                          std::vector<Problem>* warnings, ProgressObserver* progress,
                          const CancellationToken* cancel) {
  set.layout = expected;
  for (const auto& [path, isCorpus] :
       {std::pair{corpusPath, true}, std::pair{queriesPath, false}}) {
    EvalLayout found = EvalLayout::Unknown;
    if (isCorpus) {
      set.corpus = readRecords<CorpusDocument>(path, found, warnings, progress, cancel,
                                               &RecordParser::corpus);
    } else {
      set.queries =
          readRecords<EvalQuery>(path, found, warnings, progress, cancel, &RecordParser::query);
    }
    if (found != EvalLayout::Unknown && found != expected) {
      throw InputError(
          path.string(), 1,
          fmt::format("this file uses {}; expected {}", layoutName(found), layoutName(expected)));
    }
  }
}

}  // namespace

EvalSet loadBeirEvalSet(const std::filesystem::path& folder, const std::string& split,
                        std::vector<Problem>* warnings, ProgressObserver* progress,
                        const CancellationToken* cancel) {
  const auto corpusPath = folder / "corpus.jsonl";
  const auto queriesPath = folder / "queries.jsonl";
  const auto qrelsPath = folder / "qrels" / (split + ".tsv");
  requireFile(corpusPath, "corpus.jsonl of the BEIR-layout evaluation set");
  requireFile(queriesPath, "queries.jsonl of the BEIR-layout evaluation set");
  requireFile(qrelsPath,
              fmt::format("qrels/{}.tsv (relevance judgments of split \"{}\")", split, split));
  EvalSet set;
  readCorpusAndQueries(set, corpusPath, queriesPath, EvalLayout::Beir, warnings, progress, cancel);

  const auto documentIds = uniqueIds(set.corpus, corpusPath);
  const auto queryIds = uniqueIds(set.queries, queriesPath);
  RecordParser parser;
  strict_reader::readAll(
      qrelsPath, {}, warnings, progress, cancel,
      [&](const TextLine& line, std::vector<Problem>& problems) {
        auto entry = parser.qrels(line, problems);
        if (!entry) return;
        if (queryIds.count(entry->queryId) == 0) {
          problems.push_back(
              {ProblemKind::UnknownQueryId, line.number,
               fmt::format("query id \"{}\" is not in queries.jsonl", entry->queryId)});
          return;
        }
        if (documentIds.count(entry->documentId) == 0) {
          problems.push_back(
              {ProblemKind::UnknownDocumentId, line.number,
               fmt::format("corpus id \"{}\" is not in corpus.jsonl", entry->documentId)});
          return;
        }
        set.qrels[entry->queryId].push_back({entry->documentId, entry->relevance});
      });
  return set;
}

EvalSet loadMsMarcoEvalSet(const std::filesystem::path& corpusFile,
                           const std::filesystem::path& queriesFile, std::vector<Problem>* warnings,
                           ProgressObserver* progress, const CancellationToken* cancel) {
  EvalSet set;
  readCorpusAndQueries(set, corpusFile, queriesFile, EvalLayout::MsMarco, warnings, progress,
                       cancel);

  std::unordered_map<std::string_view, const CorpusDocument*> byText;
  byText.reserve(set.corpus.size());
  for (const CorpusDocument& document : set.corpus) {
    // The first of identical texts stands for them all.
    const auto [first, inserted] = byText.emplace(document.text, &document);
    if (!inserted) set.sameAs.emplace(document.id, first->second->id);
  }
  for (const EvalQuery& query : set.queries) {
    std::vector<Judgment>& judgments = set.qrels[query.id];
    for (const std::string& positive : query.positives) {
      if (const auto found = byText.find(positive); found != byText.end()) {
        judgments.push_back({found->second->id, 1});
      } else {
        judgments.push_back({"missing:" + std::to_string(set.positivesMissingFromCorpus), 1});
        ++set.positivesMissingFromCorpus;
      }
    }
  }
  if (set.positivesMissingFromCorpus > 0 && warnings != nullptr) {
    warnings->push_back(
        {ProblemKind::PositiveNotInCorpus, 0,
         fmt::format("{} positive passages of {} are not in the corpus {}; they count as relevant "
                     "but can never be retrieved",
                     set.positivesMissingFromCorpus, queriesFile.string(), corpusFile.string())});
  }
  return set;
}

}  // namespace embedlab

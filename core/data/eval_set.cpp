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

std::vector<CorpusDocument> readCorpus(const std::filesystem::path& path, EvalLayout& layout,
                                       std::vector<Problem>* warnings, ProgressObserver* progress,
                                       const CancellationToken* cancel) {
  std::vector<CorpusDocument> corpus;
  RecordParser parser;
  strict_reader::readAll(path, {}, warnings, progress, cancel,
                         [&](const TextLine& line, std::vector<Problem>& problems) {
                           if (auto document = parser.corpus(line, layout, problems)) {
                             corpus.push_back(std::move(*document));
                           }
                         });
  return corpus;
}

std::vector<EvalQuery> readQueries(const std::filesystem::path& path, EvalLayout& layout,
                                   std::vector<Problem>* warnings, ProgressObserver* progress,
                                   const CancellationToken* cancel) {
  std::vector<EvalQuery> queries;
  RecordParser parser;
  strict_reader::readAll(path, {}, warnings, progress, cancel,
                         [&](const TextLine& line, std::vector<Problem>& problems) {
                           if (auto query = parser.query(line, layout, problems)) {
                             queries.push_back(std::move(*query));
                           }
                         });
  return queries;
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

void requireLayout(EvalLayout found, EvalLayout expected, const std::filesystem::path& path) {
  if (found != EvalLayout::Unknown && found != expected) {
    throw InputError(path.string(), expected == EvalLayout::Beir
                                        ? "expected the BEIR layout ({\"_id\", ...} records)"
                                        : "expected the MS MARCO-style layout ({\"content\"} "
                                          "corpus, {\"query\", \"positive\"} queries)");
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
  set.layout = EvalLayout::Beir;
  EvalLayout layout = EvalLayout::Beir;
  set.corpus = readCorpus(corpusPath, layout, warnings, progress, cancel);
  requireLayout(layout, EvalLayout::Beir, corpusPath);
  set.queries = readQueries(queriesPath, layout, warnings, progress, cancel);
  requireLayout(layout, EvalLayout::Beir, queriesPath);

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
  set.layout = EvalLayout::MsMarco;
  EvalLayout layout = EvalLayout::MsMarco;
  set.corpus = readCorpus(corpusFile, layout, warnings, progress, cancel);
  requireLayout(layout, EvalLayout::MsMarco, corpusFile);
  set.queries = readQueries(queriesFile, layout, warnings, progress, cancel);
  requireLayout(layout, EvalLayout::MsMarco, queriesFile);

  std::unordered_map<std::string_view, const CorpusDocument*> byText;
  byText.reserve(set.corpus.size());
  for (const CorpusDocument& document : set.corpus) {
    byText.emplace(document.text, &document);  // the first of identical texts wins
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

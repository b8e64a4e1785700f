// Evaluation sets in the two layouts users bring:
//  - BEIR: a folder with corpus.jsonl {"_id","title","text"}, queries.jsonl {"_id","text"} and
//    qrels/<split>.tsv ("query-id TAB corpus-id TAB score", with a header line);
//  - the reference workflow's MS MARCO style: a corpus of {"content"} lines and queries
//    {"query", "positive": [passage texts]}; ids are the 0-based record numbers, and a positive
//    is matched to the corpus by its exact text: a retrieved passage is relevant when its text
//    is a positive's, whichever of several identical passages it is (as the reference compares
//    retrieved contents with the positives).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/common/progress.h"
#include "core/data/problem.h"
#include "core/data/record_parsers.h"

namespace embedlab {

struct Judgment {
  std::string documentId;
  int relevance = 1;  ///< > 0 means relevant
};

struct EvalSet {
  EvalLayout layout = EvalLayout::Unknown;
  std::vector<CorpusDocument> corpus;
  std::vector<EvalQuery> queries;
  /// Query id -> its judgments. Queries without an entry are not evaluated.
  std::unordered_map<std::string, std::vector<Judgment>> qrels;
  /// MS MARCO layout: positive texts that are not in the corpus. They stay in the query's
  /// judgments under an id no document has ("missing:<n>"), so they count as relevant but can
  /// never be retrieved, as the reference's evaluation counts them.
  std::uint64_t positivesMissingFromCorpus = 0;
  /// MS MARCO layout: document id -> the id of the first document with the same text, for
  /// every document that repeats an earlier one. Metrics judge a hit on a copy as a hit on the
  /// first (retrieval_metrics' `sameAs`).
  std::unordered_map<std::string, std::string> sameAs;
};

/// Loads a BEIR-layout folder with qrels/<split>.tsv. Throws InputError at the first invalid
/// line, for a missing file, and for qrels that name ids the corpus or queries lack.
EvalSet loadBeirEvalSet(const std::filesystem::path& folder, const std::string& split = "test",
                        std::vector<Problem>* warnings = nullptr,
                        ProgressObserver* progress = nullptr,
                        const CancellationToken* cancel = nullptr);

/// Loads the MS MARCO-style layout (see above). Throws InputError at the first invalid line.
EvalSet loadMsMarcoEvalSet(const std::filesystem::path& corpusFile,
                           const std::filesystem::path& queriesFile,
                           std::vector<Problem>* warnings = nullptr,
                           ProgressObserver* progress = nullptr,
                           const CancellationToken* cancel = nullptr);

}  // namespace embedlab

// The cheap half of hard-negative mining: from each query's ranked candidates
// (candidate_search.h), choose its negatives. The reference's rules, then ours:
//  1. only hits inside the range [rangeStart, rangeEnd) of the ranking (0-based, as
//     range_for_sampling A-B);
//  2. never a text equal to one of the query's positives or to the query itself;
//  3. filters against false negatives (each dropped candidate is counted under the first one
//     that drops it): --max_score S drops scores > S; --relative_margin R drops scores
//     > (1 - R) * the query's lowest positive score (NV-Retriever's positive-aware filter, 0.05
//     recommended); --absolute_margin M drops scores > lowest positive score - M;
//  4. `negativeNumber` of what remains, sampled at random (the reference) or the top ones;
//  5. a query left short is counted; with padRandom it is filled with random candidates that
//     pass rules 2 and 3 (the reference pads always, and with any text).
// Candidates are unique, so no negative repeats. Random choices are seeded per query, so a
// query's negatives do not depend on which other queries are mined with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/training_example.h"
#include "core/eval/score_summary.h"
#include "core/mine/candidate_search.h"

namespace embedlab::mine {

enum class Sampling { Random, Top };

struct SelectionOptions {
  std::size_t rangeStart = 10;  ///< the reference's default range_for_sampling is 10-210
  std::size_t rangeEnd = 210;
  std::size_t negativeNumber = 15;
  Sampling sampling = Sampling::Random;
  std::optional<double> relativeMargin;
  std::optional<double> absoluteMargin;
  std::optional<double> maxScore;
  bool padRandom = false;
  std::uint64_t seed = 42;
};

/// Parses "A-B" (0 <= A < B); throws UsageError otherwise.
void parseRange(const std::string& text, SelectionOptions& options);

struct MiningStatistics {
  std::size_t queries = 0;
  std::uint64_t candidatesInRange = 0;         ///< hits inside the range, before any filter
  std::uint64_t droppedAsPositiveOrQuery = 0;  ///< rule 2
  std::uint64_t droppedByMaxScore = 0;
  std::uint64_t droppedByRelativeMargin = 0;
  std::uint64_t droppedByAbsoluteMargin = 0;
  std::uint64_t eligible = 0;         ///< candidates left to sample from
  std::uint64_t negativesChosen = 0;  ///< from the range (padding not included)
  std::uint64_t negativesPadded = 0;
  std::size_t queriesShort = 0;        ///< queries that got fewer than negativeNumber
  std::uint64_t negativesMissing = 0;  ///< how many they lacked in all
  /// Queries with a positive ranked inside the range (a sign the range starts too high up,
  /// or that the data has many near-duplicate positives).
  std::size_t queriesWithPositiveInRange = 0;
  eval::Quantiles positiveScores;  ///< every positive's score against its query
  eval::Quantiles negativeScores;  ///< the chosen negatives' scores (padding included)
};

struct MinedNegatives {
  std::vector<std::size_t> candidates;  ///< indices into CandidateSearch::candidates
  std::vector<float> scores;
};

struct Selection {
  std::vector<MinedNegatives> perQuery;  ///< one per example
  MiningStatistics statistics;
};

/// Chooses negatives for every example. Throws UsageError when the range reaches past the
/// depth that was searched.
Selection selectNegatives(const CandidateSearch& search,
                          const std::vector<TrainingExample>& examples,
                          const SelectionOptions& options);

/// What rules 2 and 3 say of one candidate.
enum class CandidateVerdict { Keep, PositiveOrQuery, MaxScore, RelativeMargin, AbsoluteMargin };

/// One hit of a query's ranking as the selection sees it (the GUI's range tuning shows these).
struct RankedHit {
  std::size_t rank = 0;       ///< 0-based, as range_for_sampling counts
  std::size_t candidate = 0;  ///< index into CandidateSearch::candidates
  float score = 0;
  bool inRange = false;                               ///< rangeStart <= rank < rangeEnd
  CandidateVerdict verdict = CandidateVerdict::Keep;  ///< judged for every hit, in range or not
  bool chosen = false;  ///< one of the query's negatives in `selection`
};

/// Every searched hit of example `query`, best first, with the verdict `options` gives it and
/// whether `selection` (made with the same options) chose it.
std::vector<RankedHit> explainRanking(const CandidateSearch& search,
                                      const std::vector<TrainingExample>& examples,
                                      const Selection& selection, std::size_t query,
                                      const SelectionOptions& options);

enum class ScoreFields { Negatives, Both, None };

/// Replaces each example's "neg" with its mined negatives; writes their scores as
/// "neg_scores" (and the positives' as "pos_scores" with ScoreFields::Both). Every other field
/// of the line stays as it was.
void applySelection(std::vector<TrainingExample>& examples, const CandidateSearch& search,
                    const Selection& selection, ScoreFields scores);

/// The statistics report (what `mine --progress json` and the GUI show).
nlohmann::json toJson(const MiningStatistics& statistics);
/// The statistics back from toJson's form (a `mine` report, its last JSON line); missing fields
/// stay 0, other keys of the report are ignored.
MiningStatistics miningStatisticsFromJson(const nlohmann::json& json);

}  // namespace embedlab::mine

#include "core/mine/negative_selection.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <regex>
#include <unordered_set>

#include "core/common/error.h"

namespace embedlab::mine {

void parseRange(const std::string& text, SelectionOptions& options) {
  static const std::regex pattern(R"(\s*(\d+)\s*-\s*(\d+)\s*)");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) {
    throw UsageError("--range_for_sampling must look like A-B (e.g. 10-210), not \"" + text + "\"");
  }
  options.rangeStart = std::stoull(match[1].str());
  options.rangeEnd = std::stoull(match[2].str());
  if (options.rangeStart >= options.rangeEnd) {
    throw UsageError(fmt::format("--range_for_sampling {}: the start must be below the end", text));
  }
}

namespace {

using Verdict = CandidateVerdict;

// Rules 2 and 3 of the header for one candidate.
class CandidateFilter {
 public:
  CandidateFilter(const TrainingExample& example, float lowestPositive,
                  const SelectionOptions& options)
      : example_(example), lowestPositive_(lowestPositive), options_(options) {}

  Verdict judge(const std::string& text, float score) const {
    if (text == example_.query || std::find(example_.positives.begin(), example_.positives.end(),
                                            text) != example_.positives.end()) {
      return Verdict::PositiveOrQuery;
    }
    if (options_.maxScore && score > *options_.maxScore) return Verdict::MaxScore;
    if (options_.relativeMargin && score > (1.0 - *options_.relativeMargin) * lowestPositive_)
      return Verdict::RelativeMargin;
    if (options_.absoluteMargin && score > lowestPositive_ - *options_.absoluteMargin)
      return Verdict::AbsoluteMargin;
    return Verdict::Keep;
  }

 private:
  const TrainingExample& example_;
  float lowestPositive_;
  const SelectionOptions& options_;
};

// Scores are float32: six decimals say all they know and keep the JSON readable.
double rounded(float score) {
  return std::round(static_cast<double>(score) * 1e6) / 1e6;
}

std::mt19937_64 generatorFor(const TrainingExample& example, std::uint64_t seed) {
  return std::mt19937_64(XXH3_64bits_withSeed(example.query.data(), example.query.size(), seed));
}

}  // namespace

std::vector<RankedHit> explainRanking(const CandidateSearch& search,
                                      const std::vector<TrainingExample>& examples,
                                      const Selection& selection, std::size_t query,
                                      const SelectionOptions& options) {
  const TrainingExample& example = examples.at(query);
  const std::vector<float>& positives = search.positiveScores.at(query);
  const float lowestPositive = *std::min_element(positives.begin(), positives.end());
  const CandidateFilter filter(example, lowestPositive, options);
  const std::vector<std::size_t>& chosen = selection.perQuery.at(query).candidates;
  const std::size_t depth = search.hits.k;
  std::vector<RankedHit> hits;
  for (std::size_t rank = 0; rank < depth; ++rank) {
    const std::int64_t id = search.hits.ids[query * depth + rank];
    if (id < 0) break;
    RankedHit hit;
    hit.rank = rank;
    hit.candidate = static_cast<std::size_t>(id);
    hit.score = search.hits.scores[query * depth + rank];
    hit.inRange = rank >= options.rangeStart && rank < options.rangeEnd;
    hit.verdict = filter.judge(search.candidates[hit.candidate], hit.score);
    hit.chosen = std::find(chosen.begin(), chosen.end(), hit.candidate) != chosen.end();
    hits.push_back(hit);
  }
  return hits;
}

Selection selectNegatives(const CandidateSearch& search,
                          const std::vector<TrainingExample>& examples,
                          const SelectionOptions& options) {
  if (options.rangeEnd > search.hits.k && search.hits.k < search.candidates.size()) {
    throw UsageError(fmt::format("the range ends at {} but only the top {} were searched",
                                 options.rangeEnd, search.hits.k));
  }
  Selection selection;
  MiningStatistics& stats = selection.statistics;
  stats.queries = examples.size();
  selection.perQuery.resize(examples.size());
  std::vector<double> positiveScores, negativeScores;
  const std::size_t depth = search.hits.k;

  for (std::size_t q = 0; q < examples.size(); ++q) {
    const TrainingExample& example = examples[q];
    const std::vector<float>& positives = search.positiveScores[q];
    positiveScores.insert(positiveScores.end(), positives.begin(), positives.end());
    const float lowestPositive = *std::min_element(positives.begin(), positives.end());
    const CandidateFilter filter(example, lowestPositive, options);

    std::vector<std::size_t> eligible;  // positions in the ranking, best first
    bool positiveInRange = false;
    for (std::size_t rank = options.rangeStart; rank < std::min(options.rangeEnd, depth); ++rank) {
      const std::int64_t id = search.hits.ids[q * depth + rank];
      if (id < 0) break;
      ++stats.candidatesInRange;
      const std::string& text = search.candidates[static_cast<std::size_t>(id)];
      switch (filter.judge(text, search.hits.scores[q * depth + rank])) {
        case Verdict::Keep: eligible.push_back(rank); break;
        case Verdict::PositiveOrQuery:
          ++stats.droppedAsPositiveOrQuery;
          positiveInRange = positiveInRange || text != example.query;
          break;
        case Verdict::MaxScore: ++stats.droppedByMaxScore; break;
        case Verdict::RelativeMargin: ++stats.droppedByRelativeMargin; break;
        case Verdict::AbsoluteMargin: ++stats.droppedByAbsoluteMargin; break;
      }
    }
    stats.eligible += eligible.size();
    stats.queriesWithPositiveInRange += positiveInRange ? 1 : 0;

    std::mt19937_64 random = generatorFor(example, options.seed);
    if (eligible.size() > options.negativeNumber) {
      if (options.sampling == Sampling::Random) {
        for (std::size_t i = 0; i < options.negativeNumber; ++i) {  // partial Fisher-Yates
          std::uniform_int_distribution<std::size_t> pick(i, eligible.size() - 1);
          std::swap(eligible[i], eligible[pick(random)]);
        }
        eligible.resize(options.negativeNumber);
        std::sort(eligible.begin(), eligible.end());  // keep them in rank order
      } else {
        eligible.resize(options.negativeNumber);
      }
    }
    MinedNegatives& mined = selection.perQuery[q];
    for (const std::size_t rank : eligible) {
      mined.candidates.push_back(static_cast<std::size_t>(search.hits.ids[q * depth + rank]));
      mined.scores.push_back(search.hits.scores[q * depth + rank]);
    }
    stats.negativesChosen += mined.candidates.size();

    if (mined.candidates.size() < options.negativeNumber && options.padRandom &&
        !search.candidates.empty()) {
      // Random candidates that pass the same rules; a bounded number of draws, then give up.
      std::unordered_set<std::size_t> taken(mined.candidates.begin(), mined.candidates.end());
      std::uniform_int_distribution<std::size_t> pick(0, search.candidates.size() - 1);
      const std::size_t wanted = options.negativeNumber - mined.candidates.size();
      std::size_t added = 0;
      for (std::size_t draw = 0; draw < 50 * wanted + 100 && added < wanted; ++draw) {
        const std::size_t candidate = pick(random);
        if (taken.count(candidate) != 0) continue;
        const float score = search.score(q, candidate);
        if (filter.judge(search.candidates[candidate], score) != Verdict::Keep) continue;
        taken.insert(candidate);
        mined.candidates.push_back(candidate);
        mined.scores.push_back(score);
        ++added;
      }
      stats.negativesPadded += added;
    }
    if (mined.candidates.size() < options.negativeNumber) {
      ++stats.queriesShort;
      stats.negativesMissing += options.negativeNumber - mined.candidates.size();
    }
    negativeScores.insert(negativeScores.end(), mined.scores.begin(), mined.scores.end());
  }
  stats.positiveScores = eval::summarize(std::move(positiveScores));
  stats.negativeScores = eval::summarize(std::move(negativeScores));
  return selection;
}

void applySelection(std::vector<TrainingExample>& examples, const CandidateSearch& search,
                    const Selection& selection, ScoreFields scores) {
  for (std::size_t q = 0; q < examples.size(); ++q) {
    TrainingExample& example = examples[q];
    const MinedNegatives& mined = selection.perQuery[q];
    example.negatives.clear();
    example.negativeScores.clear();
    for (std::size_t i = 0; i < mined.candidates.size(); ++i) {
      example.negatives.push_back(search.candidates[mined.candidates[i]]);
      if (scores != ScoreFields::None) example.negativeScores.push_back(rounded(mined.scores[i]));
    }
    if (scores == ScoreFields::Both) {
      example.positiveScores.clear();
      for (const float score : search.positiveScores[q])
        example.positiveScores.push_back(rounded(score));
    }
  }
}

nlohmann::json toJson(const MiningStatistics& s) {
  return {{"queries", s.queries},
          {"candidates_in_range", s.candidatesInRange},
          {"dropped",
           {{"positive_or_query", s.droppedAsPositiveOrQuery},
            {"max_score", s.droppedByMaxScore},
            {"relative_margin", s.droppedByRelativeMargin},
            {"absolute_margin", s.droppedByAbsoluteMargin}}},
          {"eligible", s.eligible},
          {"negatives_chosen", s.negativesChosen},
          {"negatives_padded", s.negativesPadded},
          {"queries_short", s.queriesShort},
          {"negatives_missing", s.negativesMissing},
          {"queries_with_positive_in_range", s.queriesWithPositiveInRange},
          {"positive_scores", eval::toJson(s.positiveScores)},
          {"negative_scores", eval::toJson(s.negativeScores)}};
}

MiningStatistics miningStatisticsFromJson(const nlohmann::json& json) {
  MiningStatistics s;
  if (!json.is_object()) return s;
  const auto count = [&](const nlohmann::json& from, const char* name) {
    return from.is_object() ? from.value(name, std::uint64_t{0}) : std::uint64_t{0};
  };
  s.queries = count(json, "queries");
  s.candidatesInRange = count(json, "candidates_in_range");
  const nlohmann::json dropped = json.value("dropped", nlohmann::json::object());
  s.droppedAsPositiveOrQuery = count(dropped, "positive_or_query");
  s.droppedByMaxScore = count(dropped, "max_score");
  s.droppedByRelativeMargin = count(dropped, "relative_margin");
  s.droppedByAbsoluteMargin = count(dropped, "absolute_margin");
  s.eligible = count(json, "eligible");
  s.negativesChosen = count(json, "negatives_chosen");
  s.negativesPadded = count(json, "negatives_padded");
  s.queriesShort = count(json, "queries_short");
  s.negativesMissing = count(json, "negatives_missing");
  s.queriesWithPositiveInRange = count(json, "queries_with_positive_in_range");
  s.positiveScores = eval::quantilesFromJson(json.value("positive_scores", nlohmann::json()));
  s.negativeScores = eval::quantilesFromJson(json.value("negative_scores", nlohmann::json()));
  return s;
}

}  // namespace embedlab::mine

// Choosing the score above which two texts count as similar, from labelled pairs. The
// threshold is fitted on one part of the pairs and reported on the rest: a threshold tuned on
// the data it is reported on flatters itself. Pairs are split by group (the query, or text_a),
// so one query's pairs never land on both sides. Works on any score: bi-encoder cosine
// similarity, or a reranker's sigmoid-normalised logit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/eval/score_summary.h"

namespace embedlab::eval {

struct LabelledPair {
  std::string group;  ///< pairs of one group stay on the same side of the split
  double score = 0;
  bool similar = false;
};

/// Outcome of calling pairs with score >= threshold similar.
struct ThresholdPoint {
  double threshold = 0;
  double precision = 0;  ///< 1 when nothing is called similar
  double recall = 0;
  double f1 = 0;
  std::uint64_t truePositives = 0;
  std::uint64_t falsePositives = 0;
  std::uint64_t falseNegatives = 0;
  std::uint64_t trueNegatives = 0;
};

ThresholdPoint evaluateThreshold(const std::vector<LabelledPair>& pairs, double threshold);

/// Precision, recall and F1 at every distinct score, highest threshold first. Each point's
/// threshold lies halfway between its score and the next lower one, so that it separates the
/// same pairs and sits in the gap rather than on a training pair.
std::vector<ThresholdPoint> thresholdCurve(const std::vector<LabelledPair>& pairs);

struct ThresholdChoice {
  ThresholdPoint bestF1;  ///< the highest F1 (ties: the higher threshold)
  /// The lowest threshold whose precision reaches the target (the most recall at that
  /// precision); nullopt when no threshold reaches it.
  std::optional<ThresholdPoint> atTargetPrecision;
};

ThresholdChoice chooseThresholds(const std::vector<LabelledPair>& pairs, double targetPrecision);

struct ThresholdAnalysisOptions {
  double targetPrecision = 0.9;
  double fitFraction = 0.5;  ///< share of the groups used to fit
  std::uint64_t seed = 42;
  std::size_t bins = 40;          ///< histogram bins over [min score, max score]
  std::size_t curvePoints = 101;  ///< the curve is thinned to about this many points
};

struct ThresholdAnalysis {
  std::size_t fitPairs = 0, heldOutPairs = 0;
  std::size_t fitGroups = 0, heldOutGroups = 0;
  ThresholdChoice fit;  ///< chosen on the fit part, with its (in-sample) metrics
  /// The fit part's thresholds applied to the held-out part: what to expect on new data.
  ThresholdPoint heldOutAtBestF1;
  std::optional<ThresholdPoint> heldOutAtTargetPrecision;
  Quantiles similar, dissimilar;  ///< score distributions over all pairs
  Histogram similarHistogram, dissimilarHistogram;
  std::vector<ThresholdPoint> curve;  ///< over all pairs, thinned
};

/// Which pairs analyseThresholds fits on (true) and which it reports on (false), by group, with
/// options.seed and options.fitFraction. Throws UsageError for fewer than two groups.
std::vector<bool> fitPart(const std::vector<LabelledPair>& pairs,
                          const ThresholdAnalysisOptions& options);

/// Throws UsageError when there are no similar or no dissimilar pairs, or fewer than two
/// groups to split.
ThresholdAnalysis analyseThresholds(const std::vector<LabelledPair>& pairs,
                                    const ThresholdAnalysisOptions& options = {});

nlohmann::json toJson(const ThresholdPoint& point);
/// Everything above, with the fit and held-out results side by side.
nlohmann::json toJson(const ThresholdAnalysis& analysis);

}  // namespace embedlab::eval

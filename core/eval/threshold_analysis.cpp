#include "core/eval/threshold_analysis.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "core/common/error.h"

namespace embedlab::eval {

namespace {

ThresholdPoint pointFrom(double threshold, std::uint64_t tp, std::uint64_t fp,
                         std::uint64_t positives, std::uint64_t negatives) {
  ThresholdPoint point;
  point.threshold = threshold;
  point.truePositives = tp;
  point.falsePositives = fp;
  point.falseNegatives = positives - tp;
  point.trueNegatives = negatives - fp;
  point.precision = tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  point.recall = positives == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(positives);
  point.f1 = tp == 0 ? 0.0 : 2 * point.precision * point.recall / (point.precision + point.recall);
  return point;
}

}  // namespace

ThresholdPoint evaluateThreshold(const std::vector<LabelledPair>& pairs, double threshold) {
  std::uint64_t tp = 0, fp = 0, positives = 0;
  for (const LabelledPair& pair : pairs) {
    positives += pair.similar ? 1 : 0;
    if (pair.score >= threshold) (pair.similar ? tp : fp) += 1;
  }
  return pointFrom(threshold, tp, fp, positives, pairs.size() - positives);
}

std::vector<ThresholdPoint> thresholdCurve(const std::vector<LabelledPair>& pairs) {
  std::vector<const LabelledPair*> sorted;
  sorted.reserve(pairs.size());
  std::uint64_t positives = 0;
  for (const LabelledPair& pair : pairs) {
    sorted.push_back(&pair);
    positives += pair.similar ? 1 : 0;
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const LabelledPair* a, const LabelledPair* b) { return a->score > b->score; });
  const std::uint64_t negatives = pairs.size() - positives;
  std::vector<ThresholdPoint> curve;
  std::uint64_t tp = 0, fp = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    (sorted[i]->similar ? tp : fp) += 1;
    const bool lastOfScore = i + 1 == sorted.size() || sorted[i + 1]->score < sorted[i]->score;
    if (!lastOfScore) continue;
    const double threshold =
        i + 1 == sorted.size() ? sorted[i]->score : (sorted[i]->score + sorted[i + 1]->score) / 2;
    curve.push_back(pointFrom(threshold, tp, fp, positives, negatives));
  }
  return curve;
}

ThresholdChoice chooseThresholds(const std::vector<LabelledPair>& pairs, double targetPrecision) {
  const std::vector<ThresholdPoint> curve = thresholdCurve(pairs);
  ThresholdChoice choice;
  for (const ThresholdPoint& point : curve) {
    if (point.f1 > choice.bestF1.f1) choice.bestF1 = point;  // strict: ties keep the higher one
    if (point.precision >= targetPrecision) choice.atTargetPrecision = point;  // keeps the lowest
  }
  if (choice.bestF1.f1 == 0 && !curve.empty()) choice.bestF1 = curve.front();
  return choice;
}

std::vector<bool> fitPart(const std::vector<LabelledPair>& pairs,
                          const ThresholdAnalysisOptions& options) {
  // Groups in first-seen order, then shuffled with the seed.
  std::unordered_map<std::string, std::size_t> groupIndex;
  std::vector<std::size_t> groupOf;
  groupOf.reserve(pairs.size());
  for (const LabelledPair& pair : pairs)
    groupOf.push_back(groupIndex.emplace(pair.group, groupIndex.size()).first->second);
  if (groupIndex.size() < 2) {
    throw UsageError(
        "fitting on one part and reporting on another needs at least two groups "
        "(queries or text_a values); all pairs share one");
  }
  std::vector<std::size_t> order(groupIndex.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 random(options.seed);
  std::shuffle(order.begin(), order.end(), random);
  const auto fitGroups = std::clamp<std::size_t>(
      static_cast<std::size_t>(options.fitFraction * static_cast<double>(order.size()) + 0.5), 1,
      order.size() - 1);
  std::vector<bool> groupInFit(order.size(), false);
  for (std::size_t i = 0; i < fitGroups; ++i)
    groupInFit[order[i]] = true;
  std::vector<bool> inFit(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i)
    inFit[i] = groupInFit[groupOf[i]];
  return inFit;
}

ThresholdAnalysis analyseThresholds(const std::vector<LabelledPair>& pairs,
                                    const ThresholdAnalysisOptions& options) {
  const auto similarCount = static_cast<std::size_t>(std::count_if(
      pairs.begin(), pairs.end(), [](const LabelledPair& pair) { return pair.similar; }));
  if (similarCount == 0 || similarCount == pairs.size()) {
    throw UsageError("choosing a threshold needs both similar and dissimilar pairs; the data has " +
                     std::to_string(similarCount) + " similar of " + std::to_string(pairs.size()));
  }
  const std::vector<bool> inFit = fitPart(pairs, options);
  std::vector<LabelledPair> fit, heldOut;
  std::unordered_set<std::string> fitGroupNames, heldOutGroupNames;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    (inFit[i] ? fit : heldOut).push_back(pairs[i]);
    (inFit[i] ? fitGroupNames : heldOutGroupNames).insert(pairs[i].group);
  }
  const std::size_t fitGroups = fitGroupNames.size();

  ThresholdAnalysis analysis;
  analysis.fitGroups = fitGroups;
  analysis.heldOutGroups = heldOutGroupNames.size();
  analysis.fitPairs = fit.size();
  analysis.heldOutPairs = heldOut.size();
  analysis.fit = chooseThresholds(fit, options.targetPrecision);
  analysis.heldOutAtBestF1 = evaluateThreshold(heldOut, analysis.fit.bestF1.threshold);
  if (analysis.fit.atTargetPrecision) {
    analysis.heldOutAtTargetPrecision =
        evaluateThreshold(heldOut, analysis.fit.atTargetPrecision->threshold);
  }

  std::vector<double> similar, dissimilar;
  for (const LabelledPair& pair : pairs)
    (pair.similar ? similar : dissimilar).push_back(pair.score);
  analysis.similar = summarize(similar);
  analysis.dissimilar = summarize(dissimilar);
  const double low = std::min(analysis.similar.min, analysis.dissimilar.min);
  const double high = std::max(analysis.similar.max, analysis.dissimilar.max);
  analysis.similarHistogram = histogram(similar, low, high, options.bins);
  analysis.dissimilarHistogram = histogram(dissimilar, low, high, options.bins);

  const std::vector<ThresholdPoint> curve = thresholdCurve(pairs);
  const std::size_t stride =
      std::max<std::size_t>(1, curve.size() / std::max<std::size_t>(1, options.curvePoints));
  for (std::size_t i = 0; i < curve.size(); i += stride)
    analysis.curve.push_back(curve[i]);
  if (!curve.empty() && (curve.size() - 1) % stride != 0) analysis.curve.push_back(curve.back());
  return analysis;
}

nlohmann::json toJson(const ThresholdPoint& point) {
  return {{"threshold", point.threshold},
          {"precision", point.precision},
          {"recall", point.recall},
          {"f1", point.f1},
          {"true_positives", point.truePositives},
          {"false_positives", point.falsePositives},
          {"false_negatives", point.falseNegatives},
          {"true_negatives", point.trueNegatives}};
}

nlohmann::json toJson(const ThresholdAnalysis& analysis) {
  nlohmann::json json;
  json["fit"] = {
      {"pairs", analysis.fitPairs},
      {"groups", analysis.fitGroups},
      {"best_f1", toJson(analysis.fit.bestF1)},
      {"target_precision", analysis.fit.atTargetPrecision ? toJson(*analysis.fit.atTargetPrecision)
                                                          : nlohmann::json()}};
  json["held_out"] = {{"pairs", analysis.heldOutPairs},
                      {"groups", analysis.heldOutGroups},
                      {"best_f1", toJson(analysis.heldOutAtBestF1)},
                      {"target_precision", analysis.heldOutAtTargetPrecision
                                               ? toJson(*analysis.heldOutAtTargetPrecision)
                                               : nlohmann::json()}};
  json["similar_scores"] = toJson(analysis.similar);
  json["dissimilar_scores"] = toJson(analysis.dissimilar);
  json["similar_histogram"] = toJson(analysis.similarHistogram);
  json["dissimilar_histogram"] = toJson(analysis.dissimilarHistogram);
  json["curve"] = nlohmann::json::array();
  for (const ThresholdPoint& point : analysis.curve)
    json["curve"].push_back(toJson(point));
  return json;
}

}  // namespace embedlab::eval

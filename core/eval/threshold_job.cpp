#include "core/eval/threshold_job.h"

#include <cmath>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/data/labelled_pairs.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"
#include "core/model/reranker_model.h"
#include "core/model/sentence_transformers_metadata.h"

namespace embedlab::eval {

namespace {

// Embeddings of the unique texts, L2-normalised so that dot products are cosines.
struct UnitEmbeddings {
  std::unordered_map<std::string_view, std::size_t> row;
  std::vector<float> values;
  std::size_t dimension = 0;
};

UnitEmbeddings embedUnique(const model::EmbeddingModel& model, const model::EmbeddingCache* cache,
                           const std::string& fingerprint,
                           const std::vector<std::string_view>& texts,
                           model::EncodeOptions encode) {
  UnitEmbeddings result;
  std::vector<std::string> unique;
  for (const std::string_view text : texts) {
    if (result.row.emplace(text, unique.size()).second) unique.emplace_back(text);
  }
  model::CachedEmbeddings embedded =
      model::encodeWithCache(cache, model, fingerprint, unique, encode);
  result.dimension = embedded.dimension;
  result.values = std::move(embedded.values);
  for (std::size_t r = 0; r < unique.size(); ++r) {
    float* row = result.values.data() + r * result.dimension;
    double norm = 0;
    for (std::size_t i = 0; i < result.dimension; ++i)
      norm += static_cast<double>(row[i]) * row[i];
    const auto scale = static_cast<float>(norm > 0 ? 1.0 / std::sqrt(norm) : 0.0);
    for (std::size_t i = 0; i < result.dimension; ++i)
      row[i] *= scale;
  }
  return result;
}

// Cosine similarities of each pair's texts by a bi-encoder (texts embedded once each, cached).
std::vector<double> cosineScores(const ThresholdOptions& options,
                                 const std::vector<TextPair>& pairs,
                                 const ThresholdContext& context) {
  const model::EmbeddingModel model =
      model::EmbeddingModel::load(options.modelNameOrPath, options.encoding.loadOptions());
  const std::unique_ptr<model::EmbeddingCache> cache =
      options.encoding.cache(context.onCacheWriteFailure);
  const std::string fingerprint = options.encoding.fingerprint(options.modelNameOrPath);
  model::EncodeOptions encode;
  encode.batchSize = options.encoding.batchSize;
  encode.maxLength = options.encoding.maxLength;
  encode.fp16 = options.encoding.fp16;
  encode.bf16 = options.encoding.bf16;
  encode.int8 = options.encoding.int8;
  encode.progress = context.progress;
  encode.cancel = context.cancel;

  std::vector<std::string_view> textsA, textsB;
  for (const TextPair& pair : pairs) {
    textsA.push_back(pair.textA);
    textsB.push_back(pair.textB);
  }
  const model::EmbeddingCache* usedCache = cache.get();
  UnitEmbeddings a, b;
  // Instructions not given are the model's own sentence-transformers prompts.
  const std::string queryPrefix =
      model.instructionOr(options.queryInstruction, model::PromptRole::Query);
  const std::string passagePrefix =
      model.instructionOr(options.passageInstruction, model::PromptRole::Passage);
  if (queryPrefix == passagePrefix) {  // one set of texts, embedded once
    std::vector<std::string_view> all = textsA;
    all.insert(all.end(), textsB.begin(), textsB.end());
    encode.prefix = queryPrefix;
    a = embedUnique(model, usedCache, fingerprint, all, encode);
  } else {
    encode.prefix = queryPrefix;
    a = embedUnique(model, usedCache, fingerprint, textsA, encode);
    encode.prefix = passagePrefix;
    b = embedUnique(model, usedCache, fingerprint, textsB, encode);
  }
  const UnitEmbeddings& second = b.values.empty() ? a : b;
  std::vector<double> scores;
  scores.reserve(pairs.size());
  for (const TextPair& pair : pairs) {
    const float* x = a.values.data() + a.row.at(pair.textA) * a.dimension;
    const float* y = second.values.data() + second.row.at(pair.textB) * second.dimension;
    double cosine = 0;
    for (std::size_t i = 0; i < a.dimension; ++i)
      cosine += static_cast<double>(x[i]) * y[i];
    scores.push_back(cosine);
  }
  return scores;
}

// A reranker's score of each pair (text_a as the query): its logit, or sigmoid(logit) in [0, 1]
// with --normalize_scores.
std::vector<double> rerankerScores(const ThresholdOptions& options,
                                   const std::vector<TextPair>& pairs,
                                   const ThresholdContext& context) {
  const model::RerankerModel reranker =
      model::RerankerModel::load(options.modelNameOrPath, options.encoding.loadOptions());
  std::vector<model::TextPair> texts;
  texts.reserve(pairs.size());
  for (const TextPair& pair : pairs)
    texts.emplace_back(options.queryInstruction + pair.textA,
                       options.passageInstruction + pair.textB);
  model::RerankOptions rerank;
  rerank.queryMaxLength = options.queryMaxLength;
  rerank.passageMaxLength = options.encoding.maxLength;
  rerank.batchSize = std::min<std::size_t>(options.encoding.batchSize, 64);
  rerank.normalize = options.normalizeScores;
  rerank.progress = context.progress;
  rerank.cancel = context.cancel;
  const std::vector<float> scores = reranker.score(texts, rerank);
  return std::vector<double>(scores.begin(), scores.end());
}

ThresholdPoint pointFromJson(const nlohmann::json& json) {
  ThresholdPoint point;
  if (!json.is_object()) return point;
  point.threshold = json.value("threshold", 0.0);
  point.precision = json.value("precision", 0.0);
  point.recall = json.value("recall", 0.0);
  point.f1 = json.value("f1", 0.0);
  point.truePositives = json.value("true_positives", std::uint64_t{0});
  point.falsePositives = json.value("false_positives", std::uint64_t{0});
  point.falseNegatives = json.value("false_negatives", std::uint64_t{0});
  point.trueNegatives = json.value("true_negatives", std::uint64_t{0});
  return point;
}

}  // namespace

nlohmann::json ThresholdJobResult::toJson(const ThresholdOptions& options) const {
  nlohmann::json report = eval::toJson(analysis);
  report["model"] = options.modelNameOrPath;
  report["pairs_file"] = options.pairs;
  report["score"] = score;
  report["target_precision"] = options.analysis.targetPrecision;
  report["seed"] = options.analysis.seed;
  return report;
}

ThresholdJobResult thresholdReportFromJson(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object() || !json.contains("fit") || !json.contains("held_out"))
    throw InputError(source, "is not a threshold report (no \"fit\" and \"held_out\")");
  ThresholdJobResult result;
  ThresholdAnalysis& a = result.analysis;
  const nlohmann::json& fit = json.at("fit");
  const nlohmann::json& heldOut = json.at("held_out");
  a.fitPairs = fit.value("pairs", std::size_t{0});
  a.fitGroups = fit.value("groups", std::size_t{0});
  a.heldOutPairs = heldOut.value("pairs", std::size_t{0});
  a.heldOutGroups = heldOut.value("groups", std::size_t{0});
  a.fit.bestF1 = pointFromJson(fit.value("best_f1", nlohmann::json()));
  a.heldOutAtBestF1 = pointFromJson(heldOut.value("best_f1", nlohmann::json()));
  if (fit.value("target_precision", nlohmann::json()).is_object())
    a.fit.atTargetPrecision = pointFromJson(fit.at("target_precision"));
  if (heldOut.value("target_precision", nlohmann::json()).is_object())
    a.heldOutAtTargetPrecision = pointFromJson(heldOut.at("target_precision"));
  a.similar = quantilesFromJson(json.value("similar_scores", nlohmann::json()));
  a.dissimilar = quantilesFromJson(json.value("dissimilar_scores", nlohmann::json()));
  a.similarHistogram = histogramFromJson(json.value("similar_histogram", nlohmann::json()));
  a.dissimilarHistogram = histogramFromJson(json.value("dissimilar_histogram", nlohmann::json()));
  for (const nlohmann::json& point : json.value("curve", nlohmann::json::array()))
    a.curve.push_back(pointFromJson(point));
  result.score = json.value("score", std::string("cosine"));
  return result;
}

ThresholdJobResult runThresholdJob(const ThresholdOptions& options,
                                   const ThresholdContext& context) {
  validate(options);
  std::vector<Problem> warnings;
  const std::vector<TextPair> pairs = readLabelledPairs(options.pairs, &warnings);
  if (pairs.empty()) throw InputError(options.pairs, "holds no labelled pairs");
  if (context.onWarnings && !warnings.empty()) context.onWarnings(options.pairs, warnings);

  const bool reranker =
      model::RerankerModel::isReranker(options.modelNameOrPath, options.encoding.revision);
  const std::vector<double> scores =
      reranker ? rerankerScores(options, pairs, context) : cosineScores(options, pairs, context);
  ThresholdJobResult result;
  result.scored.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i)
    result.scored.push_back({pairs[i].textA, scores[i], pairs[i].similar});
  result.analysis = analyseThresholds(result.scored, options.analysis);
  result.score = !reranker                 ? "cosine"
                 : options.normalizeScores ? "reranker sigmoid(logit)"
                                           : "reranker logit";
  throwIfCancelled(context.cancel);
  if (!options.output.empty()) {
    AtomicFileWriter file(options.output);
    file.write(result.toJson(options).dump(2) + "\n");
    file.commit();
  }
  if (!options.scores.empty()) {
    const std::vector<bool> inFit = fitPart(result.scored, options.analysis);
    AtomicFileWriter file(options.scores);
    for (std::size_t i = 0; i < result.scored.size(); ++i) {
      file.write(nlohmann::json{{"group", result.scored[i].group},
                                {"score", result.scored[i].score},
                                {"similar", result.scored[i].similar},
                                {"part", inFit[i] ? "fit" : "held_out"}}
                     .dump() +
                 "\n");
    }
    file.commit();
  }
  return result;
}

}  // namespace embedlab::eval

#include "core/model/merge_job.h"

#include "core/model/hub_cache.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/data/eval_set.h"
#include "core/data/training_data.h"
#include "core/eval/reranking.h"
#include "core/eval/retrieval_evaluator.h"
#include "core/model/embedding_model.h"
#include "core/model/reranker_model.h"

namespace embedlab::model {

namespace {

std::string absolute(const std::string& path) {
  return path.empty() ? path : std::filesystem::absolute(path).lexically_normal().string();
}

// The job's state while it runs: its options and where it reports.
class MergeJob {
 public:
  MergeJob(const MergeOptions& options, const MergeContext& context)
      : options_(options), context_(context) {}

  MergeJobResult run() {
    std::vector<std::filesystem::path> models;  // folders, or hub ids read from the cache
    for (const std::string& model : options_.models)
      models.push_back(resolveModelFolder(model, options_.encoding.revision));
    if (const std::string difference = mergeIncompatibility(models); !difference.empty())
      throw InputError(options_.models[0], "cannot be merged with the others: " + difference);
    MergeJobResult result;
    result.summary = nlohmann::json::object();
    const bool weightsGiven = !options_.weights.empty();
    if (weightsGiven)
      result.weights =
          checkMergeWeights(options_.weights, models.size(), options_.normalizeWeights);
    if (!options_.examples.empty()) result.weights = weightsFromExamples(models, result);
    if (!options_.sweep.empty()) {
      result.sweep = sweep(models);
      result.summary["sweep"] = sweepJson(result.sweep);
      if (!weightsGiven && options_.examples.empty()) {
        const auto best = std::max_element(
            result.sweep.begin(), result.sweep.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.target < b.target; });
        result.weights = {best->weight, 1.0 - best->weight};
        note(fmt::format("chosen: the best {} on the target set, at weight {:.2f}", options_.metric,
                         best->weight));
      }
    }
    if (result.weights.empty()) {
      throw UsageError(
          "give the weights: --weights W1 W2 ..., --weights-from-examples FILE or --sweep");
    }
    result.summary["weights"] = result.weights;
    result.merge = mergeModels(models, result.weights, options_.output, context_.progress);
    if (result.summary.contains("sweep")) {
      nlohmann::json table = result.summary["sweep"];
      table["chosen_weight"] = result.weights[0];
      writeFileAtomically(std::filesystem::path(options_.output) / "merge_sweep.json",
                          table.dump(2) + "\n");
    }
    return result;
  }

 private:
  void note(const std::string& line) const {
    if (context_.onNote) context_.onNote(line);
  }

  std::vector<double> weightsFromExamples(const std::vector<std::filesystem::path>& models,
                                          MergeJobResult& result) {
    std::vector<Problem> warnings;
    const std::vector<TrainingExample> examples = readTrainingData(options_.examples, &warnings);
    ExampleLossOptions loss = options_.loss;
    loss.passageMaxLength = options_.encoding.maxLength;
    for (std::size_t i = 0; i < models.size(); ++i) {
      result.exampleLosses.push_back(exampleLoss(models[i], examples, loss));
      reportProgress(context_.progress, i + 1, models.size(), "models scored on the examples");
    }
    const std::vector<double> weights = weightsFromLosses(result.exampleLosses);
    result.summary["example_losses"] = result.exampleLosses;
    for (std::size_t i = 0; i < models.size(); ++i) {
      note(fmt::format("{}: loss {:.4f} on {} examples -> weight {:.4f}", options_.models[i],
                       result.exampleLosses[i], std::min(loss.exampleCount, examples.size()),
                       weights[i]));
    }
    return weights;
  }

  eval::RetrievalEvalOptions retrievalSettings() const {
    eval::RetrievalEvalOptions settings;
    settings.batchSize = options_.encoding.batchSize;
    settings.passageMaxLength = options_.encoding.maxLength;
    settings.queryMaxLength = options_.loss.queryMaxLength;
    settings.fp16 = options_.encoding.fp16;
    settings.bf16 = options_.encoding.bf16;
    settings.int8 = options_.encoding.int8;
    settings.cancel = context_.cancel;  // no cache: every mix is a new model
    return settings;
  }

  /// A mix of bi-encoders: its retrieval metric on `set`.
  double evaluate(const std::filesystem::path& folder, const EvalSet& set) const {
    const EmbeddingModel model = EmbeddingModel::load(folder, options_.encoding.loadOptions());
    const eval::RetrievalEvaluator evaluator(model, set, retrievalSettings());
    return evaluator.run(options_.loss.queryInstruction).metrics.value(options_.metric);
  }

  /// The hits of the retriever on `set`, which a sweep over rerankers re-ranks with each mix.
  std::vector<eval::QueryRanking> firstStage(const EvalSet& set) const {
    const EmbeddingModel retriever =
        EmbeddingModel::load(options_.retriever, options_.encoding.loadOptions());
    eval::RetrievalEvalOptions settings = retrievalSettings();
    settings.k = std::max<std::size_t>(options_.rerankTopK, 100);
    const eval::RetrievalEvaluator evaluator(retriever, set, settings);
    return evaluator.run(options_.loss.queryInstruction).rankings;
  }

  /// A mix of rerankers: the metric of `rankings` re-ranked by it (logits, head included).
  double evaluateReranker(const std::filesystem::path& folder, const EvalSet& set,
                          const std::vector<eval::QueryRanking>& rankings) const {
    const RerankerModel reranker = RerankerModel::load(folder, options_.encoding.loadOptions());
    eval::RerankingOptions rerank;
    rerank.topK = options_.rerankTopK;
    rerank.queryPrefix = options_.loss.queryInstruction;
    rerank.rerank.queryMaxLength = options_.loss.queryMaxLength;
    rerank.rerank.passageMaxLength = options_.encoding.maxLength;
    rerank.rerank.cancel = context_.cancel;
    return eval::computeRetrievalMetrics(eval::rerank(reranker, set, rankings, rerank), set.qrels,
                                         {}, set.sameAs)
        .value(options_.metric);
  }

  std::vector<SweepPoint> sweep(const std::vector<std::filesystem::path>& models) {
    const std::vector<double> grid = sweepGrid(options_.sweep);
    // Rerankers are judged by what they do: re-ranking a bi-encoder's hits.
    const bool rerankers = RerankerModel::isReranker(models[0]);
    if (rerankers && options_.retriever.empty()) {
      throw UsageError(
          "--sweep over rerankers needs --retriever BI_ENCODER: a reranker is evaluated on the "
          "hits of a first-stage model it re-ranks (--rerank_top_k of them)");
    }
    if (!rerankers && !options_.retriever.empty()) {
      throw UsageError("--retriever is for a sweep over rerankers; " + options_.models[0] +
                       " is a bi-encoder, evaluated by its own retrieval");
    }
    const EvalSet target = loadBeirEvalSet(options_.evalSet, options_.split);
    std::optional<EvalSet> general;
    if (!options_.generalEvalSet.empty())
      general = loadBeirEvalSet(options_.generalEvalSet, options_.split);
    std::vector<eval::QueryRanking> targetHits;
    std::vector<eval::QueryRanking> generalHits;
    if (rerankers) {
      targetHits = firstStage(target);
      if (general) generalHits = firstStage(*general);
    }
    const auto score = [&](const EvalSet& set, const std::vector<eval::QueryRanking>& hits,
                           const std::filesystem::path& mix) {
      return rerankers ? evaluateReranker(mix, set, hits) : evaluate(mix, set);
    };
    const std::filesystem::path output = std::filesystem::absolute(options_.output);
    const std::filesystem::path scratch =
        output.parent_path() / ("." + output.filename().string() + ".sweep");
    std::vector<SweepPoint> points;
    try {
      for (std::size_t i = 0; i < grid.size(); ++i) {
        throwIfCancelled(context_.cancel);
        std::filesystem::remove_all(scratch);
        mergeModels(models, {grid[i], 1.0 - grid[i]}, scratch);
        SweepPoint point;
        point.weight = grid[i];
        point.target = score(target, targetHits, scratch);
        if (general) point.general = score(*general, generalHits, scratch);
        points.push_back(point);
        reportProgress(context_.progress, i + 1, grid.size(), "mixes evaluated");
        if (context_.onSweepPoint) context_.onSweepPoint(point);
      }
    } catch (...) {
      std::filesystem::remove_all(scratch);
      throw;
    }
    std::filesystem::remove_all(scratch);
    return points;
  }

  nlohmann::json sweepJson(const std::vector<SweepPoint>& points) const {
    nlohmann::json table = {{"metric", options_.metric},
                            {"models", options_.models},
                            {"eval_set", absolute(options_.evalSet)},
                            {"general_eval_set", absolute(options_.generalEvalSet)},
                            {"points", nlohmann::json::array()}};
    for (const SweepPoint& point : points) {
      nlohmann::json row = {{"weight", point.weight}, {"target", point.target}};
      if (point.general) row["general"] = *point.general;
      table["points"].push_back(row);
    }
    return table;
  }

  const MergeOptions& options_;
  const MergeContext& context_;
};

}  // namespace

MergeJobResult runMergeJob(const MergeOptions& options, const MergeContext& context) {
  validate(options);
  return MergeJob(options, context).run();
}

}  // namespace embedlab::model

#include "core/mine/mining_job.h"

#include <chrono>
#include <memory>
#include <optional>

#include "core/common/error.h"
#include "core/data/training_data.h"
#include "core/mine/candidate_search.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"

namespace embedlab::mine {

namespace {

ScoreFields scoreFields(const std::string& name) {
  return name == "both"   ? ScoreFields::Both
         : name == "none" ? ScoreFields::None
                          : ScoreFields::Negatives;
}

}  // namespace

nlohmann::json MiningResult::toJson(const MiningOptions& options) const {
  nlohmann::json report = mine::toJson(statistics);
  report["candidates"] = candidates;
  report["range"] = rangeText(options.selection);
  report["negative_number"] = options.selection.negativeNumber;
  report["cache"] = {{"candidates", candidatesFromCache}, {"queries", queriesFromCache}};
  report["seconds"] = {
      {"encode", encodeSeconds}, {"search", searchSeconds}, {"write", writeSeconds}};
  report["output_file"] = options.outputFile;
  if (options.writeScores != "none") {
    // Raw similarities, not logits: softmax over a group of cosines in [-1, 1] is nearly
    // uniform, so distilling from them needs the temperature the model was trained with.
    report["scores"] = {
        {"fields", options.writeScores == "both" ? nlohmann::json{"pos_scores", "neg_scores"}
                                                 : nlohmann::json{"neg_scores"}},
        {"meaning", scoreMeaning},
        {"distil_with",
         "train --knowledge_distillation --teacher_temperature T, T being the "
         "temperature this model was trained with (e.g. 0.02)"}};
  }
  return report;
}

MiningResult runMining(const MiningOptions& options, const MiningContext& context) {
  validate(options);
  std::vector<Problem> warnings;
  std::vector<TrainingExample> examples =
      readTrainingData(options.inputFile, &warnings, nullptr, context.cancel);
  if (examples.empty()) throw InputError(options.inputFile, "holds no training examples");
  if (context.onWarnings && !warnings.empty()) context.onWarnings(options.inputFile, warnings);
  std::optional<std::vector<std::string>> pool;
  if (!options.candidatePool.empty()) {
    warnings.clear();
    pool = readCandidatePool(options.candidatePool, &warnings, nullptr, context.cancel);
    if (pool->empty()) throw InputError(options.candidatePool, "holds no candidate texts");
    if (context.onWarnings && !warnings.empty())
      context.onWarnings(options.candidatePool, warnings);
  }

  model::LoadOptions load = options.encoding.loadOptions();
  if (!options.pooling.empty()) load.pooling = model::parsePooling(options.pooling);
  const model::EmbeddingModel model = model::EmbeddingModel::load(options.modelNameOrPath, load);
  const std::unique_ptr<model::EmbeddingCache> cache =
      options.encoding.cache(context.onCacheWriteFailure);

  CandidateSearchOptions search;
  search.depth = options.selection.rangeEnd;
  search.queryInstruction = options.queryInstruction;
  search.passageInstruction = options.passageInstruction;
  search.batchSize = options.encoding.batchSize;
  search.maxLength = options.encoding.maxLength;
  search.queryMaxLength = options.queryMaxLength;
  search.passageMaxLength = options.passageMaxLength;
  search.fp16 = options.encoding.fp16;
  search.bf16 = options.encoding.bf16;
  search.int8 = options.encoding.int8;
  search.index.kind = index::parseIndexKind(options.index);
  search.index.ivfLists = options.ivfLists;
  search.index.ivfProbe = options.ivfProbe;
  search.index.hnswM = options.hnswM;
  search.index.hnswEfSearch = options.hnswEfSearch;
  search.index.threads = context.searchThreads;
  search.index.searchBatch = options.searchBatchSize;
  search.cache = cache.get();
  search.modelFingerprint = options.encoding.fingerprint(options.modelNameOrPath);
  search.progress = context.progress;
  search.cancel = context.cancel;

  const CandidateSearch found =
      searchCandidates(model, examples, candidateTexts(examples, pool ? &*pool : nullptr), search);
  const Selection selection = selectNegatives(found, examples, options.selection);

  MiningResult result;
  const auto writeStart = std::chrono::steady_clock::now();
  for (const TrainingExample& example : examples)
    result.linesWithForeignPositiveScores += example.positiveScores.empty() ? 0 : 1;
  applySelection(examples, found, selection, scoreFields(options.writeScores));
  throwIfCancelled(context.cancel);
  writeTrainingData(options.outputFile, examples);
  result.writeSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - writeStart).count();

  result.statistics = selection.statistics;
  result.candidates = found.candidates.size();
  result.linesWritten = examples.size();
  result.candidatesFromCache = found.candidatesFromCache;
  result.queriesFromCache = found.queriesFromCache;
  result.encodeSeconds = found.encodeSeconds;
  result.searchSeconds = found.searchSeconds;
  result.scoreMeaning =
      model.normalizes() ? "cosine similarities" : "inner products of its embeddings";
  return result;
}

}  // namespace embedlab::mine

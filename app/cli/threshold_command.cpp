#include "app/cli/threshold_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "app/cli/encoding_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/data/labelled_pairs.h"
#include "core/eval/threshold_analysis.h"
#include "core/model/embedding_cache.h"
#include "core/model/reranker_model.h"

namespace embedlab::cli {

namespace {

struct ThresholdOptions {
  std::string model;
  std::string pairs;
  std::string instructionA;
  std::string instructionB;
  eval::ThresholdAnalysisOptions analysis;
  EncodingFlags encoding;
  std::string output;
  std::string scores;  ///< every pair's score, label and part, as JSONL
  std::string progress = "bar";
  bool normalizeScores = false;     ///< rerankers: sigmoid(logit) instead of the logit
  std::size_t queryMaxLength = 64;  ///< rerankers: text_a is cut to this many tokens
};

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

std::string pointLine(const char* label, const eval::ThresholdPoint& fit,
                      const eval::ThresholdPoint& heldOut) {
  return fmt::format(
      "  {:<22} {:>9.4f}   {:>6.3f} {:>6.3f} {:>6.3f}   {:>6.3f} {:>6.3f} {:>6.3f}\n", label,
      fit.threshold, fit.precision, fit.recall, fit.f1, heldOut.precision, heldOut.recall,
      heldOut.f1);
}

void printAnalysis(const eval::ThresholdAnalysis& a, double target) {
  const auto quantiles = [](const eval::Quantiles& q) {
    return fmt::format("n={:<6} min {:.3f}  p05 {:.3f}  median {:.3f}  p95 {:.3f}  max {:.3f}",
                       q.count, q.min, q.p05, q.median, q.p95, q.max);
  };
  fmt::print("similar pairs:    {}\n", quantiles(a.similar));
  fmt::print("dissimilar pairs: {}\n", quantiles(a.dissimilar));
  fmt::print("fitted on {} pairs ({} groups), reported on the other {} pairs ({} groups):\n",
             a.fitPairs, a.fitGroups, a.heldOutPairs, a.heldOutGroups);
  fmt::print("  {:<22} {:>9}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n", "", "threshold", "P fit",
             "R fit", "F1 fit", "P held", "R held", "F1 held");
  fmt::print("{}", pointLine("best F1", a.fit.bestF1, a.heldOutAtBestF1));
  const std::string label = fmt::format("precision >= {:.2f}", target);
  if (a.fit.atTargetPrecision) {
    fmt::print("{}",
               pointLine(label.c_str(), *a.fit.atTargetPrecision, *a.heldOutAtTargetPrecision));
  } else {
    fmt::print("  {:<22} no threshold reaches it on the fit part\n", label);
  }
}

// Cosine similarities of each pair's texts by a bi-encoder (texts embedded once each, cached).
std::vector<double> cosineScores(const ThresholdOptions& options,
                                 const std::vector<TextPair>& pairs, JobProgress& progress) {
  const model::EmbeddingModel model =
      model::EmbeddingModel::load(options.model, options.encoding.loadOptions());
  const std::unique_ptr<model::EmbeddingCache> cache = options.encoding.cache(progress.quiet());
  const std::string fingerprint = options.encoding.fingerprint(options.model);
  model::EncodeOptions encode;
  encode.batchSize = options.encoding.batchSize;
  encode.maxLength = options.encoding.maxLength;
  encode.fp16 = options.encoding.fp16;
  encode.progress = &progress;
  encode.cancel = &interruptToken();

  std::vector<std::string_view> textsA, textsB;
  for (const TextPair& pair : pairs) {
    textsA.push_back(pair.textA);
    textsB.push_back(pair.textB);
  }
  const model::EmbeddingCache* usedCache = cache.get();
  UnitEmbeddings a, b;
  if (options.instructionA == options.instructionB) {  // one set of texts, embedded once
    std::vector<std::string_view> all = textsA;
    all.insert(all.end(), textsB.begin(), textsB.end());
    encode.prefix = options.instructionA;
    a = embedUnique(model, usedCache, fingerprint, all, encode);
  } else {
    encode.prefix = options.instructionA;
    a = embedUnique(model, usedCache, fingerprint, textsA, encode);
    encode.prefix = options.instructionB;
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
                                   const std::vector<TextPair>& pairs, JobProgress& progress) {
  const model::RerankerModel reranker =
      model::RerankerModel::load(options.model, options.encoding.loadOptions());
  std::vector<model::TextPair> texts;
  texts.reserve(pairs.size());
  for (const TextPair& pair : pairs)
    texts.emplace_back(options.instructionA + pair.textA, options.instructionB + pair.textB);
  model::RerankOptions rerank;
  rerank.queryMaxLength = options.queryMaxLength;
  rerank.passageMaxLength = options.encoding.maxLength;
  rerank.batchSize = std::min<std::size_t>(options.encoding.batchSize, 64);
  rerank.normalize = options.normalizeScores;
  rerank.progress = &progress;
  rerank.cancel = &interruptToken();
  const std::vector<float> scores = reranker.score(texts, rerank);
  return std::vector<double>(scores.begin(), scores.end());
}

int runThreshold(const ThresholdOptions& options, const GlobalOptions& global,
                 store::RunRecorder* recorder) {
  JobProgress progress("scoring pairs", options.progress, global.quiet);
  std::vector<Problem> warnings;
  const std::vector<TextPair> pairs = readLabelledPairs(options.pairs, &warnings);
  if (pairs.empty()) throw InputError(options.pairs, "holds no labelled pairs");
  progress.noteWarnings(options.pairs, warnings);

  const bool reranker = model::RerankerModel::isReranker(options.model);
  const std::vector<double> scores =
      reranker ? rerankerScores(options, pairs, progress) : cosineScores(options, pairs, progress);
  std::vector<eval::LabelledPair> scored;
  scored.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i)
    scored.push_back({pairs[i].textA, scores[i], pairs[i].similar});
  const eval::ThresholdAnalysis analysis = eval::analyseThresholds(scored, options.analysis);
  progress.finish();

  nlohmann::json report = eval::toJson(analysis);
  report["model"] = options.model;
  report["pairs_file"] = options.pairs;
  report["score"] = !reranker                 ? "cosine"
                    : options.normalizeScores ? "reranker sigmoid(logit)"
                                              : "reranker logit";
  report["target_precision"] = options.analysis.targetPrecision;
  report["seed"] = options.analysis.seed;
  if (recorder != nullptr) {
    recorder->setSummary("thresholds", report);
    std::vector<store::EvalResult> results{
        {options.model, options.pairs, "best_f1_threshold", analysis.fit.bestF1.threshold},
        {options.model, options.pairs, "best_f1_fit", analysis.fit.bestF1.f1},
        {options.model, options.pairs, "best_f1_held_out", analysis.heldOutAtBestF1.f1}};
    if (analysis.fit.atTargetPrecision) {
      results.push_back({options.model, options.pairs, "target_precision_threshold",
                         analysis.fit.atTargetPrecision->threshold});
      results.push_back({options.model, options.pairs, "target_precision_held_out_precision",
                         analysis.heldOutAtTargetPrecision->precision});
    }
    recorder->addEvalResults(results);
  }
  if (!options.output.empty()) {
    AtomicFileWriter file(options.output);
    file.write(report.dump(2) + "\n");
    file.commit();
  }
  if (!options.scores.empty()) {
    const std::vector<bool> inFit = eval::fitPart(scored, options.analysis);
    AtomicFileWriter file(options.scores);
    for (std::size_t i = 0; i < scored.size(); ++i) {
      file.write(nlohmann::json{{"group", scored[i].group},
                                {"score", scored[i].score},
                                {"similar", scored[i].similar},
                                {"part", inFit[i] ? "fit" : "held_out"}}
                     .dump() +
                 "\n");
    }
    file.commit();
  }
  if (progress.json()) {
    report["event"] = "done";
    JobProgress::emit(report);
  } else if (!global.quiet && options.progress != "none") {
    printAnalysis(analysis, options.analysis.targetPrecision);
  }
  return kExitOk;
}

}  // namespace

void addThresholdCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<ThresholdOptions>();
  CLI::App* command = app.add_subcommand(
      "threshold",
      "Choose the score above which two texts count as similar (a bi-encoder's cosine, or a\n"
      "reranker's logit or sigmoid score), from labelled\n"
      "pairs: a TSV of text_a, text_b, label or a training file (query with each pos = similar,\n"
      "with each neg = dissimilar). Reports the score distributions, the best-F1 threshold and\n"
      "the lowest threshold reaching --target_precision, fitted on one part of the groups\n"
      "(queries / text_a) and reported on the rest.\n"
      "Example: embedlab-cli threshold --model tuned/ --pairs dev.jsonl --target_precision 0.95");
  auto& c = *command;
  auto& o = *options;
  c.add_option("--model," + bothSpellings("model_name_or_path"), o.model, "Model folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  c.add_option("--pairs", o.pairs, "Labelled pairs: .tsv (text_a, text_b, label) or JSONL")
      ->required()
      ->check(CLI::ExistingFile);
  c.add_option(bothSpellings("target_precision"), o.analysis.targetPrecision,
               "Precision the second threshold must reach")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  c.add_option(bothSpellings("fit_fraction"), o.analysis.fitFraction,
               "Share of the groups to fit on")
      ->check(CLI::Range(0.05, 0.95))
      ->capture_default_str();
  c.add_option("--seed", o.analysis.seed, "Seed of the split")->capture_default_str();
  c.add_option("--bins", o.analysis.bins, "Histogram bins in the JSON report")
      ->check(CLI::Range(2, 10000))
      ->capture_default_str();
  c.add_option(bothSpellings("query_instruction_for_retrieval") + ",--instruction_a",
               o.instructionA, "Text put before text_a / the query (default: nothing)");
  c.add_option(bothSpellings("passage_instruction") + ",--instruction_b", o.instructionB,
               "Text put before text_b / the passage (default: nothing)");
  addEncodingFlags(c, o.encoding, bothSpellings("max_len"));
  c.add_option("--output", o.output,
               "Write the analysis (curve, histograms, both parts) as JSON to this file (default: "
               "only printed)");
  c.add_option("--scores", o.scores,
               "Write every pair's score, label and part (fit or held_out) as JSONL to this file "
               "(default: none)");
  c.add_flag(bothSpellings("normalize_scores"), o.normalizeScores,
             "With a reranker --model: thresholds on sigmoid(logit) in [0, 1], not raw logits");
  c.add_option(bothSpellings("query_max_len"), o.queryMaxLength,
               "With a reranker --model: text_a (the query) is cut to this many tokens")
      ->capture_default_str();
  c.add_option("--progress", o.progress,
               "How progress is shown: bar (stderr), json (JSON lines on stdout) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, options, command] {
    store::NewRun run;
    run.kind = store::runKindName(store::RunKind::Threshold);
    run.name = "threshold on " + std::filesystem::path(options->pairs).filename().string();
    run.options = resolvedOptions(*command);
    run.inputs = {runInput(options->model), runInput(options->pairs)};
    run.outputPath = absolutePath(options->output);
    run.parentModel = options->model;
    action = [options, &global, run] {
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runThreshold(*options, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli

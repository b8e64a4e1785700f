#include "core/model/model_merge.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/common/error.h"
#include "core/common/version.h"
#include "core/data/atomic_file.h"
#include "core/model/checkpoint.h"
#include "core/model/embedding_model.h"
#include "core/model/reranker_model.h"
#include "core/model/safetensors.h"
#include "core/model/sentence_transformers_metadata.h"
#include "core/model/torch/embedding_model_impl.h"

namespace embedlab::model {

namespace {

// config.json keys that say nothing about the weights' layout.
const char* const kConfigKeysIgnored[] = {"_name_or_path", "transformers_version", "torch_dtype",
                                          "created_by", "merged_by"};
// The files that define the vocabulary: two models must agree on them byte for byte.
const char* const kVocabularyFiles[] = {"tokenizer.json", "vocab.txt", "sentencepiece.bpe.model",
                                        "spiece.model"};
// Copied from the first model next to the merged weights.
const char* const kCopiedFiles[] = {"config.json",
                                    "tokenizer.json",
                                    "tokenizer_config.json",
                                    "special_tokens_map.json",
                                    "vocab.txt",
                                    "sentencepiece.bpe.model",
                                    "spiece.model",
                                    "added_tokens.json",
                                    "modules.json",
                                    "config_sentence_transformers.json",
                                    "sentence_bert_config.json"};

nlohmann::json readConfig(const std::filesystem::path& folder) {
  const std::filesystem::path file = folder / "config.json";
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "cannot be read (a model folder needs config.json)");
  try {
    nlohmann::json config = nlohmann::json::parse(in);
    for (const char* key : kConfigKeysIgnored)
      config.erase(key);
    return config;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file.string(), std::string("is not valid JSON: ") + error.what());
  }
}

std::string fileContent(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  return fmt::format("[{}]", fmt::join(shape, ", "));
}

std::string nameOf(const std::filesystem::path& folder) {
  return folder.filename().empty() ? folder.parent_path().filename().string()
                                   : folder.filename().string();
}

torch::Tensor view(const Checkpoint& checkpoint, const TensorInfo& tensor) {
  return torch::from_blob(const_cast<std::byte*>(checkpoint.data(tensor)), tensor.shape,
                          torch::TensorOptions().dtype(scalarTypeOf(tensor.dtype)));
}

// The first difference between the checkpoints' tensors, or empty.
std::string tensorDifference(const Checkpoint& first, const std::string& firstName,
                             const Checkpoint& other, const std::string& otherName) {
  for (const TensorInfo* tensor : first.tensors()) {
    const TensorInfo* match = other.find(tensor->name);
    if (match == nullptr)
      return fmt::format("tensor {} of {} is not in {}", tensor->name, firstName, otherName);
    if (match->shape != tensor->shape) {
      return fmt::format("tensor {} is {} in {} and {} in {}", tensor->name,
                         shapeText(tensor->shape), firstName, shapeText(match->shape), otherName);
    }
    if (isFloatingPoint(tensor->dtype) != isFloatingPoint(match->dtype) ||
        (!isFloatingPoint(tensor->dtype) && tensor->dtype != match->dtype)) {
      return fmt::format("tensor {} is {} in {} and {} in {}", tensor->name,
                         dtypeName(tensor->dtype), firstName, dtypeName(match->dtype), otherName);
    }
  }
  for (const TensorInfo* tensor : other.tensors()) {
    if (first.find(tensor->name) == nullptr)
      return fmt::format("tensor {} of {} is not in {}", tensor->name, otherName, firstName);
  }
  return {};
}

std::string configDifference(const nlohmann::json& first, const std::string& firstName,
                             const nlohmann::json& other, const std::string& otherName) {
  for (const auto& [key, value] : first.items()) {
    const auto found = other.find(key);
    if (found == other.end())
      return fmt::format("config.json: {} has {} and {} has none", firstName, key, otherName);
    if (*found != value) {
      return fmt::format("config.json: {} is {} in {} and {} in {}", key, value.dump(), firstName,
                         found->dump(), otherName);
    }
  }
  for (const auto& [key, value] : other.items()) {
    if (!first.contains(key))
      return fmt::format("config.json: {} has {} and {} has none", otherName, key, firstName);
  }
  return {};
}

std::string vocabularyDifference(const std::filesystem::path& first,
                                 const std::filesystem::path& other) {
  for (const char* file : kVocabularyFiles) {
    const bool inFirst = std::filesystem::is_regular_file(first / file);
    const bool inOther = std::filesystem::is_regular_file(other / file);
    if (!inFirst && !inOther) continue;
    if (inFirst != inOther) {
      return fmt::format("tokenizer: {} has {} and {} has none", nameOf(inFirst ? first : other),
                         file, nameOf(inFirst ? other : first));
    }
    if (fileContent(first / file) != fileContent(other / file))
      return fmt::format("tokenizer: {} differs between {} and {}", file, nameOf(first),
                         nameOf(other));
  }
  return {};
}

// The first difference between the models' sentence-transformers Dense modules (their
// configuration, then their tensors), or empty.
std::string denseDifference(const std::filesystem::path& first,
                            const std::vector<DenseModule>& firstDense,
                            const std::filesystem::path& other) {
  const std::vector<DenseModule> otherDense = readSentenceTransformersMetadata(other).dense;
  if (otherDense.size() != firstDense.size()) {
    return fmt::format("{} has {} Dense module(s), {} has {}", nameOf(first), firstDense.size(),
                       nameOf(other), otherDense.size());
  }
  for (std::size_t d = 0; d < firstDense.size(); ++d) {
    const DenseModule& a = firstDense[d];
    const DenseModule& b = otherDense[d];
    if (a.path != b.path || a.inFeatures != b.inFeatures || a.outFeatures != b.outFeatures ||
        a.bias != b.bias || a.activation != b.activation) {
      return fmt::format("the Dense module {} differs between {} and {}", a.path, nameOf(first),
                         nameOf(other));
    }
    const std::string difference =
        tensorDifference(Checkpoint(first / a.path), (first / a.path).string(),
                         Checkpoint(other / b.path), (other / b.path).string());
    if (!difference.empty()) return difference;
  }
  return {};
}

// The weighted average of the floating-point tensors of the checkpoints in `folders` (the
// others copied from the first), counted into `result`; `merged` keeps the bytes the returned
// tensors point into.
std::vector<TensorData> averageCheckpoints(const std::vector<std::filesystem::path>& folders,
                                           const std::vector<double>& weights,
                                           std::vector<torch::Tensor>& merged, MergeResult& result,
                                           ProgressObserver* progress) {
  std::vector<std::unique_ptr<Checkpoint>> checkpoints;
  for (std::size_t i = 0; i < folders.size(); ++i)
    checkpoints.push_back(weights[i] > 0 ? std::make_unique<Checkpoint>(folders[i]) : nullptr);
  const Checkpoint first(folders[0]);
  std::vector<TensorData> tensors;
  const std::vector<const TensorInfo*> infos = first.tensors();
  torch::NoGradGuard noGrad;
  for (std::size_t t = 0; t < infos.size(); ++t) {
    const TensorInfo& info = *infos[t];
    torch::Tensor value;
    if (isFloatingPoint(info.dtype)) {
      // Started from the first term, not from zeros: +0 + -0 would turn a -0 into +0.
      torch::Tensor sum;
      for (std::size_t i = 0; i < folders.size(); ++i) {
        if (checkpoints[i] == nullptr) continue;  // weight 0: never read
        const Checkpoint& checkpoint = *checkpoints[i];
        const torch::Tensor term = view(checkpoint, *checkpoint.find(info.name)).to(torch::kDouble);
        if (sum.defined()) {
          sum.add_(term, weights[i]);
        } else {
          sum = term.mul(weights[i]);
        }
      }
      value = sum.to(scalarTypeOf(info.dtype)).contiguous();
      ++result.averagedTensors;
    } else {
      value = view(first, info).clone();
      ++result.copiedTensors;
    }
    result.parameters += info.elementCount();
    merged.push_back(value);
    TensorData data;
    data.name = info.name;
    data.dtype = info.dtype;
    data.shape = info.shape;
    data.bytes = std::string_view(static_cast<const char*>(value.data_ptr()),
                                  static_cast<std::size_t>(value.nbytes()));
    tensors.push_back(std::move(data));
    reportProgress(progress, t + 1, infos.size(), "tensors");
  }
  return tensors;
}

}  // namespace

std::string mergeIncompatibility(const std::vector<std::filesystem::path>& models) {
  if (models.size() < 2) return "merging needs two models or more";
  const std::vector<DenseModule> firstDense = readSentenceTransformersMetadata(models[0]).dense;
  const nlohmann::json firstConfig = readConfig(models[0]);
  const Checkpoint first(models[0]);
  const std::string firstName = models[0].string();
  for (std::size_t i = 1; i < models.size(); ++i) {
    const std::string otherName = models[i].string();
    std::string difference =
        configDifference(firstConfig, firstName, readConfig(models[i]), otherName);
    if (difference.empty()) difference = vocabularyDifference(models[0], models[i]);
    if (difference.empty())
      difference = tensorDifference(first, firstName, Checkpoint(models[i]), otherName);
    if (difference.empty()) difference = denseDifference(models[0], firstDense, models[i]);
    if (!difference.empty()) return difference;
  }
  return {};
}

std::vector<double> checkMergeWeights(std::vector<double> weights, std::size_t count,
                                      bool normalize) {
  if (weights.size() != count) {
    throw UsageError(fmt::format("--weights: {} weights for {} models (one per model, in order)",
                                 weights.size(), count));
  }
  double sum = 0;
  for (const double weight : weights) {
    if (!std::isfinite(weight) || weight < 0)
      throw UsageError(fmt::format("--weights: {} is not a non-negative number", weight));
    sum += weight;
  }
  if (sum <= 0) throw UsageError("--weights: at least one weight must be positive");
  if (normalize) {
    for (double& weight : weights)
      weight /= sum;
  } else if (std::abs(sum - 1.0) > 1e-6) {
    throw UsageError(fmt::format(
        "--weights sum to {}, not 1 (give weights that do, or add --normalize-weights)", sum));
  }
  return weights;
}

MergeResult mergeModels(const std::vector<std::filesystem::path>& models,
                        const std::vector<double>& weights, const std::filesystem::path& output,
                        ProgressObserver* progress) {
  checkMergeWeights(weights, models.size(), false);
  std::error_code error;
  if (std::filesystem::exists(output, error) && !std::filesystem::is_empty(output, error)) {
    throw UsageError("--output " + output.string() +
                     " is not empty (choose a new folder; a merge never overwrites)");
  }
  if (const std::string difference = mergeIncompatibility(models); !difference.empty())
    throw InputError(models[0].string(), "cannot be merged with the others: " + difference);

  MergeResult result;
  std::vector<torch::Tensor> merged;  // owns the bytes the TensorData below point into
  std::vector<TensorData> tensors = averageCheckpoints(models, weights, merged, result, progress);
  // sentence-transformers' Dense modules are averaged the same way, each in its folder.
  const std::vector<DenseModule> dense = readSentenceTransformersMetadata(models[0]).dense;
  std::vector<std::vector<TensorData>> denseTensors;
  for (const DenseModule& module : dense) {
    std::vector<std::filesystem::path> folders;
    for (const auto& model : models)
      folders.push_back(model / module.path);
    denseTensors.push_back(averageCheckpoints(folders, weights, merged, result, nullptr));
  }

  // Everything goes into a hidden sibling first; the rename makes the merge appear whole.
  const std::filesystem::path target = std::filesystem::absolute(output).lexically_normal();
  const std::filesystem::path partial =
      target.parent_path() / ("." + target.filename().string() + ".merging");
  std::filesystem::remove_all(partial);
  std::filesystem::create_directories(partial);
  try {
    writeSafetensors(partial / "model.safetensors", std::move(tensors),
                     {{"merged_by", std::string("embedlab ") + kVersion}});
    for (const char* file : kCopiedFiles) {
      if (std::filesystem::is_regular_file(models[0] / file))
        std::filesystem::copy_file(models[0] / file, partial / file);
    }
    if (std::filesystem::is_directory(models[0] / "1_Pooling")) {
      std::filesystem::copy(models[0] / "1_Pooling", partial / "1_Pooling",
                            std::filesystem::copy_options::recursive);
    }
    for (std::size_t d = 0; d < dense.size(); ++d) {
      std::filesystem::create_directories(partial / dense[d].path);
      std::filesystem::copy_file(models[0] / dense[d].path / "config.json",
                                 partial / dense[d].path / "config.json");
      writeSafetensors(partial / dense[d].path / "model.safetensors", std::move(denseTensors[d]));
    }
    nlohmann::json lineage = {
        {"embedlab_version", kVersion}, {"models", nlohmann::json::array()}, {"weights", weights}};
    for (const auto& model : models)
      lineage["models"].push_back(std::filesystem::absolute(model).lexically_normal().string());
    writeFileAtomically(partial / "merge.json", lineage.dump(2) + "\n");
    if (std::filesystem::exists(target)) std::filesystem::remove(target);  // empty (checked)
    std::filesystem::rename(partial, target);
  } catch (...) {
    std::filesystem::remove_all(partial, error);
    throw;
  }
  return result;
}

double exampleLoss(const std::filesystem::path& folder,
                   const std::vector<TrainingExample>& examples,
                   const ExampleLossOptions& options) {
  // A reranker is scored as it ranks: by the logit of each (query, passage) pair, its head
  // included; a bi-encoder by the similarity of its embeddings, pooled and normalised as the
  // model says, over the temperature.
  std::optional<RerankerModel> reranker;
  std::optional<EmbeddingModel> encoder;
  if (RerankerModel::isReranker(folder)) {
    reranker.emplace(RerankerModel::load(folder));
  } else {
    encoder.emplace(EmbeddingModel::load(folder));
  }
  double total = 0;
  std::size_t used = 0;
  for (std::size_t e = 0; e < examples.size() && used < options.exampleCount; ++e) {
    const TrainingExample& example = examples[e];
    if (example.positives.empty() || example.negatives.empty()) continue;
    const std::string query =
        (example.prompt ? *example.prompt : options.queryInstruction) + example.query;
    std::vector<std::string> passages = example.positives;
    passages.insert(passages.end(), example.negatives.begin(), example.negatives.end());
    std::vector<double> scores(passages.size());
    if (reranker) {
      std::vector<TextPair> pairs;
      for (const std::string& passage : passages)
        pairs.emplace_back(query, passage);
      RerankOptions rerank;
      rerank.queryMaxLength = options.queryMaxLength;
      rerank.passageMaxLength = options.passageMaxLength;
      const std::vector<float> logits = reranker->score(pairs, rerank);
      std::copy(logits.begin(), logits.end(), scores.begin());
    } else {
      EncodeOptions queryOptions;
      queryOptions.maxLength = options.queryMaxLength;
      const std::vector<float> embeddedQuery = encoder->encode({query}, queryOptions);
      EncodeOptions passageOptions;
      passageOptions.maxLength = options.passageMaxLength;
      const std::vector<float> embedded = encoder->encode(passages, passageOptions);
      const std::size_t d = encoder->dimension();
      for (std::size_t p = 0; p < passages.size(); ++p) {
        double dot = 0;
        for (std::size_t k = 0; k < d; ++k)
          dot += static_cast<double>(embeddedQuery[k]) * embedded[p * d + k];
        scores[p] = dot / options.temperature;
      }
    }
    // Every positive against the negatives (the other positives are not negatives of it):
    // the cross-entropy with that positive as the target, averaged over the positives.
    const std::size_t positives = example.positives.size();
    double loss = 0;
    for (std::size_t p = 0; p < positives; ++p) {
      double top = scores[p];
      for (std::size_t n = positives; n < scores.size(); ++n)
        top = std::max(top, scores[n]);
      double sum = std::exp(scores[p] - top);
      for (std::size_t n = positives; n < scores.size(); ++n)
        sum += std::exp(scores[n] - top);
      loss += -(scores[p] - top - std::log(sum));
    }
    total += loss / static_cast<double>(positives);
    ++used;
  }
  if (used == 0) {
    throw UsageError(
        "--weights-from-examples: no example has both a positive and a negative (mine negatives "
        "first)");
  }
  return total / static_cast<double>(used);
}

std::vector<double> weightsFromLosses(const std::vector<double>& losses) {
  std::vector<double> weights(losses.size());
  const double best = *std::min_element(losses.begin(), losses.end());
  double sum = 0;
  for (std::size_t i = 0; i < losses.size(); ++i) {
    weights[i] = std::exp(-(losses[i] - best) / 5.0);
    sum += weights[i];
  }
  for (double& weight : weights)
    weight /= sum;
  return weights;
}

}  // namespace embedlab::model

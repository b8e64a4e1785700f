#include "core/model/sentence_transformers_metadata.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/version.h"
#include "core/data/atomic_file.h"
#include "core/model/embedding_model.h"

namespace embedlab::model {

namespace {

std::optional<nlohmann::json> readJson(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) return std::nullopt;
  std::ifstream in(file);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file.string(), std::string("invalid JSON: ") + error.what());
  }
}

void writeJson(const std::filesystem::path& file, const nlohmann::ordered_json& json) {
  std::filesystem::create_directories(file.parent_path());
  writeFileAtomically(file, json.dump(2) + "\n");
}

}  // namespace

bool isSupportedDenseActivation(const std::string& activation) {
  for (const char* known :
       {"torch.nn.modules.activation.Tanh", "torch.nn.modules.activation.ReLU",
        "torch.nn.modules.activation.GELU", "torch.nn.modules.activation.Sigmoid",
        "torch.nn.modules.linear.Identity"}) {
    if (activation == known) return true;
  }
  return false;
}

std::string promptFor(const std::map<std::string, std::string>& prompts,
                      const std::string& defaultPromptName, PromptRole role) {
  const auto names = role == PromptRole::Query ? std::vector<std::string>{"query"}
                                               : std::vector<std::string>{"passage", "document"};
  for (const std::string& name : names) {
    if (const auto found = prompts.find(name); found != prompts.end()) return found->second;
  }
  const auto fallback = prompts.find(defaultPromptName);
  return fallback == prompts.end() ? std::string() : fallback->second;
}

namespace {

DenseModule readDense(const std::filesystem::path& folder, const std::string& path) {
  const auto file = folder / path / "config.json";
  if (path.empty())
    throw InputError((folder / "modules.json").string(), "lists a Dense module without a path");
  const auto config = readJson(file);
  if (!config) throw InputError(file.string(), "is missing (modules.json lists a Dense module)");
  DenseModule dense;
  dense.path = path;
  try {
    dense.inFeatures = config->at("in_features").get<std::int64_t>();
    dense.outFeatures = config->at("out_features").get<std::int64_t>();
    dense.bias = config->value("bias", true);
    dense.activation = config->value("activation_function", dense.activation);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file.string(),
                     std::string("needs in_features and out_features: ") + error.what());
  }
  if (dense.inFeatures <= 0 || dense.outFeatures <= 0)
    throw InputError(file.string(), "has in_features or out_features below 1");
  if (!isSupportedDenseActivation(dense.activation)) {
    throw InputError(file.string(),
                     "uses the activation " + dense.activation +
                         ", which EmbedLab does not run (Tanh, ReLU, GELU, Sigmoid and Identity)");
  }
  return dense;
}

}  // namespace

SentenceTransformersMetadata readSentenceTransformersMetadata(const std::filesystem::path& folder) {
  SentenceTransformersMetadata metadata;
  std::filesystem::path poolingFolder = folder / "1_Pooling";
  const auto modulesFile = folder / "modules.json";
  if (const auto modules = readJson(modulesFile)) {
    if (!modules->is_array()) throw InputError(modulesFile.string(), "is not a list");
    bool normalize = false;
    for (const auto& module : *modules) {
      const std::string type = module.is_object() ? module.value("type", "") : "";
      const std::string path = module.is_object() ? module.value("path", "") : "";
      if (path.find("..") != std::string::npos || (!path.empty() && path.front() == '/'))
        throw InputError(modulesFile.string(), "names a module outside the folder: " + path);
      if (type == "sentence_transformers.models.Transformer") continue;
      if (type == "sentence_transformers.models.Pooling") {
        poolingFolder = folder / (path.empty() ? "1_Pooling" : path);
      } else if (type == "sentence_transformers.models.Dense") {
        metadata.dense.push_back(readDense(folder, path));
      } else if (type == "sentence_transformers.models.Normalize") {
        normalize = true;
      } else {
        throw InputError(modulesFile.string(),
                         "lists the module " + (type.empty() ? module.dump() : type) +
                             ", which EmbedLab does not run (Transformer, Pooling, Dense and "
                             "Normalize are); dropping it would change the embeddings");
      }
    }
    metadata.normalize = normalize;
  }
  if (const auto pooling = readJson(poolingFolder / "config.json")) {
    if (pooling->value("pooling_mode_cls_token", false))
      metadata.pooling = Pooling::Cls;
    else if (pooling->value("pooling_mode_lasttoken", false))
      metadata.pooling = Pooling::LastToken;
    else if (pooling->value("pooling_mode_mean_tokens", false))
      metadata.pooling = Pooling::Mean;
    else {
      throw InputError(
          (poolingFolder / "config.json").string(),
          "uses a pooling mode EmbedLab does not support (cls, mean and lasttoken are)");
    }
  }
  if (const auto config = readJson(folder / "config_sentence_transformers.json")) {
    if (config->contains("prompts") && config->at("prompts").is_object()) {
      for (const auto& [name, prompt] : config->at("prompts").items()) {
        if (prompt.is_string()) metadata.prompts[name] = prompt.get<std::string>();
      }
    }
    if (config->contains("default_prompt_name") && config->at("default_prompt_name").is_string())
      metadata.defaultPromptName = config->at("default_prompt_name").get<std::string>();
  }
  if (const auto config = readJson(folder / "sentence_bert_config.json")) {
    if (config->contains("max_seq_length") && config->at("max_seq_length").is_number_unsigned()) {
      metadata.maxSequenceLength = config->at("max_seq_length").get<std::size_t>();
    }
  }
  return metadata;
}

void writeSentenceTransformersMetadata(const std::filesystem::path& folder,
                                       const SentenceTransformersMetadata& metadata,
                                       std::size_t dimension) {
  const Pooling pooling = metadata.pooling.value_or(Pooling::Mean);
  const bool normalize = metadata.normalize.value_or(true);
  nlohmann::ordered_json modules = nlohmann::ordered_json::array();
  const auto add = [&](const std::string& path, const std::string& type) {
    const std::size_t index = modules.size();
    modules.push_back({{"idx", index},
                       {"name", std::to_string(index)},
                       {"path", path},
                       {"type", "sentence_transformers.models." + type}});
  };
  add("", "Transformer");
  add("1_Pooling", "Pooling");
  for (const DenseModule& dense : metadata.dense) {
    add(dense.path, "Dense");
    writeJson(folder / dense.path / "config.json", {{"in_features", dense.inFeatures},
                                                    {"out_features", dense.outFeatures},
                                                    {"bias", dense.bias},
                                                    {"activation_function", dense.activation}});
  }
  if (normalize) {
    const std::string path = std::to_string(modules.size()) + "_Normalize";
    add(path, "Normalize");
    std::filesystem::create_directories(folder / path);
  }
  writeJson(folder / "modules.json", modules);
  writeJson(folder / "1_Pooling" / "config.json",
            {{"word_embedding_dimension", dimension},
             {"pooling_mode_cls_token", pooling == Pooling::Cls},
             {"pooling_mode_mean_tokens", pooling == Pooling::Mean},
             {"pooling_mode_max_tokens", false},
             {"pooling_mode_mean_sqrt_len_tokens", false},
             {"pooling_mode_weightedmean_tokens", false},
             {"pooling_mode_lasttoken", pooling == Pooling::LastToken},
             {"include_prompt", true}});
  nlohmann::ordered_json promptJson = nlohmann::ordered_json::object();
  for (const auto& [name, prompt] : metadata.prompts)
    promptJson[name] = prompt;
  nlohmann::ordered_json defaultPrompt = nullptr;
  if (!metadata.defaultPromptName.empty()) defaultPrompt = metadata.defaultPromptName;
  writeJson(folder / "config_sentence_transformers.json",
            {{"__version__", {{"embedlab", kVersion}}},
             {"prompts", promptJson},
             {"default_prompt_name", defaultPrompt},
             // Embeddings that are not normalised are compared by their dot product, as they
             // were trained; "cosine" would rank them differently.
             {"similarity_fn_name", normalize ? "cosine" : "dot"}});
  writeJson(
      folder / "sentence_bert_config.json",
      {{"max_seq_length", metadata.maxSequenceLength.value_or(512)}, {"do_lower_case", false}});
}

}  // namespace embedlab::model

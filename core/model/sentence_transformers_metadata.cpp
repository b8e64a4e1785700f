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

SentenceTransformersMetadata readSentenceTransformersMetadata(const std::filesystem::path& folder) {
  SentenceTransformersMetadata metadata;
  std::filesystem::path poolingFolder = folder / "1_Pooling";
  if (const auto modules = readJson(folder / "modules.json")) {
    if (!modules->is_array()) throw InputError((folder / "modules.json").string(), "is not a list");
    bool normalize = false;
    for (const auto& module : *modules) {
      const std::string type = module.value("type", "");
      if (type.find("Pooling") != std::string::npos)
        poolingFolder = folder / module.value("path", "1_Pooling");
      if (type.find("Normalize") != std::string::npos) normalize = true;
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
  }
  if (const auto config = readJson(folder / "sentence_bert_config.json")) {
    if (config->contains("max_seq_length") && config->at("max_seq_length").is_number_unsigned()) {
      metadata.maxSequenceLength = config->at("max_seq_length").get<std::size_t>();
    }
  }
  return metadata;
}

void writeSentenceTransformersMetadata(const std::filesystem::path& folder, Pooling pooling,
                                       bool normalize, std::size_t dimension,
                                       std::size_t maxSequenceLength,
                                       const std::map<std::string, std::string>& prompts) {
  nlohmann::ordered_json modules = nlohmann::ordered_json::array();
  modules.push_back({{"idx", 0},
                     {"name", "0"},
                     {"path", ""},
                     {"type", "sentence_transformers.models.Transformer"}});
  modules.push_back({{"idx", 1},
                     {"name", "1"},
                     {"path", "1_Pooling"},
                     {"type", "sentence_transformers.models.Pooling"}});
  if (normalize) {
    modules.push_back({{"idx", 2},
                       {"name", "2"},
                       {"path", "2_Normalize"},
                       {"type", "sentence_transformers.models.Normalize"}});
    std::filesystem::create_directories(folder / "2_Normalize");
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
  for (const auto& [name, prompt] : prompts)
    promptJson[name] = prompt;
  writeJson(folder / "config_sentence_transformers.json",
            {{"__version__", {{"embedlab", kVersion}}},
             {"prompts", promptJson},
             {"default_prompt_name", nullptr},
             // Embeddings that are not normalised are compared by their dot product, as they
             // were trained; "cosine" would rank them differently.
             {"similarity_fn_name", normalize ? "cosine" : "dot"}});
  writeJson(folder / "sentence_bert_config.json",
            {{"max_seq_length", maxSequenceLength}, {"do_lower_case", false}});
}

}  // namespace embedlab::model

#include "core/model/encoder_config.h"

#include <fmt/format.h>

#include <fstream>

#include "core/common/error.h"
#include "core/data/atomic_file.h"

namespace embedlab::model {

EncoderConfig EncoderConfig::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "cannot be read (a model folder needs config.json)");
  EncoderConfig config;
  try {
    config.raw = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file.string(), std::string("invalid JSON: ") + error.what());
  }
  const nlohmann::json& raw = config.raw;
  if (!raw.is_object()) throw InputError(file.string(), "is not a JSON object");
  const auto get = [&](const char* key, auto fallback) {
    using T = decltype(fallback);
    if (!raw.contains(key) || raw.at(key).is_null()) return fallback;
    try {
      return raw.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
      throw InputError(file.string(), fmt::format("field \"{}\" has the wrong type", key));
    }
  };
  config.modelType = get("model_type", std::string());
  if (config.modelType != "bert" && config.modelType != "roberta" &&
      config.modelType != "xlm-roberta") {
    throw InputError(file.string(),
                     fmt::format("model_type \"{}\" is not supported; EmbedLab runs bert, roberta "
                                 "and xlm-roberta encoders (E5, BGE, MiniLM, multilingual-e5, "
                                 "bge-m3, ...)",
                                 config.modelType));
  }
  config.vocabSize = get("vocab_size", config.vocabSize);
  config.hiddenSize = get("hidden_size", config.hiddenSize);
  config.numHiddenLayers = get("num_hidden_layers", config.numHiddenLayers);
  config.numAttentionHeads = get("num_attention_heads", config.numAttentionHeads);
  config.intermediateSize = get("intermediate_size", config.intermediateSize);
  config.maxPositionEmbeddings = get("max_position_embeddings", config.maxPositionEmbeddings);
  config.typeVocabSize = get("type_vocab_size", config.typeVocabSize);
  config.hiddenAct = get("hidden_act", config.hiddenAct);
  config.layerNormEps = get("layer_norm_eps", config.layerNormEps);
  config.hiddenDropoutProb = get("hidden_dropout_prob", config.hiddenDropoutProb);
  config.attentionProbsDropoutProb =
      get("attention_probs_dropout_prob", config.attentionProbsDropoutProb);
  config.initializerRange = get("initializer_range", config.initializerRange);
  config.padTokenId =
      get("pad_token_id", config.usesPaddingOffsetPositions() ? std::int64_t{1} : std::int64_t{0});
  config.positionEmbeddingType = get("position_embedding_type", config.positionEmbeddingType);

  const auto positive = [&](const char* key, std::int64_t value) {
    if (value <= 0)
      throw InputError(file.string(), fmt::format("\"{}\" must be positive, is {}", key, value));
  };
  positive("vocab_size", config.vocabSize);
  positive("hidden_size", config.hiddenSize);
  positive("num_hidden_layers", config.numHiddenLayers);
  positive("num_attention_heads", config.numAttentionHeads);
  positive("intermediate_size", config.intermediateSize);
  positive("max_position_embeddings", config.maxPositionEmbeddings);
  if (config.hiddenSize % config.numAttentionHeads != 0) {
    throw InputError(file.string(), fmt::format("hidden_size {} is not a multiple of "
                                                "num_attention_heads {}",
                                                config.hiddenSize, config.numAttentionHeads));
  }
  if (config.hiddenAct != "gelu" && config.hiddenAct != "gelu_new" &&
      config.hiddenAct != "gelu_pytorch_tanh" && config.hiddenAct != "relu") {
    throw InputError(file.string(), "hidden_act \"" + config.hiddenAct + "\" is not supported");
  }
  if (config.positionEmbeddingType != "absolute") {
    throw InputError(file.string(), "position_embedding_type \"" + config.positionEmbeddingType +
                                        "\" is not supported (only absolute)");
  }
  return config;
}

nlohmann::json EncoderConfig::toJson() const {
  nlohmann::json json = raw.is_object() ? raw : nlohmann::json::object();
  json["model_type"] = modelType;
  json["vocab_size"] = vocabSize;
  json["hidden_size"] = hiddenSize;
  json["num_hidden_layers"] = numHiddenLayers;
  json["num_attention_heads"] = numAttentionHeads;
  json["intermediate_size"] = intermediateSize;
  json["max_position_embeddings"] = maxPositionEmbeddings;
  json["type_vocab_size"] = typeVocabSize;
  json["hidden_act"] = hiddenAct;
  json["layer_norm_eps"] = layerNormEps;
  json["hidden_dropout_prob"] = hiddenDropoutProb;
  json["attention_probs_dropout_prob"] = attentionProbsDropoutProb;
  json["initializer_range"] = initializerRange;
  json["pad_token_id"] = padTokenId;
  json["position_embedding_type"] = positionEmbeddingType;
  return json;
}

void EncoderConfig::save(const std::filesystem::path& file) const {
  writeFileAtomically(file, toJson().dump(2) + "\n");
}

bool EncoderConfig::createdByInitModel() const {
  const auto found = raw.find("created_by");
  return found != raw.end() && found->is_string() &&
         found->get<std::string>().find(" init-model") != std::string::npos;
}

}  // namespace embedlab::model

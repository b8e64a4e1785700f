#include "core/model/encoder_config.h"

#include <fmt/format.h>

#include <fstream>

#include "core/common/error.h"
#include "core/common/version.h"
#include "core/data/atomic_file.h"

namespace embedlab::model {

namespace {

// Reads typed fields of one config file, with the file and the key in every error.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& raw, const std::string& file) : raw_(raw), file_(file) {}

  template <typename T>
  T get(const char* key, T fallback) const {
    if (!raw_.contains(key) || raw_.at(key).is_null()) return fallback;
    try {
      return raw_.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
      throw InputError(file_, fmt::format("field \"{}\" has the wrong type", key));
    }
  }

  [[noreturn]] void fail(const std::string& message) const { throw InputError(file_, message); }

 private:
  const nlohmann::json& raw_;
  const std::string& file_;
};

bool supportedActivation(const std::string& name) {
  return name == "gelu" || name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "relu";
}

// BERT, RoBERTa, XLM-R and MPNet share BERT's key names.
void readBertStyle(EncoderConfig& config, const FieldReader& field) {
  const bool mpnet = config.isMpnet();
  if (mpnet) config.vocabSize = 30527;
  config.vocabSize = field.get("vocab_size", config.vocabSize);
  config.hiddenSize = field.get("hidden_size", config.hiddenSize);
  config.numHiddenLayers = field.get("num_hidden_layers", config.numHiddenLayers);
  config.numAttentionHeads = field.get("num_attention_heads", config.numAttentionHeads);
  config.intermediateSize = field.get("intermediate_size", config.intermediateSize);
  config.maxPositionEmbeddings = field.get("max_position_embeddings", config.maxPositionEmbeddings);
  config.typeVocabSize = mpnet ? 0 : field.get("type_vocab_size", config.typeVocabSize);
  config.hiddenAct = field.get("hidden_act", config.hiddenAct);
  config.layerNormEps = field.get("layer_norm_eps", config.layerNormEps);
  config.hiddenDropoutProb = field.get("hidden_dropout_prob", config.hiddenDropoutProb);
  config.attentionProbsDropoutProb =
      field.get("attention_probs_dropout_prob", config.attentionProbsDropoutProb);
  config.initializerRange = field.get("initializer_range", config.initializerRange);
  config.padTokenId =
      field.get("pad_token_id", config.usesPaddingOffsetPositions() ? std::int64_t{1} : 0);
  if (mpnet) {
    config.relativeAttentionNumBuckets =
        field.get("relative_attention_num_buckets", config.relativeAttentionNumBuckets);
    if (config.relativeAttentionNumBuckets != 32) {
      // transformers' MPNetEncoder always buckets relative positions into 32 buckets.
      field.fail(fmt::format("relative_attention_num_buckets is {}; MPNet computes 32 buckets",
                             config.relativeAttentionNumBuckets));
    }
  } else {
    config.positionEmbeddingType =
        field.get("position_embedding_type", config.positionEmbeddingType);
    if (config.positionEmbeddingType != "absolute") {
      field.fail("position_embedding_type \"" + config.positionEmbeddingType +
                 "\" is not supported (only absolute)");
    }
  }
}

// One rotary base of ModernBERT's rope_parameters (transformers 5) for a layer kind.
double ropeTheta(const nlohmann::json& raw, const char* kind, double fallback,
                 const FieldReader& field) {
  const auto parameters = raw.find("rope_parameters");
  if (parameters == raw.end() || !parameters->is_object() || !parameters->contains(kind))
    return fallback;
  const nlohmann::json& entry = parameters->at(kind);
  const std::string type = entry.value("rope_type", std::string("default"));
  if (type != "default") {
    field.fail(
        fmt::format("rope_parameters.{}.rope_type \"{}\" is not supported (only default "
                    "rotary embeddings)",
                    kind, type));
  }
  if (!entry.contains("rope_theta") || !entry.at("rope_theta").is_number()) return fallback;
  return entry.at("rope_theta").get<double>();
}

void readModernBert(EncoderConfig& config, const FieldReader& field) {
  const nlohmann::json& raw = config.raw;
  config.vocabSize = field.get("vocab_size", std::int64_t{50368});
  config.hiddenSize = field.get("hidden_size", std::int64_t{768});
  config.numHiddenLayers = field.get("num_hidden_layers", std::int64_t{22});
  config.numAttentionHeads = field.get("num_attention_heads", std::int64_t{12});
  config.intermediateSize = field.get("intermediate_size", std::int64_t{1152});
  config.maxPositionEmbeddings = field.get("max_position_embeddings", std::int64_t{8192});
  config.typeVocabSize = 0;
  config.hiddenAct = field.get("hidden_activation", std::string("gelu"));
  config.layerNormEps = field.get("norm_eps", 1e-5);
  config.hiddenDropoutProb = field.get("mlp_dropout", 0.0);
  config.attentionProbsDropoutProb = field.get("attention_dropout", 0.0);
  config.embeddingDropout = field.get("embedding_dropout", 0.0);
  config.initializerRange = field.get("initializer_range", 0.02);
  config.initializerCutoffFactor = field.get("initializer_cutoff_factor", 2.0);
  config.padTokenId = field.get("pad_token_id", std::int64_t{50283});
  config.normBias = field.get("norm_bias", false);
  config.attentionBias = field.get("attention_bias", false);
  config.mlpBias = field.get("mlp_bias", false);
  config.localAttention = field.get("local_attention", std::int64_t{128});
  config.globalRopeTheta = field.get("global_rope_theta", 160000.0);
  config.localRopeTheta = field.get("local_rope_theta", 10000.0);
  config.globalRopeTheta = ropeTheta(raw, "full_attention", config.globalRopeTheta, field);
  config.localRopeTheta = ropeTheta(raw, "sliding_attention", config.localRopeTheta, field);
  config.classifierPooling = field.get("classifier_pooling", std::string("cls"));
  config.classifierActivation = field.get("classifier_activation", std::string("gelu"));
  config.classifierBias = field.get("classifier_bias", false);
  config.globalAttnEveryNLayers = field.get("global_attn_every_n_layers", std::int64_t{3});
  if (config.globalAttnEveryNLayers <= 0) {
    field.fail(fmt::format("\"global_attn_every_n_layers\" must be positive, is {}",
                           config.globalAttnEveryNLayers));
  }
  config.localLayers.clear();
  if (raw.contains("layer_types") && raw.at("layer_types").is_array()) {
    for (const auto& type : raw.at("layer_types")) {
      const std::string name = type.is_string() ? type.get<std::string>() : std::string();
      if (name != "full_attention" && name != "sliding_attention") {
        field.fail("layer_types holds " + type.dump() +
                   "; ModernBERT layers are full_attention or sliding_attention");
      }
      config.localLayers.push_back(name == "sliding_attention");
    }
    if (static_cast<std::int64_t>(config.localLayers.size()) != config.numHiddenLayers) {
      field.fail(fmt::format("layer_types names {} layers, num_hidden_layers is {}",
                             config.localLayers.size(), config.numHiddenLayers));
    }
  } else {
    for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
      config.localLayers.push_back(i % config.globalAttnEveryNLayers != 0);
  }
  if (config.localAttention <= 0 || config.localAttention % 2 != 0) {
    field.fail(fmt::format("\"local_attention\" must be a positive even window, is {}",
                           config.localAttention));
  }
  if (config.classifierPooling != "cls" && config.classifierPooling != "mean") {
    field.fail("classifier_pooling \"" + config.classifierPooling + "\" is not cls or mean");
  }
  if (!supportedActivation(config.classifierActivation)) {
    field.fail("classifier_activation \"" + config.classifierActivation + "\" is not supported");
  }
  if ((config.hiddenSize / std::max<std::int64_t>(config.numAttentionHeads, 1)) % 2 != 0) {
    field.fail("the attention head size must be even for rotary position embeddings");
  }
}

}  // namespace

const char* supportedModelTypes() {
  return "bert, roberta, xlm-roberta, mpnet and modernbert";
}

EncoderConfig EncoderConfig::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "cannot be read (a model folder needs config.json)");
  nlohmann::json raw;
  try {
    raw = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file.string(), std::string("invalid JSON: ") + error.what());
  }
  return fromJson(raw, file.string());
}

EncoderConfig EncoderConfig::fromJson(const nlohmann::json& json, const std::string& file) {
  if (!json.is_object()) throw InputError(file, "is not a JSON object");
  EncoderConfig config;
  config.raw = json;
  const FieldReader field(config.raw, file);
  config.modelType = field.get("model_type", std::string());
  if (config.modelType != "bert" && config.modelType != "roberta" &&
      config.modelType != "xlm-roberta" && config.modelType != "mpnet" &&
      config.modelType != "modernbert") {
    field.fail(
        fmt::format("model_type \"{}\" is not supported; EmbedLab runs {} encoders (E5, "
                    "BGE, MiniLM, all-mpnet-base-v2, multilingual-e5, bge-m3, "
                    "modernbert-embed, gte-modernbert, ...)",
                    config.modelType, supportedModelTypes()));
  }
  if (config.isModernBert()) {
    readModernBert(config, field);
  } else {
    readBertStyle(config, field);
  }

  const auto positive = [&](const char* key, std::int64_t value) {
    if (value <= 0) field.fail(fmt::format("\"{}\" must be positive, is {}", key, value));
  };
  positive("vocab_size", config.vocabSize);
  positive("hidden_size", config.hiddenSize);
  positive("num_hidden_layers", config.numHiddenLayers);
  positive("num_attention_heads", config.numAttentionHeads);
  positive("intermediate_size", config.intermediateSize);
  positive("max_position_embeddings", config.maxPositionEmbeddings);
  if (config.hiddenSize % config.numAttentionHeads != 0) {
    field.fail(fmt::format("hidden_size {} is not a multiple of num_attention_heads {}",
                           config.hiddenSize, config.numAttentionHeads));
  }
  if (!supportedActivation(config.hiddenAct)) {
    field.fail(fmt::format("{} \"{}\" is not supported (gelu, gelu_new, gelu_pytorch_tanh, relu)",
                           config.isModernBert() ? "hidden_activation" : "hidden_act",
                           config.hiddenAct));
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
  json["initializer_range"] = initializerRange;
  json["pad_token_id"] = padTokenId;
  if (isModernBert()) {
    json["hidden_activation"] = hiddenAct;
    json["norm_eps"] = layerNormEps;
    json["mlp_dropout"] = hiddenDropoutProb;
    json["attention_dropout"] = attentionProbsDropoutProb;
    json["embedding_dropout"] = embeddingDropout;
    json["initializer_cutoff_factor"] = initializerCutoffFactor;
    json["norm_bias"] = normBias;
    json["attention_bias"] = attentionBias;
    json["mlp_bias"] = mlpBias;
    json["local_attention"] = localAttention;
    json["global_attn_every_n_layers"] = globalAttnEveryNLayers;
    if (json.contains("layer_types")) {
      nlohmann::json types = nlohmann::json::array();
      for (const bool local : localLayers)
        types.push_back(local ? "sliding_attention" : "full_attention");
      json["layer_types"] = types;
    }
    if (json.contains("rope_parameters") && json["rope_parameters"].is_object()) {
      json["rope_parameters"]["full_attention"]["rope_theta"] = globalRopeTheta;
      json["rope_parameters"]["sliding_attention"]["rope_theta"] = localRopeTheta;
    } else {
      json["global_rope_theta"] = globalRopeTheta;
      json["local_rope_theta"] = localRopeTheta;
    }
    json["classifier_pooling"] = classifierPooling;
    json["classifier_activation"] = classifierActivation;
    json["classifier_bias"] = classifierBias;
    return json;
  }
  json["hidden_act"] = hiddenAct;
  json["layer_norm_eps"] = layerNormEps;
  json["hidden_dropout_prob"] = hiddenDropoutProb;
  json["attention_probs_dropout_prob"] = attentionProbsDropoutProb;
  if (isMpnet()) {
    json["relative_attention_num_buckets"] = relativeAttentionNumBuckets;
  } else {
    json["type_vocab_size"] = typeVocabSize;
    json["position_embedding_type"] = positionEmbeddingType;
  }
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

void EncoderConfig::markTrainedBy(const std::string& command) {
  raw["created_by"] = fmt::format("embedlab {} {}", kVersion, command);
}

}  // namespace embedlab::model

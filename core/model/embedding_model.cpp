#include "core/model/embedding_model.h"

#include "core/model/hub_cache.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <numeric>
#include <set>

#include "core/common/error.h"
#include "core/common/parallel_for.h"
#include "core/common/version.h"
#include "core/model/checkpoint.h"
#include "core/model/sentence_transformers_metadata.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/model/torch/int8_linear.h"
#include "core/model/torch/linear.h"
#include "core/runtime/cpu_features.h"

namespace embedlab::model {

namespace {

const char* const kTokenizerFiles[] = {
    "tokenizer.json",          "tokenizer_config.json", "special_tokens_map.json", "vocab.txt",
    "sentencepiece.bpe.model", "spiece.model",          "added_tokens.json"};

// Tensors of task heads that checkpoints carry next to the encoder; an embedding model ignores
// them.
const char* const kHeadPrefixes[] = {"cls.",   "lm_head.",        "classifier.", "qa_outputs.",
                                     "score.", "pre_classifier.", "head.",       "decoder."};

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The prefix a checkpoint puts before the encoder's names ("" for BertModel files, "bert.",
// "roberta.", "mpnet." or "model." for checkpoints of models with heads), found from the
// word-embedding matrix's name (`marker`).
std::string encoderPrefix(const Checkpoint& checkpoint, const std::string& marker) {
  for (const TensorInfo* tensor : checkpoint.tensors()) {
    if (endsWith(tensor->name, marker))
      return tensor->name.substr(0, tensor->name.size() - marker.size());
  }
  return {};
}

// Older BERT checkpoints name LayerNorm parameters gamma/beta.
const TensorInfo* findParameter(const Checkpoint& checkpoint, const std::string& name) {
  if (const TensorInfo* found = checkpoint.find(name)) return found;
  if (endsWith(name, "LayerNorm.weight"))
    return checkpoint.find(name.substr(0, name.size() - 6) + "gamma");
  if (endsWith(name, "LayerNorm.bias"))
    return checkpoint.find(name.substr(0, name.size() - 4) + "beta");
  return nullptr;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  return fmt::format("[{}]", fmt::join(shape, ", "));
}

std::string listText(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 8;
  std::string text;
  for (std::size_t i = 0; i < std::min(kShown, names.size()); ++i)
    text += (i ? ", " : "") + names[i];
  if (names.size() > kShown) text += fmt::format(" and {} more", names.size() - kShown);
  return text;
}

torch::Device parseDevice(const std::string& name) {
  try {
    torch::Device device(name);
    if (device.is_cuda() && !torch::cuda::is_available()) {
      throw UsageError("device " + name +
                       " requested, but LibTorch sees no CUDA device (this build or machine is "
                       "CPU-only)");
    }
    if (device.is_cuda() && device.has_index() &&
        device.index() >= static_cast<int>(torch::cuda::device_count())) {
      throw UsageError(
          fmt::format("device {} requested, but only {} CUDA device(s) are visible "
                      "(CUDA_VISIBLE_DEVICES applies)",
                      name, torch::cuda::device_count()));
    }
    return device;
  } catch (const c10::Error&) {
    throw UsageError("unknown device \"" + name + "\" (use cpu, cuda or cuda:N)");
  }
}

// "auto" (every visible GPU, else the CPU), "cpu", "cuda:1", "cuda" (every visible GPU), or a
// comma-separated list of these.
std::vector<torch::Device> parseDevices(const std::string& spec) {
  std::vector<torch::Device> devices;
  if (spec == "auto") {
    if (!torch::cuda::is_available()) return {torch::kCPU};
    for (std::size_t i = 0; i < torch::cuda::device_count(); ++i) {
      devices.emplace_back(torch::kCUDA, static_cast<c10::DeviceIndex>(i));
    }
    return devices;
  }
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t end = std::min(spec.find(',', start), spec.size());
    const std::string name = spec.substr(start, end - start);
    if (name == "cuda") {
      parseDevice(name);  // fails with a clear message on CPU-only machines
      for (std::size_t i = 0; i < torch::cuda::device_count(); ++i) {
        devices.emplace_back(torch::kCUDA, static_cast<c10::DeviceIndex>(i));
      }
    } else {
      devices.push_back(parseDevice(name));
    }
    start = end + 1;
  }
  return devices;
}

// Each Dense module's weights (linear.weight, linear.bias) from its folder's checkpoint, after
// checking that the modules chain from the encoder's hidden size.
void loadDenseWeights(const std::filesystem::path& folder, EmbeddingModel::Impl& impl);

}  // namespace

std::string_view poolingName(Pooling pooling) {
  switch (pooling) {
    case Pooling::Cls: return "cls";
    case Pooling::Mean: return "mean";
    case Pooling::LastToken: return "lasttoken";
  }
  return "mean";
}

std::optional<Pooling> parsePooling(std::string_view name) {
  if (name == "cls") return Pooling::Cls;
  if (name == "mean") return Pooling::Mean;
  if (name == "lasttoken" || name == "last-token" || name == "last_token")
    return Pooling::LastToken;
  return std::nullopt;
}

torch::ScalarType scalarTypeOf(DType dtype) {
  switch (dtype) {
    case DType::F64: return torch::kDouble;
    case DType::F32: return torch::kFloat;
    case DType::F16: return torch::kHalf;
    case DType::BF16: return torch::kBFloat16;
    case DType::I64: return torch::kLong;
    case DType::I32: return torch::kInt;
    case DType::I16: return torch::kShort;
    case DType::I8: return torch::kChar;
    case DType::U8: return torch::kByte;
    case DType::Bool: return torch::kBool;
  }
  return torch::kFloat;
}

DType dtypeOf(torch::ScalarType type) {
  switch (type) {
    case torch::kDouble: return DType::F64;
    case torch::kHalf: return DType::F16;
    case torch::kBFloat16: return DType::BF16;
    case torch::kLong: return DType::I64;
    case torch::kInt: return DType::I32;
    case torch::kShort: return DType::I16;
    case torch::kChar: return DType::I8;
    case torch::kByte: return DType::U8;
    case torch::kBool: return DType::Bool;
    default: return DType::F32;
  }
}

torch::Tensor pool(const torch::Tensor& hidden, const torch::Tensor& mask, Pooling pooling) {
  switch (pooling) {
    case Pooling::Cls: return hidden.select(1, 0);
    case Pooling::Mean: {
      const torch::Tensor weights = mask.to(hidden.scalar_type()).unsqueeze(-1);
      return (hidden * weights).sum(1) / weights.sum(1).clamp_min(1e-9);
    }
    case Pooling::LastToken: {
      const torch::Tensor last = (mask.to(torch::kLong).sum(1) - 1).clamp_min(0);
      return hidden.index({torch::arange(hidden.size(0), last.options()), last});
    }
  }
  return hidden.select(1, 0);
}

BatchTensors toTensors(const std::vector<text::Encoding>& padded, const torch::Device& device) {
  const auto batch = static_cast<std::int64_t>(padded.size());
  const auto length = static_cast<std::int64_t>(padded.empty() ? 0 : padded.front().size());
  BatchTensors tensors;
  tensors.inputIds = torch::empty({batch, length}, torch::kLong);
  tensors.attentionMask = torch::empty({batch, length}, torch::kLong);
  tensors.tokenTypeIds = torch::empty({batch, length}, torch::kLong);
  auto ids = tensors.inputIds.accessor<std::int64_t, 2>();
  auto mask = tensors.attentionMask.accessor<std::int64_t, 2>();
  auto types = tensors.tokenTypeIds.accessor<std::int64_t, 2>();
  for (std::int64_t row = 0; row < batch; ++row) {
    const text::Encoding& encoding = padded[static_cast<std::size_t>(row)];
    for (std::int64_t column = 0; column < length; ++column) {
      const auto c = static_cast<std::size_t>(column);
      ids[row][column] = encoding.ids[c];
      mask[row][column] = encoding.attentionMask[c];
      types[row][column] = encoding.typeIds[c];
    }
  }
  if (device != torch::kCPU) {
    tensors.inputIds = tensors.inputIds.to(device);
    tensors.attentionMask = tensors.attentionMask.to(device);
    tensors.tokenTypeIds = tensors.tokenTypeIds.to(device);
  }
  return tensors;
}

torch::Tensor EmbeddingModel::Impl::embed(const torch::Tensor& inputIds,
                                          const torch::Tensor& attentionMask,
                                          const torch::Tensor& tokenTypeIds,
                                          std::size_t replica) const {
  return embedWith(replica == 0 ? network : replicas.at(replica - 1), inputIds, attentionMask,
                   tokenTypeIds);
}

torch::Tensor EmbeddingModel::Impl::embedWith(EmbedderNetwork& net, const torch::Tensor& inputIds,
                                              const torch::Tensor& attentionMask,
                                              const torch::Tensor& tokenTypeIds) const {
  // Types beyond the model's type vocabulary (XLM-R has one) fall back to 0.
  torch::Tensor types = tokenTypeIds;
  if (types.defined() && config.typeVocabSize <= 1) types = torch::zeros_like(types);
  // CLS pooling reads the first token alone: the last layer computes no other row's output.
  torch::Tensor hidden =
      net->encoder->forward(inputIds, attentionMask, types, pooling == Pooling::Cls);
  // The bf16 copy's encoder: pooling, the Dense layers and normalisation run in float32.
  if (hidden.scalar_type() == torch::kBFloat16) hidden = hidden.to(torch::kFloat);
  torch::Tensor pooled = net->project(model::pool(hidden, attentionMask, pooling));
  if (normalize)
    pooled = torch::nn::functional::normalize(
        pooled, torch::nn::functional::NormalizeFuncOptions().p(2).dim(-1));
  return pooled;
}

EmbeddingModel EmbeddingModel::load(const std::filesystem::path& folderOrId,
                                    const LoadOptions& options) {
  const std::filesystem::path folder =
      resolveModelFolder(folderOrId.string(), options.revision);  // or a hub id
  if (!std::filesystem::is_directory(folder)) {
    throw InputError(folder.string(), "is not a folder (a model is a Hugging Face model folder)");
  }
  auto impl = std::make_shared<Impl>();
  impl->config = EncoderConfig::load(folder / "config.json");
  impl->tokenizer.emplace(text::Tokenizer::load(folder));
  impl->tokenizerFolder = folder;
  impl->devices = parseDevices(options.device);
  impl->device = impl->devices.front();
  const Checkpoint checkpoint(folder);
  const std::string prefix = encoderPrefix(checkpoint, impl->config.wordEmbeddingName());
  const bool withPooler =
      !impl->config.isModernBert() && checkpoint.find(prefix + "pooler.dense.weight") != nullptr;
  impl->module = makeEncoder(impl->config, withPooler);

  std::vector<std::string> missing;
  std::vector<std::string> misshaped;
  std::set<std::string> used;
  {
    torch::NoGradGuard noGrad;
    for (auto& item : impl->module->named_parameters()) {
      const std::string& name = item.key();
      torch::Tensor& parameter = item.value();
      const TensorInfo* tensor = findParameter(checkpoint, prefix + name);
      if (tensor == nullptr) {
        missing.push_back(name);
        continue;
      }
      used.insert(tensor->name);
      if (tensor->shape != parameter.sizes().vec()) {
        misshaped.push_back(fmt::format("{} is {} in the checkpoint, config.json implies {}", name,
                                        shapeText(tensor->shape),
                                        shapeText(parameter.sizes().vec())));
        continue;
      }
      if (!isFloatingPoint(tensor->dtype)) {
        misshaped.push_back(fmt::format("{} has dtype {}, expected a floating-point type", name,
                                        dtypeName(tensor->dtype)));
        continue;
      }
      const torch::Tensor source =
          torch::from_blob(const_cast<std::byte*>(checkpoint.data(*tensor)), tensor->shape,
                           torch::TensorOptions().dtype(scalarTypeOf(tensor->dtype)));
      parameter.copy_(source);  // converts F16/BF16 to the module's float32
      impl->checkpointDTypes[name] = tensor->dtype;
    }
  }
  std::vector<std::string> unexpected;
  for (const TensorInfo* tensor : checkpoint.tensors()) {
    if (used.count(tensor->name) != 0) continue;
    const bool encoderTensor = tensor->name.compare(0, prefix.size(), prefix) == 0;
    const std::string local = encoderTensor ? tensor->name.substr(prefix.size()) : tensor->name;
    const bool head = std::any_of(
        std::begin(kHeadPrefixes), std::end(kHeadPrefixes),
        [&](const char* name) { return local.compare(0, std::strlen(name), name) == 0; });
    if (!encoderTensor || head || endsWith(local, ".position_ids")) {
      impl->ignoredTensors.push_back(tensor->name);  // task heads and buffers
    } else {
      unexpected.push_back(tensor->name);
    }
  }
  if (!missing.empty() || !misshaped.empty() || !unexpected.empty()) {
    std::string message = "does not hold the encoder config.json describes:";
    if (!missing.empty())
      message += fmt::format(" missing tensors ({}): {};", missing.size(), listText(missing));
    if (!misshaped.empty()) message += fmt::format(" misshaped tensors: {};", listText(misshaped));
    if (!unexpected.empty())
      message +=
          fmt::format(" unexpected tensors ({}): {};", unexpected.size(), listText(unexpected));
    message.pop_back();
    throw InputError(folder.string(), message);
  }

  const SentenceTransformersMetadata metadata = readSentenceTransformersMetadata(folder);
  impl->pooling = options.pooling.value_or(metadata.pooling.value_or(Pooling::Mean));
  impl->normalize = options.normalize.value_or(metadata.normalize.value_or(true));
  impl->prompts = metadata.prompts;
  impl->defaultPromptName = metadata.defaultPromptName;
  impl->denseModules = metadata.dense;
  impl->assembleNetwork();
  loadDenseWeights(folder, *impl);
  const std::int64_t positions = impl->config.maxInputTokens();
  impl->maxSequenceLength = std::min<std::size_t>(
      metadata.maxSequenceLength.value_or(static_cast<std::size_t>(positions)),
      static_cast<std::size_t>(positions));
  impl->network->to(impl->device);
  impl->network->eval();
  impl->createReplicas();
  return EmbeddingModel(std::move(impl));
}

void EmbeddingModel::Impl::assembleNetwork() {
  network = EmbedderNetwork(module, denseModules);
}

SentenceTransformersMetadata EmbeddingModel::Impl::sentenceTransformersMetadata() const {
  SentenceTransformersMetadata metadata;
  metadata.pooling = pooling;
  metadata.normalize = normalize;
  metadata.dense = denseModules;
  metadata.prompts = prompts;
  metadata.defaultPromptName = defaultPromptName;
  metadata.maxSequenceLength = maxSequenceLength;
  return metadata;
}

namespace {

void loadDenseWeights(const std::filesystem::path& folder, EmbeddingModel::Impl& impl) {
  std::int64_t features = impl.config.hiddenSize;
  torch::NoGradGuard noGrad;
  for (std::size_t i = 0; i < impl.denseModules.size(); ++i) {
    const DenseModule& spec = impl.denseModules[i];
    const auto moduleFolder = folder / spec.path;
    if (spec.inFeatures != features) {
      throw InputError((moduleFolder / "config.json").string(),
                       fmt::format("has in_features {}, but the vectors before it have {}",
                                   spec.inFeatures, features));
    }
    features = spec.outFeatures;
    const Checkpoint checkpoint(moduleFolder);
    std::size_t used = 0;
    for (auto& item : impl.network->dense[i]->named_parameters()) {
      const TensorInfo* tensor = checkpoint.find(item.key());
      if (tensor == nullptr || tensor->shape != item.value().sizes().vec() ||
          !isFloatingPoint(tensor->dtype)) {
        throw InputError(moduleFolder.string(),
                         fmt::format("has no floating-point tensor {} of shape {}", item.key(),
                                     shapeText(item.value().sizes().vec())));
      }
      item.value().copy_(
          torch::from_blob(const_cast<std::byte*>(checkpoint.data(*tensor)), tensor->shape,
                           torch::TensorOptions().dtype(scalarTypeOf(tensor->dtype))));
      ++used;
    }
    if (used != checkpoint.tensors().size()) {
      throw InputError(moduleFolder.string(), fmt::format("holds {} tensors; a Dense module has {}",
                                                          checkpoint.tensors().size(), used));
    }
  }
}

}  // namespace

EmbedderNetwork EmbeddingModel::Impl::copyOfNetwork() const {
  EmbedderNetwork copy(makeEncoder(config, module->hasPooler()), denseModules);
  torch::NoGradGuard noGrad;
  const auto source = network->named_parameters();
  for (auto& item : copy->named_parameters())
    item.value().copy_(source[item.key()]);
  copy->eval();
  return copy;
}

EmbedderNetwork& EmbeddingModel::Impl::cpuInferenceCopy(CpuPrecision precision) const {
  const std::lock_guard<std::mutex> lock(inferenceCopiesMutex);
  std::int64_t version = 0;
  for (const torch::Tensor& parameter : network->parameters()) {
    // Inference tensors (a model made under InferenceMode) have no version counter, and
    // cannot be changed outside InferenceMode.
    if (!parameter.is_inference()) version += static_cast<std::int64_t>(parameter._version());
  }
  InferenceCopy& copy = inferenceCopies[precision];
  if (copy.network && copy.version == version) return copy.network;
  copy.network = copyOfNetwork();
  if (precision == CpuPrecision::Bf16) {
    copy.network->encoder->to(torch::kBFloat16);
  } else {
    quantizeLinearLayersToInt8(*copy.network->encoder);
  }
  copy.version = version;
  return copy.network;
}

void EmbeddingModel::Impl::createReplicas() {
  replicas.clear();
  for (std::size_t d = 1; d < devices.size(); ++d) {
    EmbedderNetwork replica = copyOfNetwork();
    replica->to(devices[d]);
    replicas.push_back(replica);
  }
}

namespace {

// The config.json init-model writes for `options.architecture`, sized for `tokenizer`.
EncoderConfig randomModelConfig(const RandomModelOptions& options,
                                const text::Tokenizer& tokenizer) {
  const std::string& architecture = options.architecture;
  if (architecture != "bert" && architecture != "xlm-roberta" && architecture != "mpnet" &&
      architecture != "modernbert") {
    throw UsageError("--arch must be bert, xlm-roberta, mpnet or modernbert, not " + architecture);
  }
  if (options.hidden % options.heads != 0) {
    throw UsageError(
        fmt::format("--hidden {} is not a multiple of --heads {}", options.hidden, options.heads));
  }
  EncoderConfig config;
  config.modelType = architecture;
  config.vocabSize = static_cast<std::int64_t>(tokenizer.vocabSize());
  config.hiddenSize = options.hidden;
  config.numHiddenLayers = options.layers;
  config.numAttentionHeads = options.heads;
  config.intermediateSize = options.intermediate;
  config.padTokenId = tokenizer.padId();
  config.maxPositionEmbeddings = options.maxPositions;
  config.typeVocabSize = architecture == "bert" ? 2 : architecture == "xlm-roberta" ? 1 : 0;
  config.layerNormEps = architecture == "bert" ? 1e-12 : 1e-5;
  const char* modelClass = "BertModel";
  if (architecture == "xlm-roberta") {
    modelClass = "XLMRobertaModel";
    config.maxPositionEmbeddings += config.padTokenId + 1;
  } else if (architecture == "mpnet") {
    modelClass = "MPNetModel";
    if (config.padTokenId != 1) {
      throw UsageError(
          fmt::format("MPNet numbers positions from padding id 1, but the tokenizer's "
                      "padding token has id {} (use an MPNet tokenizer, e.g. "
                      "tests/data/mpnet-wordpiece)",
                      config.padTokenId));
    }
    config.maxPositionEmbeddings += 2;
  } else if (architecture == "modernbert") {
    modelClass = "ModernBertModel";
    config.hiddenDropoutProb = 0.0;  // ModernBERT trains without dropout
    config.attentionProbsDropoutProb = 0.0;
    if ((options.hidden / options.heads) % 2 != 0) {
      throw UsageError(
          fmt::format("--hidden / --heads is {}; rotary position embeddings need an "
                      "even head size",
                      options.hidden / options.heads));
    }
    for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
      config.localLayers.push_back(i % config.globalAttnEveryNLayers != 0);
  }
  config.raw = {
      {"architectures", nlohmann::json::array({modelClass})},
      {"torch_dtype", "float32"},
      {"created_by", fmt::format("embedlab {} init-model (seed {})", kVersion, options.seed)}};
  // The ids of the tokenizer's special tokens, under the keys transformers' configs use.
  const auto idOf = [&](std::initializer_list<const char*> tokens) -> std::optional<std::int64_t> {
    for (const char* token : tokens) {
      if (const auto id = tokenizer.tokenToId(token)) return static_cast<std::int64_t>(*id);
    }
    return std::nullopt;
  };
  if (architecture == "modernbert") {
    // The rest of what ModernBertConfig writes, so that the file reads like transformers' own.
    config.raw["classifier_dropout"] = 0.0;
    config.raw["decoder_bias"] = true;
    config.raw["deterministic_flash_attn"] = false;
    config.raw["sparse_prediction"] = false;
    config.raw["sparse_pred_ignore_index"] = -100;
    config.raw["tie_word_embeddings"] = true;
  }
  if (architecture != "bert") {
    const auto first = idOf({"<s>", "[CLS]"});
    const auto last = idOf({"</s>", "[SEP]"});
    if (first) config.raw["bos_token_id"] = *first;
    if (last) config.raw["eos_token_id"] = *last;
    if (architecture == "modernbert") {
      if (first) config.raw["cls_token_id"] = *first;
      if (last) config.raw["sep_token_id"] = *last;
    }
  }
  return config;
}

}  // namespace

EmbeddingModel EmbeddingModel::createRandom(const RandomModelOptions& options,
                                            const std::filesystem::path& tokenizerFolder) {
  auto impl = std::make_shared<Impl>();
  impl->tokenizer.emplace(text::Tokenizer::load(tokenizerFolder));
  impl->tokenizerFolder = tokenizerFolder;
  impl->config = randomModelConfig(options, *impl->tokenizer);
  // Only BERT's sequence-classification head reads a pooler; MPNetModel has one by default.
  const bool pooler =
      options.pooler && (options.architecture == "bert" || options.architecture == "mpnet");
  impl->module = makeEncoder(impl->config, pooler);
  impl->module->initialize(options.seed);
  for (const auto& item : impl->module->named_parameters()) {
    impl->checkpointDTypes[item.key()] = DType::F32;
  }
  impl->pooling = options.pooling;
  impl->normalize = options.normalize;
  impl->maxSequenceLength = static_cast<std::size_t>(options.maxPositions);
  impl->assembleNetwork();
  impl->network->eval();
  return EmbeddingModel(std::move(impl));
}

TensorData checkpointTensor(std::string name, const torch::Tensor& value, DType dtype,
                            std::vector<torch::Tensor>& keepAlive) {
  torch::Tensor cpu = value.detach().to(torch::kCPU, scalarTypeOf(dtype)).contiguous();
  keepAlive.push_back(cpu);
  TensorData data;
  data.name = std::move(name);
  data.dtype = dtype;
  data.shape = cpu.sizes().vec();
  data.bytes = std::string_view(static_cast<const char*>(cpu.data_ptr()),
                                static_cast<std::size_t>(cpu.nbytes()));
  return data;
}

std::vector<TensorData> EmbeddingModel::Impl::checkpointTensors(
    const std::string& prefix, std::vector<torch::Tensor>& keepAlive) const {
  std::vector<TensorData> tensors;
  for (const auto& item : module->named_parameters()) {
    const auto found = checkpointDTypes.find(item.key());
    const DType dtype = found == checkpointDTypes.end() ? DType::F32 : found->second;
    tensors.push_back(checkpointTensor(prefix + item.key(), item.value(), dtype, keepAlive));
  }
  return tensors;
}

void EmbeddingModel::Impl::copyTokenizerFiles(const std::filesystem::path& folder) const {
  std::error_code same;
  if (std::filesystem::equivalent(tokenizerFolder, folder, same)) return;
  for (const char* file : kTokenizerFiles) {
    const auto source = tokenizerFolder / file;
    if (std::filesystem::is_regular_file(source)) {
      std::filesystem::copy_file(source, folder / file,
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
}

void EmbeddingModel::save(const std::filesystem::path& folder) const {
  std::filesystem::create_directories(folder);
  impl_->config.save(folder / "config.json");
  std::vector<torch::Tensor> keepAlive;
  writeSafetensors(folder / "model.safetensors", impl_->checkpointTensors({}, keepAlive));
  for (std::size_t i = 0; i < impl_->denseModules.size(); ++i) {
    std::vector<TensorData> tensors;
    for (const auto& item : impl_->network->dense[i]->named_parameters())
      tensors.push_back(checkpointTensor(item.key(), item.value(), DType::F32, keepAlive));
    std::filesystem::create_directories(folder / impl_->denseModules[i].path);
    writeSafetensors(folder / impl_->denseModules[i].path / "model.safetensors",
                     std::move(tensors));
  }
  impl_->copyTokenizerFiles(folder);
  writeSentenceTransformersMetadata(folder, impl_->sentenceTransformersMetadata(),
                                    static_cast<std::size_t>(impl_->config.hiddenSize));
}

std::optional<CpuPrecision> cpuEncodingPrecision(const EncodeOptions& options) {
  static const bool nativeBf16 = detectCpuFeatures().nativeBf16();
  static const bool int8Available = Int8Linear::available();
  if (options.fp16) return std::nullopt;
  if (options.int8 && int8Available) return CpuPrecision::Int8;
  if ((options.bf16 || options.int8) && nativeBf16) return CpuPrecision::Bf16;
  return std::nullopt;
}

std::vector<float> EmbeddingModel::encode(const std::vector<std::string>& texts,
                                          const EncodeOptions& options) const {
  const std::size_t dimensions = dimension();
  std::vector<float> result(texts.size() * dimensions);
  if (texts.empty()) return result;
  text::TruncationOptions truncation;
  truncation.maxLength = std::min(options.maxLength, impl_->maxSequenceLength);
  std::vector<text::Encoding> encodings;
  if (options.prefix.empty()) {
    encodings = impl_->tokenizer->encodeBatch(texts, truncation);
  } else {
    std::vector<std::string> prefixed;
    prefixed.reserve(texts.size());
    for (const std::string& text : texts)
      prefixed.push_back(options.prefix + text);
    encodings = impl_->tokenizer->encodeBatch(prefixed, truncation);
  }
  // Longest first: batches of similar lengths waste little on padding, and a batch that does
  // not fit in memory fails at once rather than at the end.
  std::vector<std::size_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return encodings[a].size() > encodings[b].size();
  });
  const std::size_t batchSize = std::max<std::size_t>(1, options.batchSize);
  const std::size_t batches = (order.size() + batchSize - 1) / batchSize;
  std::mutex progressMutex;
  std::size_t done = 0;
  const std::optional<CpuPrecision> cpuCopy = cpuEncodingPrecision(options);
  // Device d runs batches d, d + D, d + 2D, ... (one thread per device when there are several).
  const auto runDevice = [&](std::size_t d) {
    torch::InferenceMode inference;
    // bf16 on the CPU runs a bf16 copy of the encoder, int8 an int8 copy (cpuEncodingPrecision);
    // on CUDA, bf16 and fp16 run under autocast.
    const bool cuda = impl_->devices[d].is_cuda();
    const bool cpuInt8Copy = !cuda && cpuCopy == CpuPrecision::Int8;
    const bool cpuBf16Copy = !cuda && cpuCopy == CpuPrecision::Bf16;
    const AutocastScope autocast(impl_->devices[d], options.fp16 && cuda,
                                 options.bf16 && !options.fp16 && cuda);
    for (std::size_t b = d; b < batches; b += impl_->devices.size()) {
      throwIfCancelled(options.cancel);
      const std::size_t start = b * batchSize;
      const std::size_t end = std::min(order.size(), start + batchSize);
      std::vector<text::Encoding> batch;
      batch.reserve(end - start);
      for (std::size_t i = start; i < end; ++i)
        batch.push_back(encodings[order[i]]);
      text::padEncodings(batch, impl_->tokenizer->padId(), std::nullopt,
                         impl_->tokenizer->padToken());
      const BatchTensors tensors = toTensors(batch, impl_->devices[d]);
      const torch::Tensor embedded =
          (cpuInt8Copy || cpuBf16Copy
               ? impl_->embedWith(
                     impl_->cpuInferenceCopy(cpuInt8Copy ? CpuPrecision::Int8 : CpuPrecision::Bf16),
                     tensors.inputIds, tensors.attentionMask, tensors.tokenTypeIds)
               : impl_->embed(tensors.inputIds, tensors.attentionMask, tensors.tokenTypeIds, d))
              .to(torch::kCPU, torch::kFloat)
              .contiguous();
      const float* rows = embedded.data_ptr<float>();
      for (std::size_t i = start; i < end; ++i) {
        std::copy_n(rows + (i - start) * dimensions, dimensions,
                    result.begin() + static_cast<std::ptrdiff_t>(order[i] * dimensions));
      }
      impl_->textsEncoded += end - start;
      const std::lock_guard<std::mutex> lock(progressMutex);
      done += end - start;
      reportProgress(options.progress, done, order.size(), "texts");
    }
  };
  if (impl_->devices.size() == 1) {
    runDevice(0);
  } else {
    parallelFor(impl_->devices.size(), static_cast<unsigned>(impl_->devices.size()), runDevice, 1);
  }
  return result;
}

std::size_t EmbeddingModel::dimension() const {
  return static_cast<std::size_t>(impl_->denseModules.empty()
                                      ? impl_->config.hiddenSize
                                      : impl_->denseModules.back().outFeatures);
}
Pooling EmbeddingModel::pooling() const {
  return impl_->pooling;
}
bool EmbeddingModel::normalizes() const {
  return impl_->normalize;
}
const EncoderConfig& EmbeddingModel::config() const {
  return impl_->config;
}
const text::Tokenizer& EmbeddingModel::tokenizer() const {
  return *impl_->tokenizer;
}
const std::map<std::string, std::string>& EmbeddingModel::prompts() const {
  return impl_->prompts;
}
void EmbeddingModel::setPrompts(std::map<std::string, std::string> prompts) {
  impl_->prompts = std::move(prompts);
}
const std::string& EmbeddingModel::defaultPromptName() const {
  return impl_->defaultPromptName;
}
std::string EmbeddingModel::promptFor(PromptRole role) const {
  return model::promptFor(impl_->prompts, impl_->defaultPromptName, role);
}
std::string EmbeddingModel::instructionOr(const std::string& given, PromptRole role) const {
  return given.empty() ? promptFor(role) : given;
}
std::size_t EmbeddingModel::maxSequenceLength() const {
  return impl_->maxSequenceLength;
}
const std::vector<std::string>& EmbeddingModel::ignoredTensors() const {
  return impl_->ignoredTensors;
}
std::uint64_t EmbeddingModel::textsEncoded() const {
  return impl_->textsEncoded.load();
}

}  // namespace embedlab::model

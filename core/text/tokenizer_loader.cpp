// Reading tokenizers from Hugging Face files: tokenizer.json, or a BERT vocab.txt with its
// tokenizer_config.json. Unsupported components are errors that name them.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/text/bpe.h"
#include "core/text/byte_level.h"
#include "core/text/pipeline.h"
#include "core/text/tokenizer.h"
#include "core/text/unicode_properties.h"
#include "core/text/unigram.h"
#include "core/text/wordpiece.h"

namespace embedlab::text {

namespace {

using Json = nlohmann::json;

// Reads JSON files and turns missing or mistyped fields into InputErrors naming the file.
class JsonReader {
 public:
  explicit JsonReader(std::filesystem::path file) : file_(std::move(file)) {}

  Json parse() const {
    std::ifstream in(file_, std::ios::binary);
    if (!in) throw InputError(file_.string(), "cannot be read");
    try {
      return Json::parse(in);
    } catch (const Json::parse_error& error) {
      throw InputError(file_.string(), std::string("invalid JSON: ") + error.what());
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(file_.string(), message);
  }

  const Json& field(const Json& object, const char* key, const char* where) const {
    if (!object.is_object() || !object.contains(key)) {
      fail(fmt::format("{} has no \"{}\"", where, key));
    }
    return object.at(key);
  }

  template <typename T>
  T value(const Json& object, const char* key, T fallback) const {
    if (!object.is_object() || !object.contains(key) || object.at(key).is_null()) return fallback;
    try {
      return object.at(key).get<T>();
    } catch (const Json::exception&) {
      fail(fmt::format("\"{}\" has the wrong type", key));
    }
  }

  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

std::unique_ptr<Normalizer> makeNormalizer(const JsonReader& reader, const Json& spec) {
  if (spec.is_null()) return nullptr;
  const std::string type = reader.value<std::string>(spec, "type", "");
  if (type == "BertNormalizer") {
    BertNormalizer::Options options;
    options.cleanText = reader.value<bool>(spec, "clean_text", true);
    options.handleChineseChars = reader.value<bool>(spec, "handle_chinese_chars", true);
    options.lowercase = reader.value<bool>(spec, "lowercase", true);
    // null strip_accents follows lowercase, as in BERT's original tokenizer.
    options.stripAccents = reader.value<bool>(spec, "strip_accents", options.lowercase);
    return std::make_unique<BertNormalizer>(options);
  }
  if (type == "Sequence") {
    std::vector<std::unique_ptr<Normalizer>> steps;
    for (const Json& step : reader.field(spec, "normalizers", "the Sequence normalizer")) {
      if (auto normalizer = makeNormalizer(reader, step)) steps.push_back(std::move(normalizer));
    }
    return std::make_unique<SequenceNormalizer>(std::move(steps));
  }
  if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
  if (type == "NFD") return std::make_unique<UnicodeNormalizer>(UnicodeNormalizer::Form::NFD);
  if (type == "NFKD") return std::make_unique<UnicodeNormalizer>(UnicodeNormalizer::Form::NFKD);
  if (type == "NFC") return std::make_unique<UnicodeNormalizer>(UnicodeNormalizer::Form::NFC);
  if (type == "NFKC") return std::make_unique<UnicodeNormalizer>(UnicodeNormalizer::Form::NFKC);
  if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
  if (type == "Precompiled") {
    return makePrecompiledNormalizer(reader.value<std::string>(spec, "precompiled_charsmap", ""),
                                     reader.file().string());
  }
  if (type == "Replace") {
    const Json& pattern = reader.field(spec, "pattern", "the Replace normalizer");
    const std::string content = reader.value<std::string>(spec, "content", "");
    if (pattern.contains("String")) {
      return makeReplaceNormalizer(pattern.at("String").get<std::string>(), false, content);
    }
    if (pattern.contains("Regex")) {
      return makeReplaceNormalizer(pattern.at("Regex").get<std::string>(), true, content);
    }
    reader.fail("the Replace normalizer's pattern is neither String nor Regex");
  }
  reader.fail(
      fmt::format("normalizer \"{}\" is not supported (supported: BertNormalizer, "
                  "Sequence, Lowercase, NFC, NFD, NFKC, NFKD, StripAccents, Precompiled, "
                  "Replace)",
                  type));
}

std::unique_ptr<PreTokenizer> makePreTokenizer(const JsonReader& reader, const Json& spec) {
  if (spec.is_null()) return nullptr;
  const std::string type = reader.value<std::string>(spec, "type", "");
  if (type == "BertPreTokenizer") return std::make_unique<BertPreTokenizer>();
  if (type == "WhitespaceSplit") return std::make_unique<WhitespaceSplitPreTokenizer>();
  if (type == "ByteLevel") {
    return std::make_unique<ByteLevelPreTokenizer>(
        reader.value<bool>(spec, "add_prefix_space", true),
        reader.value<bool>(spec, "use_regex", true));
  }
  if (type == "Metaspace") {
    const std::u32string replacement =
        unicode::decodeUtf8(reader.value<std::string>(spec, "replacement", "\u2581"));
    if (replacement.size() != 1) reader.fail("Metaspace replacement must be one character");
    // Older files say add_prefix_space instead of prepend_scheme.
    std::string scheme = reader.value<std::string>(spec, "prepend_scheme", "");
    if (scheme.empty())
      scheme = reader.value<bool>(spec, "add_prefix_space", true) ? "always" : "never";
    const auto prepend = scheme == "always"  ? MetaspacePreTokenizer::Prepend::Always
                         : scheme == "first" ? MetaspacePreTokenizer::Prepend::First
                                             : MetaspacePreTokenizer::Prepend::Never;
    return std::make_unique<MetaspacePreTokenizer>(replacement[0], prepend,
                                                   reader.value<bool>(spec, "split", true));
  }
  if (type == "Sequence") {
    std::vector<std::unique_ptr<PreTokenizer>> steps;
    for (const Json& step : reader.field(spec, "pretokenizers", "the Sequence pre-tokenizer")) {
      if (auto preTokenizer = makePreTokenizer(reader, step))
        steps.push_back(std::move(preTokenizer));
    }
    return std::make_unique<SequencePreTokenizer>(std::move(steps));
  }
  reader.fail(
      fmt::format("pre-tokenizer \"{}\" is not supported (supported: BertPreTokenizer, "
                  "Metaspace, WhitespaceSplit, ByteLevel, Sequence)",
                  type));
}

std::unique_ptr<Model> makeModel(const JsonReader& reader, const Json& spec,
                                 std::string& modelType) {
  modelType = reader.value<std::string>(spec, "type", "");
  if (modelType == "WordPiece" ||
      (modelType.empty() && spec.contains("continuing_subword_prefix"))) {
    modelType = "WordPiece";
    const Json& vocab = reader.field(spec, "vocab", "the WordPiece model");
    std::vector<std::string> tokens;
    for (const auto& [token, id] : vocab.items()) {
      const auto index = id.get<std::int64_t>();
      if (index < 0 || index > 10'000'000) reader.fail("WordPiece id out of range for " + token);
      if (static_cast<std::size_t>(index) >= tokens.size()) tokens.resize(index + 1);
      tokens[static_cast<std::size_t>(index)] = token;
    }
    return std::make_unique<WordPieceModel>(
        std::move(tokens), reader.value<std::string>(spec, "unk_token", "[UNK]"),
        reader.value<std::string>(spec, "continuing_subword_prefix", "##"),
        reader.value<std::size_t>(spec, "max_input_chars_per_word", 100));
  }
  if (modelType == "Unigram") {
    std::vector<std::pair<std::string, double>> pieces;
    for (const Json& entry : reader.field(spec, "vocab", "the Unigram model")) {
      if (!entry.is_array() || entry.size() != 2)
        reader.fail("Unigram vocab entries are [piece, score]");
      pieces.emplace_back(entry[0].get<std::string>(), entry[1].get<double>());
    }
    const Json& unk = spec.contains("unk_id") ? spec.at("unk_id") : Json();
    return std::make_unique<UnigramModel>(
        std::move(pieces), unk.is_null() ? std::optional<std::int64_t>() : unk.get<std::int64_t>(),
        reader.value<bool>(spec, "byte_fallback", false));
  }
  if (modelType == "BPE") {
    for (const char* affix : {"continuing_subword_prefix", "end_of_word_suffix"}) {
      if (!reader.value<std::string>(spec, affix, "").empty())
        reader.fail(fmt::format("BPE with a {} is not supported", affix));
    }
    if (!spec.value("dropout", Json()).is_null() && spec.at("dropout").get<double>() != 0.0)
      reader.fail("BPE dropout is not supported (it is for training tokenizers)");
    if (reader.value<bool>(spec, "byte_fallback", false))
      reader.fail(
          "BPE with byte_fallback is not supported (characters without a token would become "
          "<0xXX> byte tokens)");
    std::unordered_map<std::string, std::int64_t> vocab;
    for (const auto& [token, id] : reader.field(spec, "vocab", "the BPE model").items())
      vocab.emplace(token, id.get<std::int64_t>());
    // "left right" strings (older files) or [left, right] pairs (tokenizers 0.20 and later).
    std::vector<std::pair<std::string, std::string>> merges;
    for (const Json& merge : reader.field(spec, "merges", "the BPE model")) {
      if (merge.is_array() && merge.size() == 2) {
        merges.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
        continue;
      }
      const std::string text = merge.is_string() ? merge.get<std::string>() : std::string();
      const std::size_t space = text.find(' ');
      if (space == std::string::npos || text.find(' ', space + 1) != std::string::npos)
        reader.fail("a BPE merge is not \"left right\" or [left, right]: " + merge.dump());
      merges.emplace_back(text.substr(0, space), text.substr(space + 1));
    }
    const std::string unknown = reader.value<std::string>(spec, "unk_token", "");
    try {
      return std::make_unique<BpeModel>(
          std::move(vocab), merges,
          unknown.empty() ? std::nullopt : std::optional<std::string>(unknown),
          reader.value<bool>(spec, "fuse_unk", false),
          reader.value<bool>(spec, "ignore_merges", false));
    } catch (const InputError&) {
      throw;
    } catch (const Error& error) {
      reader.fail(error.what());
    }
  }
  reader.fail(
      fmt::format("model \"{}\" is not supported (supported: WordPiece, Unigram, BPE)", modelType));
}

TemplatePostProcessor::Piece specialPiece(const std::string& token, std::int64_t id,
                                          std::int64_t typeId) {
  TemplatePostProcessor::Piece piece;
  piece.ids = {id};
  piece.tokens = {token};
  piece.typeId = typeId;
  return piece;
}

TemplatePostProcessor::Piece sequencePiece(int sequence, std::int64_t typeId) {
  TemplatePostProcessor::Piece piece;
  piece.isSequence = true;
  piece.sequence = sequence;
  piece.typeId = typeId;
  return piece;
}

TemplatePostProcessor makePostProcessor(const JsonReader& reader, const Json& spec,
                                        Pipeline& pipeline) {
  if (spec.is_null()) return {};
  const std::string type = reader.value<std::string>(spec, "type", "");
  if (type == "ByteLevel") {  // offsets only (trim_offsets), as a step of a Sequence
    pipeline.trimOffsets = reader.value<bool>(spec, "trim_offsets", true);
    pipeline.trimAddPrefixSpace = reader.value<bool>(spec, "add_prefix_space", true);
    return {};
  }
  if (type == "Sequence") {
    TemplatePostProcessor result;
    for (const Json& step : reader.field(spec, "processors", "the Sequence post-processor")) {
      TemplatePostProcessor made = makePostProcessor(reader, step, pipeline);
      if (!made.empty()) result = std::move(made);
    }
    return result;
  }
  if (type == "RobertaProcessing") {
    pipeline.trimOffsets = reader.value<bool>(spec, "trim_offsets", true);
    pipeline.trimAddPrefixSpace = reader.value<bool>(spec, "add_prefix_space", true);
  }
  if (type == "TemplateProcessing") {
    const Json& specials = reader.field(spec, "special_tokens", "TemplateProcessing");
    const auto pieces = [&](const char* which) {
      std::vector<TemplatePostProcessor::Piece> result;
      for (const Json& item : reader.field(spec, which, "TemplateProcessing")) {
        if (item.contains("Sequence")) {
          const Json& sequence = item.at("Sequence");
          result.push_back(sequencePiece(sequence.at("id").get<std::string>() == "B" ? 1 : 0,
                                         reader.value<std::int64_t>(sequence, "type_id", 0)));
        } else if (item.contains("SpecialToken")) {
          const Json& special = item.at("SpecialToken");
          const std::string name = special.at("id").get<std::string>();
          if (!specials.contains(name))
            reader.fail("template special token " + name + " has no ids");
          TemplatePostProcessor::Piece piece;
          piece.ids = specials.at(name).at("ids").get<std::vector<std::int64_t>>();
          piece.tokens = specials.at(name).at("tokens").get<std::vector<std::string>>();
          piece.typeId = reader.value<std::int64_t>(special, "type_id", 0);
          result.push_back(std::move(piece));
        } else {
          reader.fail("template items are Sequence or SpecialToken");
        }
      }
      return result;
    };
    return TemplatePostProcessor(pieces("single"), pieces("pair"));
  }
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    const Json& cls = reader.field(spec, "cls", type.c_str());
    const Json& sep = reader.field(spec, "sep", type.c_str());
    const auto clsPiece = specialPiece(cls[0].get<std::string>(), cls[1].get<std::int64_t>(), 0);
    const bool bert = type == "BertProcessing";
    const auto sepPiece = [&](std::int64_t typeId) {
      return specialPiece(sep[0].get<std::string>(), sep[1].get<std::int64_t>(), typeId);
    };
    std::vector<TemplatePostProcessor::Piece> single = {clsPiece, sequencePiece(0, 0), sepPiece(0)};
    std::vector<TemplatePostProcessor::Piece> pair = {clsPiece, sequencePiece(0, 0), sepPiece(0)};
    if (!bert) pair.push_back(sepPiece(0));
    pair.push_back(sequencePiece(1, bert ? 1 : 0));
    pair.push_back(sepPiece(bert ? 1 : 0));
    return TemplatePostProcessor(std::move(single), std::move(pair));
  }
  reader.fail(
      fmt::format("post-processor \"{}\" is not supported (supported: "
                  "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence)",
                  type));
}

// The padding token: tokenizer.json's padding settings, else the pad_token the tokenizer's
// config names (`configured`, "" when none: MPNet's vocabulary holds BERT's [PAD] too, but pads
// with <pad>), else the usual names.
void choosePadToken(Pipeline& pipeline, const Json& padding, const std::string& configured) {
  if (padding.is_object() && padding.contains("pad_id")) {
    pipeline.padId = padding.at("pad_id").get<std::int64_t>();
    pipeline.padToken = padding.value("pad_token", std::string("[PAD]"));
    return;
  }
  std::vector<std::string> names;
  if (!configured.empty()) names.push_back(configured);
  for (const char* name : {"[PAD]", "<pad>", "<|endoftext|>"})
    names.emplace_back(name);
  for (const std::string& name : names) {
    if (const AddedToken* token = pipeline.added.find(std::string_view(name))) {
      pipeline.padId = token->id;
      pipeline.padToken = name;
      return;
    }
    if (const auto id = pipeline.model->tokenToId(name)) {
      pipeline.padId = *id;
      pipeline.padToken = name;
      return;
    }
  }
}

std::string tokenName(const Json& config, const char* key, const char* fallback) {
  if (!config.contains(key) || config.at(key).is_null()) return fallback;
  const Json& value = config.at(key);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains("content")) return value.at("content").get<std::string>();
  return fallback;
}

// The pad_token tokenizer_config.json or special_tokens_map.json in `folder` names ("" when
// neither does or they cannot be read: the usual names decide then).
std::string configuredPadToken(const std::filesystem::path& folder) {
  for (const char* file : {"tokenizer_config.json", "special_tokens_map.json"}) {
    std::ifstream in(folder / file);
    if (!in) continue;
    const Json config = Json::parse(in, nullptr, false);
    if (!config.is_object()) continue;
    const std::string name = tokenName(config, "pad_token", "");
    if (!name.empty()) return name;
  }
  return {};
}

}  // namespace

Tokenizer Tokenizer::fromTokenizerJson(const std::filesystem::path& file) {
  const JsonReader reader(file);
  const Json json = reader.parse();
  auto pipeline = std::make_shared<Pipeline>();
  pipeline->normalizer = makeNormalizer(reader, json.value("normalizer", Json()));
  pipeline->preTokenizer = makePreTokenizer(reader, json.value("pre_tokenizer", Json()));
  pipeline->model =
      makeModel(reader, reader.field(json, "model", "tokenizer.json"), pipeline->modelType);
  std::vector<AddedToken> added;
  for (const Json& token : json.value("added_tokens", Json::array())) {
    AddedToken entry;
    entry.id = reader.value<std::int64_t>(token, "id", -1);
    entry.content = reader.value<std::string>(token, "content", "");
    entry.singleWord = reader.value<bool>(token, "single_word", false);
    entry.lstrip = reader.value<bool>(token, "lstrip", false);
    entry.rstrip = reader.value<bool>(token, "rstrip", false);
    entry.normalized =
        reader.value<bool>(token, "normalized", !reader.value<bool>(token, "special", false));
    entry.special = reader.value<bool>(token, "special", false);
    if (entry.id < 0 || entry.content.empty())
      reader.fail("an added token lacks its id or content");
    added.push_back(std::move(entry));
  }
  const Normalizer* normalizer = pipeline->normalizer.get();
  pipeline->added = AddedVocabulary(std::move(added), [normalizer](const std::u32string& content) {
    if (normalizer == nullptr) return content;
    NormalizedText text = NormalizedText::original(content);
    normalizer->normalize(text);
    return text.chars;
  });
  pipeline->postProcessor =
      makePostProcessor(reader, json.value("post_processor", Json()), *pipeline);
  choosePadToken(*pipeline, json.value("padding", Json()), configuredPadToken(file.parent_path()));
  return Tokenizer(std::move(pipeline));
}

Tokenizer Tokenizer::fromVocabFile(const std::filesystem::path& vocabFile,
                                   const std::filesystem::path& configFile) {
  std::ifstream in(vocabFile, std::ios::binary);
  if (!in) throw InputError(vocabFile.string(), "cannot be read");
  std::vector<std::string> vocab;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    vocab.push_back(line);
  }
  if (vocab.empty()) throw InputError(vocabFile.string(), "is empty; expected one token per line");
  Json config = Json::object();
  if (!configFile.empty() && std::filesystem::exists(configFile)) {
    config = JsonReader(configFile).parse();
  }
  const bool lowercase = config.value("do_lower_case", true);
  BertNormalizer::Options options;
  options.lowercase = lowercase;
  options.handleChineseChars = config.value("tokenize_chinese_chars", true);
  options.stripAccents = config.contains("strip_accents") && !config.at("strip_accents").is_null()
                             ? config.at("strip_accents").get<bool>()
                             : lowercase;

  auto pipeline = std::make_shared<Pipeline>();
  pipeline->normalizer = std::make_unique<BertNormalizer>(options);
  pipeline->preTokenizer = std::make_unique<BertPreTokenizer>();
  pipeline->modelType = "WordPiece";
  const std::string unk = tokenName(config, "unk_token", "[UNK]");
  pipeline->model = std::make_unique<WordPieceModel>(vocab, unk);
  std::vector<AddedToken> specials;
  for (const char* key : {"pad_token", "unk_token", "cls_token", "sep_token", "mask_token"}) {
    const std::string name = tokenName(config, key, "");
    const char* fallback = std::string(key) == "pad_token"   ? "[PAD]"
                           : std::string(key) == "unk_token" ? "[UNK]"
                           : std::string(key) == "cls_token" ? "[CLS]"
                           : std::string(key) == "sep_token" ? "[SEP]"
                                                             : "[MASK]";
    const std::string content = name.empty() ? fallback : name;
    if (const auto id = pipeline->model->tokenToId(content)) {
      specials.push_back({content, *id, false, false, false, false, true});
    }
  }
  pipeline->added = AddedVocabulary(std::move(specials), [](const std::u32string& c) { return c; });
  const auto id = [&](const std::string& token) {
    const auto found = pipeline->model->tokenToId(token);
    if (!found) throw InputError(vocabFile.string(), "has no " + token + " token");
    return *found;
  };
  const std::string cls = tokenName(config, "cls_token", "[CLS]");
  const std::string sep = tokenName(config, "sep_token", "[SEP]");
  pipeline->postProcessor = TemplatePostProcessor(
      {specialPiece(cls, id(cls), 0), sequencePiece(0, 0), specialPiece(sep, id(sep), 0)},
      {specialPiece(cls, id(cls), 0), sequencePiece(0, 0), specialPiece(sep, id(sep), 0),
       sequencePiece(1, 1), specialPiece(sep, id(sep), 1)});
  choosePadToken(*pipeline, Json(), tokenName(config, "pad_token", ""));
  return Tokenizer(std::move(pipeline));
}

Tokenizer Tokenizer::load(const std::filesystem::path& folder) {
  if (std::filesystem::is_regular_file(folder / "tokenizer.json")) {
    return fromTokenizerJson(folder / "tokenizer.json");
  }
  if (std::filesystem::is_regular_file(folder / "vocab.txt")) {
    return fromVocabFile(folder / "vocab.txt", folder / "tokenizer_config.json");
  }
  if (std::filesystem::is_regular_file(folder / "sentencepiece.bpe.model") ||
      std::filesystem::is_regular_file(folder / "spiece.model")) {
    throw InputError(folder.string(),
                     "has only a SentencePiece .model file; EmbedLab reads tokenizer.json. Save "
                     "the tokenizer once with Hugging Face transformers "
                     "(AutoTokenizer.from_pretrained(...).save_pretrained(folder)) to create it");
  }
  throw InputError(folder.string(), "has no tokenizer.json or vocab.txt");
}

}  // namespace embedlab::text

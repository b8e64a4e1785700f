// core/text behaviour the golden files do not cover: truncation, padding, batches, added-token
// options, and clear errors for folders and files it cannot read.
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/text/tokenizer.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::text;

namespace {

const std::filesystem::path kBert = EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased";
const std::filesystem::path kXlmr = EMBEDLAB_SOURCE_DIR "/tests/data/xlmr-unigram";
const std::filesystem::path kModernBert = EMBEDLAB_SOURCE_DIR "/tests/data/modernbert-bpe";

// A tokenizer.json with a tiny WordPiece vocabulary and the given added tokens.
std::filesystem::path tinyTokenizer(const std::filesystem::path& folder,
                                    const nlohmann::json& added) {
  nlohmann::json json = {{"version", "1.0"},
                         {"added_tokens", added},
                         {"normalizer", {{"type", "BertNormalizer"}, {"lowercase", true}}},
                         {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
                         {"post_processor", nullptr},
                         {"model",
                          {{"type", "WordPiece"},
                           {"unk_token", "[UNK]"},
                           {"continuing_subword_prefix", "##"},
                           {"max_input_chars_per_word", 100},
                           {"vocab",
                            {{"[PAD]", 0},
                             {"[UNK]", 1},
                             {"hello", 2},
                             {"world", 3},
                             {"<mask>", 4},
                             {"anthony", 5},
                             {"##ony", 6},
                             {"ant", 7}}}}}};
  return test::writeFile(folder / "tokenizer.json", json.dump());
}

}  // namespace

class TestTokenizer : public QObject {
  Q_OBJECT

 private slots:
  void truncationKeepsSpecialTokens() {
    const Tokenizer tokenizer = Tokenizer::load(kBert);
    TruncationOptions truncation;
    truncation.maxLength = 5;
    const Encoding single = tokenizer.encode("one two three four five six", truncation);
    QCOMPARE(single.tokens, (std::vector<std::string>{"[CLS]", "one", "two", "three", "[SEP]"}));
    QCOMPARE(tokenizer.specialTokensAdded(false), std::size_t{2});
    QCOMPARE(tokenizer.specialTokensAdded(true), std::size_t{3});
  }

  void pairTruncationStrategies() {
    const Tokenizer tokenizer = Tokenizer::load(kBert);
    TruncationOptions truncation;
    truncation.maxLength = 9;  // 6 tokens of text after [CLS] [SEP] [SEP]
    const std::string query = "short query";
    const std::string passage = "a much longer passage with many more words in it";
    Encoding longest = tokenizer.encodePair(query, passage, truncation);
    QCOMPARE(longest.size(), std::size_t{9});
    QCOMPARE(longest.tokens[1], std::string("short"));  // the shorter text is kept whole
    truncation.strategy = TruncationStrategy::OnlySecond;
    Encoding onlySecond = tokenizer.encodePair(query, passage, truncation);
    QCOMPARE(onlySecond.tokens, (std::vector<std::string>{"[CLS]", "short", "query", "[SEP]", "a",
                                                          "much", "longer", "passage", "[SEP]"}));
    QCOMPARE(onlySecond.typeIds, (std::vector<std::int64_t>{0, 0, 0, 0, 1, 1, 1, 1, 1}));
    truncation.maxLength = 4;
    QVERIFY_THROWS_EXCEPTION(UsageError, tokenizer.encodePair(query, passage, truncation));
  }

  void paddingAndAttentionMask() {
    const Tokenizer tokenizer = Tokenizer::load(kXlmr);
    std::vector<Encoding> batch = {tokenizer.encode("hello"),
                                   tokenizer.encode("a longer text here")};
    padEncodings(batch, tokenizer.padId(), std::nullopt, tokenizer.padToken());
    QCOMPARE(batch[0].size(), batch[1].size());
    QCOMPARE(batch[0].ids.back(), std::int64_t{1});  // <pad>
    QCOMPARE(batch[0].attentionMask.back(), std::uint8_t{0});
    QCOMPARE(batch[0].attentionMask.front(), std::uint8_t{1});
    padEncodings(batch, tokenizer.padId(), 32, tokenizer.padToken());
    QCOMPARE(batch[1].size(), std::size_t{32});
  }

  void batchesEqualSingleEncodes() {
    const Tokenizer tokenizer = Tokenizer::load(kBert);
    std::vector<std::string> texts;
    for (int i = 0; i < 1000; ++i)
      texts.push_back("text number " + std::to_string(i) + " with ünïcödé");
    const auto encodings = tokenizer.encodeBatch(texts, {}, 4);
    QCOMPARE(encodings.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); i += 97)
      QCOMPARE(encodings[i].ids, tokenizer.encode(texts[i]).ids);
  }

  void addedTokenOptions() {
    test::TempFolder folder;
    tinyTokenizer(
        folder.path(),
        nlohmann::json::array(
            {{{"id", 0}, {"content", "[PAD]"}, {"special", true}, {"normalized", false}},
             {{"id", 4},
              {"content", "<mask>"},
              {"special", true},
              {"normalized", false},
              {"lstrip", true},
              {"single_word", true}},
             {{"id", 5}, {"content", "anthony"}, {"special", false}, {"normalized", true}}}));
    const Tokenizer tokenizer = Tokenizer::load(folder.path());
    Encoding encoding = tokenizer.encode("hello  <mask> world");
    QCOMPARE(encoding.tokens, (std::vector<std::string>{"hello", "  <mask>", "world"}));  // lstrip
    QCOMPARE(encoding.offsets[1], (std::pair<std::uint32_t, std::uint32_t>{5, 13}));
    encoding = tokenizer.encode("hello<mask>world");  // not a word of its own: not matched
    QVERIFY(std::find(encoding.ids.begin(), encoding.ids.end(), 4) == encoding.ids.end());
    encoding = tokenizer.encode("ANTHONY");  // normalized: matched after lowercasing
    QCOMPARE(encoding.ids, (std::vector<std::int64_t>{5}));
    QCOMPARE(encoding.offsets[0], (std::pair<std::uint32_t, std::uint32_t>{0, 7}));
  }

  void foldersWithoutATokenizer() {
    test::TempFolder folder;
    QVERIFY(test::errorOf([&] {
              Tokenizer::load(folder.path());
            }).find("has no tokenizer.json or vocab.txt") != std::string::npos);
    test::writeFile(folder / "sentencepiece.bpe.model", "binary");
    QVERIFY(test::errorOf([&] { Tokenizer::load(folder.path()); }).find("save_pretrained") !=
            std::string::npos);
  }

  void unsupportedOrBrokenFiles() {
    test::TempFolder folder;
    test::writeFile(folder / "tokenizer.json", "{ not json");
    QVERIFY(test::errorOf([&] { Tokenizer::load(folder.path()); }).find("invalid JSON") !=
            std::string::npos);
    nlohmann::json wordLevel = {
        {"model", {{"type", "WordLevel"}}}, {"normalizer", nullptr}, {"pre_tokenizer", nullptr}};
    test::writeFile(folder / "tokenizer.json", wordLevel.dump());
    QVERIFY(test::errorOf([&] {
              Tokenizer::load(folder.path());
            }).find("model \"WordLevel\" is not supported") != std::string::npos);
    nlohmann::json suffix = {{"model",
                              {{"type", "BPE"},
                               {"vocab", {{"a", 0}}},
                               {"merges", nlohmann::json::array()},
                               {"end_of_word_suffix", "</w>"}}}};
    test::writeFile(folder / "tokenizer.json", suffix.dump());
    QVERIFY(test::errorOf([&] {
              Tokenizer::load(folder.path());
            }).find("BPE with a end_of_word_suffix is not supported") != std::string::npos);
    nlohmann::json badMerge = {
        {"model", {{"type", "BPE"}, {"vocab", {{"a", 0}, {"b", 1}}}, {"merges", {"a b"}}}}};
    test::writeFile(folder / "tokenizer.json", badMerge.dump());
    QVERIFY(test::errorOf([&] {
              Tokenizer::load(folder.path());
            }).find("BPE merge \"a b\" joins or makes a token that is not in the vocabulary") !=
            std::string::npos);
    nlohmann::json nmt = {{"model", {{"type", "WordPiece"}, {"vocab", {{"[UNK]", 0}}}}},
                          {"normalizer", {{"type", "Nmt"}}}};
    test::writeFile(folder / "tokenizer.json", nmt.dump());
    const std::string nmtError = test::errorOf([&] { Tokenizer::load(folder.path()); });
    QVERIFY2(nmtError.find("tokenizer.json") != std::string::npos, nmtError.c_str());
    QVERIFY2(nmtError.find("normalizer \"Nmt\" is not supported (supported: BertNormalizer, "
                           "Sequence, Lowercase, NFC, NFD, NFKC, NFKD, StripAccents, "
                           "Precompiled, Replace)") != std::string::npos,
             nmtError.c_str());
    // A BPE model with byte_fallback would turn characters without a token into <0xXX> tokens;
    // EmbedLab does not, so it refuses the file rather than tokenize differently.
    nlohmann::json byteFallback = {{"model",
                                    {{"type", "BPE"},
                                     {"vocab", {{"a", 0}}},
                                     {"merges", nlohmann::json::array()},
                                     {"byte_fallback", true}}}};
    test::writeFile(folder / "tokenizer.json", byteFallback.dump());
    const std::string fallbackError = test::errorOf([&] { Tokenizer::load(folder.path()); });
    QVERIFY2(fallbackError.find("tokenizer.json") != std::string::npos, fallbackError.c_str());
    QVERIFY2(fallbackError.find("BPE with byte_fallback is not supported") != std::string::npos,
             fallbackError.c_str());
    byteFallback["model"]["byte_fallback"] = false;
    test::writeFile(folder / "tokenizer.json", byteFallback.dump());
    QCOMPARE(Tokenizer::load(folder.path()).encode("a").ids, (std::vector<std::int64_t>{0}));
    nlohmann::json noUnk = {
        {"model", {{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"vocab", {{"a", 0}}}}}};
    test::writeFile(folder / "tokenizer.json", noUnk.dump());
    QVERIFY(test::errorOf([&] { Tokenizer::load(folder.path()); }).find("no unknown token") !=
            std::string::npos);
  }

  // NFC as Hugging Face aligns it: a character composed from several takes the span of the first
  // of them only, so "e" + U+0301 becomes one "é" spanning the "e", and the accent is in no token.
  void nfcCompositionAlignment() {
    const Tokenizer tokenizer = Tokenizer::load(kModernBert);
    const Encoding decomposed = tokenizer.encode("cafe\u0301 x");
    const Encoding precomposed = tokenizer.encode("caf\u00e9 x");
    QCOMPARE(decomposed.ids, precomposed.ids);
    QCOMPARE(decomposed.tokens,
             (std::vector<std::string>{"[CLS]", "c", "af", "\u00c3\u00a9", "\u0120x", "[SEP]"}));
    using Offsets = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
    QCOMPARE(decomposed.offsets, (Offsets{{0, 0}, {0, 1}, {1, 3}, {3, 4}, {5, 7}, {0, 0}}));
    QCOMPARE(precomposed.offsets, (Offsets{{0, 0}, {0, 1}, {1, 3}, {3, 4}, {4, 6}, {0, 0}}));
    // Three characters into one (Hangul jamo L V T): the span of the first.
    const Encoding jamo = tokenizer.encode("\u1100\u1161\u11a8");
    QCOMPARE(jamo.ids, tokenizer.encode("\uac01").ids);
    for (std::size_t i = 1; i + 1 < jamo.size(); ++i)
      QCOMPARE(jamo.offsets[i], (std::pair<std::uint32_t, std::uint32_t>{0, 1}));
  }

  // Byte-level files have every byte; other BPE files meet characters without a token: the
  // unknown token (fused when asked), or nothing without one, as in HF.
  void bpeUnknownCharacters() {
    test::TempFolder folder;
    nlohmann::json json = {{"model",
                            {{"type", "BPE"},
                             {"vocab", {{"a", 0}, {"b", 1}, {"ab", 2}, {"<unk>", 3}}},
                             {"merges", nlohmann::json::array({nlohmann::json::array({"a", "b"})})},
                             {"unk_token", "<unk>"},
                             {"fuse_unk", true}}}};
    test::writeFile(folder / "tokenizer.json", json.dump());
    Encoding encoding = Tokenizer::load(folder.path()).encode("abxya");
    QCOMPARE(encoding.ids, (std::vector<std::int64_t>{2, 3, 0}));
    QCOMPARE(encoding.offsets[1], (std::pair<std::uint32_t, std::uint32_t>{2, 4}));
    json["model"]["fuse_unk"] = false;
    test::writeFile(folder / "tokenizer.json", json.dump());
    encoding = Tokenizer::load(folder.path()).encode("abxya");
    QCOMPARE(encoding.ids, (std::vector<std::int64_t>{2, 3, 3, 0}));
    json["model"].erase("unk_token");
    test::writeFile(folder / "tokenizer.json", json.dump());
    encoding = Tokenizer::load(folder.path()).encode("abxya");
    QCOMPARE(encoding.ids, (std::vector<std::int64_t>{2, 0}));
  }

  void invalidUtf8NeverCrashes() {
    const Tokenizer tokenizer = Tokenizer::load(kXlmr);
    const Encoding encoding = tokenizer.encode(std::string("caf\xE9 \xFF\xFE ok", 10));
    QVERIFY(encoding.size() >= 3);
  }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"

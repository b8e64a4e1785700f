// Tokenizer throughput (tokens/s) on real passages, on one thread and on all threads, for the
// WordPiece (bert-base-uncased), Unigram (XLM-R-style) and byte-level BPE (RoBERTa-style)
// tokenizers. tools/bpe-golden/speed.js measures Hugging Face's Rust tokenizer on the same texts.
//
// usage: bench_tokenizer [--texts FILE.jsonl] [--limit N]
//   default texts: the Debian package descriptions of the workplace's shared data when present,
//   else the demo workspace's training file.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include "core/data/training_data.h"
#include "core/text/tokenizer.h"

namespace {

double seconds(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path texts = EMBEDLAB_SOURCE_DIR "/../shared/data/debian-packages/train.jsonl";
  if (!std::filesystem::exists(texts)) texts = EMBEDLAB_SOURCE_DIR "/resources/demo/train.jsonl";
  std::size_t limit = 20000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--texts") == 0) texts = argv[i + 1];
    if (std::strcmp(argv[i], "--limit") == 0) limit = std::strtoull(argv[i + 1], nullptr, 10);
  }
  std::vector<std::string> passages;
  for (auto& example : embedlab::readTrainingData(texts)) {
    for (auto& positive : example.positives)
      passages.push_back(std::move(positive));
    passages.push_back(std::move(example.query));
    if (passages.size() >= limit) break;
  }
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  for (const char* name : {"bert-base-uncased", "xlmr-unigram", "roberta-bpe"}) {
    const auto tokenizer = embedlab::text::Tokenizer::load(
        std::filesystem::path(EMBEDLAB_SOURCE_DIR "/tests/data") / name);
    std::size_t tokens = 0;
    (void)tokenizer.encodeBatch({passages.front()});  // warm-up
    const double single = seconds([&] {
      for (const auto& encoding : tokenizer.encodeBatch(passages, {}, 1))
        tokens += encoding.size();
    });
    const double parallel = seconds([&] { (void)tokenizer.encodeBatch(passages, {}, cores); });
    std::printf(
        "{\"bench\":\"tokenizer\",\"tokenizer\":\"%s\",\"texts\":%zu,\"tokens\":%zu,"
        "\"tokens_per_s_1_thread\":%.0f,\"tokens_per_s_all_threads\":%.0f,\"threads\":%u,"
        "\"speedup\":%.2f,\"source\":\"%s\"}\n",
        name, passages.size(), tokens, static_cast<double>(tokens) / single,
        static_cast<double>(tokens) / parallel, cores, single / parallel, texts.filename().c_str());
  }
  return 0;
}

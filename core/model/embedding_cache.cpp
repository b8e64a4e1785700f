#include "core/model/embedding_cache.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <memory>
#include <system_error>

#include "core/common/file_fingerprint.h"
#include "core/common/paths.h"
#include "core/data/npy_reader.h"
#include "core/data/npy_writer.h"

namespace embedlab::model {

namespace {

constexpr int kCacheFormat = 1;         // bump when what an entry means changes
constexpr std::size_t kWindow = 16384;  // texts tokenized and encoded at a time

class Hasher {
 public:
  Hasher() : state_(XXH3_createState(), &XXH3_freeState) { XXH3_128bits_reset(state_.get()); }
  void add(std::string_view bytes) {
    addNumber(bytes.size());  // length-prefixed: ("ab","c") and ("a","bc") differ
    XXH3_128bits_update(state_.get(), bytes.data(), bytes.size());
  }
  void addNumber(std::uint64_t value) { XXH3_128bits_update(state_.get(), &value, sizeof value); }
  std::string hex() const {
    const XXH128_hash_t hash = XXH3_128bits_digest(state_.get());
    return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
  }

 private:
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state_;
};

// Reports a window's progress as progress over all texts.
class OffsetProgress : public ProgressObserver {
 public:
  OffsetProgress(ProgressObserver* target, std::uint64_t offset, std::uint64_t total)
      : target_(target), offset_(offset), total_(total) {}
  void onProgress(std::uint64_t done, std::uint64_t, std::string_view unit) override {
    reportProgress(target_, offset_ + done, total_, unit);
  }

 private:
  ProgressObserver* target_;
  std::uint64_t offset_;
  std::uint64_t total_;
};

}  // namespace

std::string fingerprintModelFolder(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& where : {folder, folder / "1_Pooling"}) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(where, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  Hasher hasher;
  for (const auto& file : files) {
    const FileFingerprint fingerprint = fingerprintFile(file);
    hasher.add(file.lexically_relative(folder).generic_string());
    for (const std::uint64_t value :
         {fingerprint.size, static_cast<std::uint64_t>(fingerprint.modifiedNs),
          fingerprint.headHash, fingerprint.tailHash}) {
      hasher.addNumber(value);
    }
  }
  return hasher.hex();
}

std::filesystem::path EmbeddingCache::defaultDirectory() {
  return userCacheDirectory() / "embeddings";
}

EmbeddingCache::EmbeddingCache(std::filesystem::path directory, std::uint64_t maxBytes)
    : directory_(std::move(directory)), maxBytes_(maxBytes) {}

CachedEmbeddings EmbeddingCache::encode(const EmbeddingModel& model,
                                        const std::string& modelFingerprint,
                                        const std::vector<std::string>& texts,
                                        const EncodeOptions& options) const {
  CachedEmbeddings result;
  result.rows = texts.size();
  result.dimension = model.dimension();
  if (!modelFingerprint.empty() && !directory_.empty()) {
    Hasher key;
    key.addNumber(kCacheFormat);
    key.add(modelFingerprint);
    key.add(poolingName(model.pooling()));
    key.addNumber(model.normalizes() ? 1 : 0);
    key.addNumber(std::min(options.maxLength, model.maxSequenceLength()));
    key.add(options.prefix);
    key.addNumber(options.int8   ? 3
                  : options.bf16 ? 2
                  : options.fp16 ? 1
                                 : 0);  // fp32/fp16 as before
    key.addNumber(texts.size());
    for (const std::string& text : texts)
      key.add(text);
    result.file = directory_ / (key.hex() + ".npy");
    std::error_code error;
    if (std::filesystem::is_regular_file(result.file, error)) {
      try {
        FloatMatrix cached = readNpyMatrix(result.file);
        if (cached.rows == texts.size() && cached.columns == result.dimension) {
          result.values = std::move(cached.values);
          result.fromCache = true;
          // Recently used entries survive pruning.
          std::filesystem::last_write_time(result.file,
                                           std::filesystem::file_time_type::clock::now(), error);
          reportProgress(options.progress, texts.size(), texts.size(), "texts");
          return result;
        }
      } catch (const Error&) {
        // An unreadable entry (a disk error, a foreign file) is recomputed and replaced.
      }
    }
  }

  result.values.resize(texts.size() * result.dimension);
  std::vector<std::string> window;
  for (std::size_t start = 0; start < texts.size(); start += kWindow) {
    const std::size_t end = std::min(texts.size(), start + kWindow);
    window.assign(texts.begin() + static_cast<std::ptrdiff_t>(start),
                  texts.begin() + static_cast<std::ptrdiff_t>(end));
    OffsetProgress progress(options.progress, start, texts.size());
    EncodeOptions windowOptions = options;
    windowOptions.progress = &progress;
    const std::vector<float> embedded = model.encode(window, windowOptions);
    std::copy(embedded.begin(), embedded.end(),
              result.values.begin() + static_cast<std::ptrdiff_t>(start * result.dimension));
  }

  if (!result.file.empty()) {
    try {
      std::filesystem::create_directories(directory_);
      NpyWriter writer(result.file, result.rows, result.dimension);
      writer.writeRows(result.values.data(), result.rows);
      writer.commit();
      prune(result.file);
    } catch (const std::exception& error) {
      reportWriteFailure(result.file, error.what());
      result.file.clear();  // a full or read-only cache folder costs speed, not the job
    }
  }
  return result;
}

CachedEmbeddings encodeWithCache(const EmbeddingCache* cache, const EmbeddingModel& model,
                                 const std::string& modelFingerprint,
                                 const std::vector<std::string>& texts,
                                 const EncodeOptions& options) {
  if (cache != nullptr) return cache->encode(model, modelFingerprint, texts, options);
  return EmbeddingCache({}, 0).encode(model, {}, texts, options);
}

void EmbeddingCache::reportWriteFailure(const std::filesystem::path& file,
                                        const std::string& reason) const {
  if (!onWriteFailure_ || writeFailureReported_.exchange(true)) return;
  onWriteFailure_(fmt::format(
      "the embedding cache cannot be written ({}; first entry: {}): embeddings are computed "
      "again next time; point --cache_dir somewhere writable, or pass --no_cache",
      reason, file.string()));
}

void EmbeddingCache::prune(const std::filesystem::path& keep) const {
  if (maxBytes_ == 0) return;
  struct Entry {
    std::filesystem::path path;
    std::filesystem::file_time_type used;
    std::uint64_t bytes;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code error;
  for (const auto& item : std::filesystem::directory_iterator(directory_, error)) {
    if (!item.is_regular_file() || item.path().extension() != ".npy" || item.path() == keep)
      continue;
    Entry entry{item.path(), item.last_write_time(error), item.file_size(error)};
    total += entry.bytes;
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const Entry& entry : entries) {
    if (total <= maxBytes_) break;
    if (std::filesystem::remove(entry.path, error)) total -= entry.bytes;
  }
}

}  // namespace embedlab::model

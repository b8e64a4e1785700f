#include "core/model/encoding_options.h"

#include "core/model/hub_cache.h"

#include <fmt/format.h>

#include "core/common/error.h"

namespace embedlab::model {

OptionInfo maxLengthOption(const char* group) {
  return {"max_len", group,
          OPTION_TEXT("Options",
                      "Longest text in tokens, special tokens included; longer texts are "
                      "cut.")};
}

LoadOptions EncodingOptions::loadOptions() const {
  LoadOptions load;
  load.device = device;
  load.revision = revision;
  return load;
}

std::unique_ptr<EmbeddingCache> EncodingOptions::cache(
    std::function<void(const std::string&)> onWriteFailure) const {
  if (noCache) return nullptr;
  auto made = std::make_unique<EmbeddingCache>(cacheDir.empty() ? EmbeddingCache::defaultDirectory()
                                                                : std::filesystem::path(cacheDir));
  if (onWriteFailure) made->setWriteFailureHandler(std::move(onWriteFailure));
  return made;
}

std::string EncodingOptions::fingerprint(const std::string& folder) const {
  return noCache ? std::string() : fingerprintModelFolder(resolveModelFolder(folder, revision));
}

void validate(const EncodingOptions& o) {
  if (o.batchSize < 1 || o.batchSize > 65536)
    throw UsageError(fmt::format("--batch_size must be in [1, 65536], got {}", o.batchSize));
  if (o.maxLength < 2 || o.maxLength > 65536)
    throw UsageError(fmt::format("--max_len must be in [2, 65536], got {}", o.maxLength));
  if (o.fp16 && o.bf16) throw UsageError("--fp16 and --bf16 exclude each other");
  if (o.int8 && (o.fp16 || o.bf16)) throw UsageError("--int8 excludes --fp16 and --bf16");
  if (o.device.empty()) throw UsageError("--device must not be empty (auto, cpu, cuda, cuda:N)");
  if (o.revision.empty())
    throw UsageError("--revision must not be empty (main, a tag or a commit)");
}

}  // namespace embedlab::model

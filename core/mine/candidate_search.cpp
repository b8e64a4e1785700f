#include "core/mine/candidate_search.h"

#include "core/model/sentence_transformers_metadata.h"

#include <chrono>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace embedlab::mine {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

float dot(const float* a, const float* b, std::size_t dimension) {
  float sum = 0;
  for (std::size_t i = 0; i < dimension; ++i)
    sum += a[i] * b[i];
  return sum;
}

}  // namespace

float CandidateSearch::score(std::size_t query, std::size_t candidate) const {
  return dot(queryEmbeddings.data() + query * dimension,
             candidateEmbeddings.data() + candidate * dimension, dimension);
}

std::size_t CandidateSearch::rankAmongCandidates(std::size_t query, float value) const {
  std::size_t higher = 0;
  for (std::size_t c = 0; c < candidates.size(); ++c)
    higher += score(query, c) > value ? 1 : 0;
  return higher + 1;
}

std::vector<std::string> candidateTexts(const std::vector<TrainingExample>& examples,
                                        const std::vector<std::string>* pool) {
  std::vector<std::string> texts;
  std::unordered_set<std::string_view> seen;  // views of the source texts, which stay put
  const auto add = [&](const std::string& text) {
    if (seen.insert(text).second) texts.push_back(text);
  };
  if (pool != nullptr) {
    texts.reserve(pool->size());
    seen.reserve(pool->size());
    for (const std::string& text : *pool)
      add(text);
  } else {
    for (const TrainingExample& example : examples) {
      for (const std::string& text : example.positives)
        add(text);
      for (const std::string& text : example.negatives)
        add(text);
    }
  }
  return texts;
}

CandidateSearch searchCandidates(const model::EmbeddingModel& model,
                                 const std::vector<TrainingExample>& examples,
                                 std::vector<std::string> candidates,
                                 const CandidateSearchOptions& options) {
  CandidateSearch search;
  search.candidates = std::move(candidates);
  search.dimension = model.dimension();
  model::EncodeOptions encode;
  encode.batchSize = options.batchSize;
  const std::size_t queryMaxLength = options.queryMaxLength.value_or(options.maxLength);
  const std::size_t passageMaxLength = options.passageMaxLength.value_or(options.maxLength);
  encode.fp16 = options.fp16;
  encode.bf16 = options.bf16;
  encode.int8 = options.int8;
  encode.cancel = options.cancel;
  // Instructions not given are the model's own sentence-transformers prompts.
  const std::string queryInstruction =
      model.instructionOr(options.queryInstruction, model::PromptRole::Query);
  const std::string passageInstruction =
      model.instructionOr(options.passageInstruction, model::PromptRole::Passage);

  auto start = std::chrono::steady_clock::now();
  const std::uint64_t encodedBefore = model.textsEncoded();
  {
    PhaseProgress progress(options.progress, "candidate texts");
    encode.progress = &progress;
    encode.prefix = passageInstruction;
    encode.maxLength = passageMaxLength;
    model::CachedEmbeddings embedded = model::encodeWithCache(
        options.cache, model, options.modelFingerprint, search.candidates, encode);
    search.candidatesFromCache = embedded.fromCache;
    search.candidateEmbeddings = std::move(embedded.values);
  }
  {
    // Queries grouped by their prefix (a line's "prompt" or the instruction).
    std::map<std::string, std::vector<std::size_t>> byPrefix;
    for (std::size_t i = 0; i < examples.size(); ++i)
      byPrefix[examples[i].prompt.value_or(queryInstruction)].push_back(i);
    search.queryEmbeddings.resize(examples.size() * search.dimension);
    search.queriesFromCache = true;
    PhaseProgress progress(options.progress, "query texts");
    encode.progress = &progress;
    encode.maxLength = queryMaxLength;
    for (const auto& [prefix, members] : byPrefix) {
      std::vector<std::string> texts;
      texts.reserve(members.size());
      for (const std::size_t i : members)
        texts.push_back(examples[i].query);
      encode.prefix = prefix;
      const model::CachedEmbeddings embedded =
          model::encodeWithCache(options.cache, model, options.modelFingerprint, texts, encode);
      search.queriesFromCache = search.queriesFromCache && embedded.fromCache;
      for (std::size_t m = 0; m < members.size(); ++m) {
        std::copy_n(embedded.values.begin() + static_cast<std::ptrdiff_t>(m * search.dimension),
                    search.dimension,
                    search.queryEmbeddings.begin() +
                        static_cast<std::ptrdiff_t>(members[m] * search.dimension));
      }
    }
  }
  {
    // Positives outside the candidate set (a --candidate_pool without them) are embedded too.
    std::unordered_map<std::string_view, std::size_t> candidateIndex;
    candidateIndex.reserve(search.candidates.size());
    for (std::size_t i = 0; i < search.candidates.size(); ++i)
      candidateIndex.emplace(search.candidates[i], i);
    std::vector<std::string> missing;
    std::unordered_map<std::string_view, std::size_t> missingIndex;
    for (const TrainingExample& example : examples) {
      for (const std::string& positive : example.positives) {
        if (candidateIndex.count(positive) == 0 && missingIndex.count(positive) == 0) {
          missingIndex.emplace(positive, missing.size());
          missing.push_back(positive);
        }
      }
    }
    std::vector<float> missingEmbeddings;
    if (!missing.empty()) {
      PhaseProgress progress(options.progress, "positive texts");
      encode.progress = &progress;
      encode.prefix = passageInstruction;
      encode.maxLength = passageMaxLength;
      missingEmbeddings =
          model::encodeWithCache(options.cache, model, options.modelFingerprint, missing, encode)
              .values;
    }
    search.positiveScores.resize(examples.size());
    for (std::size_t q = 0; q < examples.size(); ++q) {
      const float* query = search.queryEmbeddings.data() + q * search.dimension;
      for (const std::string& positive : examples[q].positives) {
        const auto found = candidateIndex.find(positive);
        const float* vector =
            found != candidateIndex.end()
                ? search.candidateEmbeddings.data() + found->second * search.dimension
                : missingEmbeddings.data() + missingIndex.at(positive) * search.dimension;
        search.positiveScores[q].push_back(dot(query, vector, search.dimension));
      }
    }
  }
  search.encodeSeconds = secondsSince(start);
  search.textsEncoded = model.textsEncoded() - encodedBefore;

  start = std::chrono::steady_clock::now();
  const index::VectorIndex index(search.candidateEmbeddings.data(), search.candidates.size(),
                                 search.dimension, options.index);
  PhaseProgress progress(options.progress, "queries searched");
  search.hits = index.search(search.queryEmbeddings.data(), examples.size(), options.depth,
                             &progress, options.cancel);
  search.searchSeconds = secondsSince(start);
  return search;
}

}  // namespace embedlab::mine

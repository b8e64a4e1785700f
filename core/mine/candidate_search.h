// The expensive half of hard-negative mining: embed the candidate texts and the queries, and
// search each query's nearest candidates. The result is kept in memory so that choosing
// negatives from it (negative_selection.h) with another range, margin or sampling costs
// milliseconds: the GUI's range tuning re-selects on every slider move, and the CLI gets its
// embeddings from the cache when only those settings changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/training_example.h"
#include "core/index/vector_index.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"

namespace embedlab::mine {

struct CandidateSearchOptions {
  std::size_t depth = 200;  ///< hits kept per query (the range end, or more for tuning)
  /// before each query whose line has no "prompt" ("": the model's sentence-transformers prompt)
  std::string queryInstruction;
  std::string passageInstruction;  ///< before each candidate ("": the model's prompt)
  std::size_t batchSize = 256;
  std::size_t maxLength = 512;  ///< tokens, for queries and candidates unless set below
  std::optional<std::size_t> queryMaxLength;    ///< tokens per query (unset: maxLength)
  std::optional<std::size_t> passageMaxLength;  ///< tokens per candidate (unset: maxLength)
  bool fp16 = false;                            ///< float16 on CUDA
  bool bf16 = false;                            ///< bfloat16 on CUDA and CPUs with native bf16
  bool int8 = false;                            ///< EncodeOptions::int8
  index::IndexOptions index;
  const model::EmbeddingCache* cache = nullptr;  ///< nullptr: no caching
  std::string modelFingerprint;                  ///< empty: no caching
  ProgressObserver* progress = nullptr;          ///< units: "candidate texts", "query texts", ...
  const CancellationToken* cancel = nullptr;
};

struct CandidateSearch {
  std::vector<std::string> candidates;  ///< the unique texts searched, in first-seen order
  std::size_t dimension = 0;
  std::vector<float> candidateEmbeddings;  ///< [candidates x dimension]
  std::vector<float> queryEmbeddings;      ///< [examples x dimension]
  /// Each example's positives' scores against its query, in its "pos" order.
  std::vector<std::vector<float>> positiveScores;
  index::SearchResult hits;  ///< [examples x depth] candidate indices, best first

  bool candidatesFromCache = false;
  bool queriesFromCache = false;
  double encodeSeconds = 0;      ///< tokenizing and encoding (or loading from the cache)
  std::size_t textsEncoded = 0;  ///< texts the model encoded (not taken from the cache)
  double searchSeconds = 0;      ///< building the index and searching

  /// Inner product of example `query`'s embedding with candidate `candidate`'s.
  float score(std::size_t query, std::size_t candidate) const;
  /// The 1-based rank a text scoring `score` against example `query` takes among all the
  /// candidates (1 + how many score higher): where a positive ranks when it is deeper than the
  /// searched hits.
  std::size_t rankAmongCandidates(std::size_t query, float score) const;
};

/// The candidate set: the unique texts of `pool` when given, else the unique union of every
/// example's "pos" and "neg" (the reference's rule), in first-seen order.
std::vector<std::string> candidateTexts(const std::vector<TrainingExample>& examples,
                                        const std::vector<std::string>* pool);

CandidateSearch searchCandidates(const model::EmbeddingModel& model,
                                 const std::vector<TrainingExample>& examples,
                                 std::vector<std::string> candidates,
                                 const CandidateSearchOptions& options);

}  // namespace embedlab::mine

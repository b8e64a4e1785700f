// Every option of an evaluation job (`embedlab-cli eval`, the Evaluation panel's "Run
// evaluation"): which models, which evaluation set (BEIR folder or MS MARCO files), how deep, with
// which instructions, and what files to write. Serialised to JSON under the CLI's names:
// `eval --config FILE.json` reads it and the history records it typed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/option_table.h"

#include "core/model/encoding_options.h"

namespace embedlab::eval {

struct EvaluationOptions {
  // ---- what is evaluated on what ----
  std::vector<std::string> models;  ///< models: bi-encoder folders, one table row (or more) each
  std::string data;                 ///< data: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/)
  std::string split = "test";       ///< split: which qrels/<split>.tsv of data
  std::string corpus;   ///< corpus: MS MARCO layout, a JSONL of {"content"} (with queries)
  std::string queries;  ///< queries: MS MARCO layout, a JSONL of {"query", "positive": [...]}
  std::size_t k = 100;  ///< k: documents retrieved per query (metric cut-offs above k become k)
  bool skipQueriesWithoutRelevant = false;  ///< skip_queries_without_relevant: leave them out

  // ---- instructions and encoding ----
  bool addInstruction = false;      ///< add_instruction: put the query instruction before queries
  std::string queryInstruction;     ///< query_instruction: instead of BGE's (implies the above)
  std::string passageInstruction;   ///< passage_instruction: before every document
  bool compareInstruction = false;  ///< compare_instruction: with and without, side by side
  std::size_t queryMaxLength = 64;  ///< query_max_len: longest query in tokens
  model::EncodingOptions encoding;  ///< batch_size, max_len (documents), fp16, device, cache
  std::string index = "flat";       ///< index: flat (exact), ivf or hnsw (approximate)

  // ---- re-ranking ----
  std::string reranker;  ///< reranker: a cross-encoder re-scoring each model's top hits ("": none)
  std::size_t rerankTopK = 100;      ///< rerank_top_k: hits per query the reranker scores
  std::size_t rerankBatchSize = 32;  ///< rerank_batch_size: pairs per reranker forward pass
  bool normalizeScores = false;      ///< normalize_scores: reranker scores as sigmoid(logit)

  // ---- outputs ----
  bool bm25 = false;           ///< bm25: add a BM25 row (core/index/bm25_index.h) after the models
  double bm25K1 = 0.9;         ///< bm25_k1: BM25's term-frequency saturation
  double bm25B = 0.4;          ///< bm25_b: BM25's length normalisation
  bool bm25Stopwords = false;  ///< bm25_stopwords: drop English stop words
  bool bm25Stemming = false;   ///< bm25_stemming: Snowball English stemming

  std::string output;    ///< output: the metrics as JSON ("": only printed)
  std::string runFile;   ///< run_file: a TREC run file per evaluation ("": none)
  std::string perQuery;  ///< per_query: each query's first relevant rank per model, TSV

  /// The options as JSON, under the CLI's names.
  nlohmann::json toJson() const;
  /// Options from JSON: an unknown key or a value of the wrong type is a UsageError naming
  /// `source` and the option.
  static EvaluationOptions fromJson(const nlohmann::json& json, const std::string& source);
  /// Every option: name, group, help, type and default (option_table.h), in the order listed.
  static const std::vector<OptionDescription>& table();
  /// The evaluation set's name in reports and the history: the data folder, or the queries file.
  std::string datasetName() const { return data.empty() ? queries : data; }
};

/// Throws UsageError naming what is missing or out of range (no model, neither or both set
/// layouts, k or the reranker's numbers out of range).
void validate(const EvaluationOptions& options);

}  // namespace embedlab::eval

#include "core/eval/evaluation_options.h"

#include <fmt/format.h>

#include <set>

#include "core/common/error.h"
#include "core/common/option_json.h"

namespace embedlab::eval {

namespace {

const char* const kData = OPTION_TEXT("Options", "Models and evaluation set");
const char* const kQueries = OPTION_TEXT("Options", "Queries and encoding");
const char* const kRerank = OPTION_TEXT("Options", "Re-ranking");
const char* const kBaseline = OPTION_TEXT("Options", "Lexical baseline");
const char* const kOutputs = OPTION_TEXT("Options", "Outputs");

// The table of the evaluation's options (option_table.h), in the order --help lists them.
// models has its own flags (--model, --models), which the CLI declares itself.
template <typename Visitor>
void visitFields(EvaluationOptions& o, Visitor&& visit) {
  visit({"models", kData,
         OPTION_TEXT(
             "Options",
             "Model folders (bi-encoders), evaluated into one table; one of them, or --model, "
             "is required.")},
        o.models);
  visit(
      {"data", kData,
       OPTION_TEXT("Options",
                   "BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/); this or --corpus and "
                   "--queries is required.")},
      o.data);
  visit({"split", kData, OPTION_TEXT("Options", "Which qrels/<split>.tsv of --data to use.")},
        o.split);
  visit({"corpus", kData,
         OPTION_TEXT(
             "Options",
             "MS MARCO layout: corpus JSONL of {\"content\"} (with --queries, this or --data is "
             "required).")},
        o.corpus);
  visit({"queries", kData,
         OPTION_TEXT("Options",
                     "MS MARCO layout: queries JSONL of {\"query\", \"positive\": [...]} (required "
                     "with --corpus).")},
        o.queries);
  visit({"k", kData, OPTION_TEXT("Options", "Documents retrieved per query.")}, o.k);
  visit({"skip_queries_without_relevant", kData,
         OPTION_TEXT(
             "Options",
             "Leave judged queries without any relevant document out of the means (by default "
             "they count and score 0, as in trec_eval and the reference).")},
        o.skipQueriesWithoutRelevant);
  visit({"add_instruction", kQueries,
         OPTION_TEXT(
             "Options",
             "Put the query instruction before each query (BGE's unless --query_instruction).")},
        o.addInstruction);
  visit(
      {"query_instruction", kQueries,
       OPTION_TEXT("Options",
                   "Query instruction to use instead of BGE's (implies --add_instruction; default: "
                   "BGE's)."),
       kEveryTask, "query_instruction_for_retrieval"},
      o.queryInstruction);
  visit({"passage_instruction", kQueries,
         OPTION_TEXT("Options",
                     "Text put before every document, e.g. \"passage: \" for E5 (default: "
                     "nothing).")},
        o.passageInstruction);
  visit({"compare_instruction", kQueries,
         OPTION_TEXT("Options", "Evaluate with and without the query instruction, side by side.")},
        o.compareInstruction);
  visit({"query_max_len", kQueries, OPTION_TEXT("Options", "Longest query in tokens."), kEveryTask,
         "max_query_length"},
        o.queryMaxLength);
  model::visitEncodingFields(
      o.encoding, visit, kQueries,
      OptionInfo{"max_len", kQueries, OPTION_TEXT("Options", "Longest document in tokens."),
                 kEveryTask, "max_passage_length"});
  visit({"index", kQueries,
         OPTION_TEXT("Options", "Search index: flat (exact), ivf or hnsw (approximate)."),
         kEveryTask, "", "flat,ivf,hnsw"},
        o.index);
  visit({"reranker", kRerank,
         OPTION_TEXT(
             "Options",
             "A reranker (cross-encoder) folder: each model's top --rerank_top_k hits are "
             "scored again by it, and the table shows the metrics before and after (default: no "
             "re-ranking).")},
        o.reranker);
  visit({"rerank_top_k", kRerank, OPTION_TEXT("Options", "Hits per query the reranker scores.")},
        o.rerankTopK);
  visit({"rerank_batch_size", kRerank,
         OPTION_TEXT("Options", "Query-document pairs per reranker forward pass.")},
        o.rerankBatchSize);
  visit({"normalize_scores", kRerank,
         OPTION_TEXT("Options",
                     "Reranker scores as sigmoid(logit) in [0, 1] (run file), not raw logits.")},
        o.normalizeScores);
  visit({"bm25", kBaseline,
         OPTION_TEXT("Options",
                     "Add a BM25 row (Okapi BM25 on lowercased Unicode words, Lucene's formula) "
                     "after the models: the lexical baseline to beat.")},
        o.bm25);
  visit({"bm25_k1", kBaseline,
         OPTION_TEXT("Options",
                     "BM25's term-frequency saturation k1 (Pyserini's MS MARCO "
                     "setting: 0.9).")},
        o.bm25K1);
  visit({"bm25_b", kBaseline,
         OPTION_TEXT("Options",
                     "BM25's length normalisation b, from 0 (none) to 1 (full; "
                     "Pyserini's MS MARCO setting: 0.4).")},
        o.bm25B);
  visit({"bm25_stopwords", kBaseline,
         OPTION_TEXT("Options", "BM25 leaves out English stop words (Lucene's list).")},
        o.bm25Stopwords);
  visit({"bm25_stemming", kBaseline,
         OPTION_TEXT("Options", "BM25 stems English words (Snowball's Porter2).")},
        o.bm25Stemming);
  visit({"output", kOutputs,
         OPTION_TEXT("Options", "Write the metrics as JSON to this file (default: only printed).")},
        o.output);
  visit(
      {"run_file", kOutputs,
       OPTION_TEXT("Options",
                   "Write a TREC run file (qid Q0 docid rank score tag); with several evaluations, "
                   "one file each, the tag before the extension (default: none).")},
      o.runFile);
  visit({"per_query", kOutputs,
         OPTION_TEXT("Options",
                     "Write a TSV of each query's first relevant rank per model (default: none).")},
        o.perQuery);
}

}  // namespace

nlohmann::json EvaluationOptions::toJson() const {
  return optionsToJson(*this, [](auto& o, auto&& visit) { visitFields(o, visit); });
}

EvaluationOptions EvaluationOptions::fromJson(const nlohmann::json& json,
                                              const std::string& source) {
  return optionsFromJson<EvaluationOptions>(json, source, "evaluation options",
                                            [](auto& o, auto&& visit) { visitFields(o, visit); });
}

const std::vector<OptionDescription>& EvaluationOptions::table() {
  static const std::vector<OptionDescription> rows =
      describeOptions<EvaluationOptions>([](auto& o, auto&& visit) { visitFields(o, visit); });
  return rows;
}

void validate(const EvaluationOptions& o) {
  requireOption(!o.models.empty() || o.bm25,
                "give a model folder (--model) or several (--models), or --bm25");
  requireOption(o.bm25K1 >= 0, fmt::format("--bm25_k1 must not be negative, got {}", o.bm25K1));
  requireOption(o.bm25B >= 0 && o.bm25B <= 1,
                fmt::format("--bm25_b must be in [0, 1], got {}", o.bm25B));
  requireOption(o.data.empty() != (o.corpus.empty() || o.queries.empty()),
                "give either --data SET_DIR (BEIR layout) or both --corpus and --queries (MS MARCO "
                "layout)");
  requireOption(o.k >= 1 && o.k <= 100000, fmt::format("--k must be in [1, 100000], got {}", o.k));
  requireOption(o.rerankTopK >= 1 && o.rerankTopK <= 100000,
                fmt::format("--rerank_top_k must be in [1, 100000], got {}", o.rerankTopK));
  requireOption(
      o.rerankBatchSize >= 1 && o.rerankBatchSize <= 100000,
      fmt::format("--rerank_batch_size must be in [1, 100000], got {}", o.rerankBatchSize));
  requireOption(o.queryMaxLength >= 2, "--query_max_len must be at least 2");
  requireOption(o.index == "flat" || o.index == "ivf" || o.index == "hnsw",
                "--index must be flat, ivf or hnsw, got \"" + o.index + "\"");
  model::validate(o.encoding);
}

}  // namespace embedlab::eval

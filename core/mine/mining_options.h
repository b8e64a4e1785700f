// Every option of a mining job (`embedlab-cli mine`, the Mining panel's "Mine all"), with the
// reference workflow's names and defaults (FlagEmbedding's hn_mine) where they are right.
// Serialised to JSON under the same names: `mine --config FILE.json` reads it and the history
// records it typed (the range as two numbers). The panel's preview selects with selection(), so
// it chooses what the job will and refuses what the job refuses (validate()).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/option_table.h"
#include "core/mine/negative_selection.h"
#include "core/model/encoding_options.h"

namespace embedlab::mine {

struct MiningOptions {
  // ---- inputs and outputs ----
  /// model_name_or_path (also embedder_name_or_path): the model whose ranking is mined
  std::string modelNameOrPath;
  std::string inputFile;   ///< input_file: training JSONL to mine negatives for
  std::string outputFile;  ///< output_file: training JSONL to write (atomically)
  /// candidate_pool: JSONL of {"text"} lines to search ("": the input's pos and neg texts)
  std::string candidatePool;
  std::string report;  ///< report: write the statistics as JSON to this file ("": none)

  // ---- which negatives ----
  /// range_for_sampling (the JSON holds [A, B]; the CLI takes "A-B"), negative_number,
  /// sampling ("random" or "top"), relative_margin, absolute_margin, max_score (null: no such
  /// filter), pad_random and seed: the rules of negative_selection.h
  SelectionOptions selection;
  /// write_scores: the scores written with the negatives: neg (neg_scores), both (also
  /// pos_scores) or none
  std::string writeScores = "neg";

  // ---- encoding and search ----
  std::string queryInstruction;     ///< query_instruction_for_retrieval: before every query
  std::string passageInstruction;   ///< passage_instruction: before every candidate
  model::EncodingOptions encoding;  ///< batch_size, max_len, fp16, device, no_cache, cache_dir
  /// pooling_method: cls, mean or last_token (also lasttoken; "": the model's own)
  std::string pooling;
  /// embedder_query_max_length: tokens per query (unset: max_len)
  std::optional<std::size_t> queryMaxLength;
  /// embedder_passage_max_length: tokens per candidate (unset: max_len)
  std::optional<std::size_t> passageMaxLength;
  std::size_t searchBatchSize = 64;  ///< search_batch_size: queries per FAISS search call
  std::string index = "flat";        ///< index: flat (exact), ivf or hnsw (approximate)
  int ivfLists = 0;                  ///< ivf_lists: IVF cells (0: 4 sqrt(n))
  int ivfProbe = 32;                 ///< ivf_probe: IVF cells visited per query
  int hnswM = 32;                    ///< hnsw_m: HNSW neighbours per node
  int hnswEfSearch = 256;            ///< hnsw_ef_search: HNSW search breadth
  bool useGpuForSearching = false;   ///< use_gpu_for_searching: accepted; FAISS runs on the CPU

  /// The options as JSON, under their reference names.
  nlohmann::json toJson() const;
  /// Options from JSON (a --config file, a run's recorded options): an unknown key or a value
  /// of the wrong type is a UsageError naming `source` and the option. range_for_sampling may
  /// also be the CLI's "A-B" string.
  static MiningOptions fromJson(const nlohmann::json& json, const std::string& source);
  /// Every option: name, group, help, type and default (option_table.h), in the order listed.
  static const std::vector<OptionDescription>& table();
};

/// Checks what the selection rules need (the range, the number, the margins), the reference
/// names of the choices and the encoding settings: throws UsageError naming the option. The
/// preview calls it too, so it refuses what the job refuses.
void validateSelection(const SelectionOptions& selection);
/// validateSelection, plus the inputs and outputs a job needs.
void validate(const MiningOptions& options);

/// "A-B" for a range (what the CLI's --range_for_sampling takes).
std::string rangeText(const SelectionOptions& selection);
/// "random" or "top".
std::string samplingName(Sampling sampling);

}  // namespace embedlab::mine

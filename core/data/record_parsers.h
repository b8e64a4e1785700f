// Parsers for one line of each data file EmbedLab reads. Validation and the loaders share them,
// so that `embedlab-cli validate` and every job agree on what a valid line is.
//
//   training  {"query": str, "pos": [str], "neg": [str], "pos_scores"?: [num], "neg_scores"?:
//             [num], "prompt"?: str}
//   pool      {"text": str}
//   corpus    BEIR {"_id", "title"?, "text"}  or MS MARCO-style {"content"}
//   queries   BEIR {"_id", "text"}            or MS MARCO-style {"query", "positive": [str]}
//   qrels     "query-id TAB corpus-id TAB score" (BEIR, optional header) or TREC
//             "query-id 0 corpus-id score"
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/line_reader.h"
#include "core/data/problem.h"
#include "core/data/training_example.h"

namespace simdjson::dom {
class object;
}

namespace embedlab {

/// A candidate-pool text (mining retrieves negatives from these).
struct PoolText {
  std::string text;
  std::uint64_t line = 0;
};

/// Which evaluation-set layout a corpus or queries file uses; the first record decides.
enum class EvalLayout { Unknown, Beir, MsMarco };

struct CorpusDocument {
  std::string id;     ///< BEIR "_id"; MS MARCO layout: the 0-based record number
  std::string title;  ///< BEIR "title" (may be empty)
  std::string text;   ///< BEIR "text"; MS MARCO layout: "content"
  std::uint64_t line = 0;
};

/// The text a model encodes for a document: "title text" (either alone when the other is empty).
std::string documentText(const CorpusDocument& document);

struct EvalQuery {
  std::string id;                      ///< BEIR "_id"; MS MARCO layout: the 0-based record number
  std::string text;                    ///< BEIR "text"; MS MARCO layout: "query"
  std::vector<std::string> positives;  ///< MS MARCO layout only: relevant passage texts
  std::uint64_t line = 0;
};

struct QrelsEntry {
  std::string queryId;
  std::string documentId;
  int relevance = 0;
  std::uint64_t line = 0;
};

/// Parses lines of one file. Keeps simdjson's buffers between lines, so use one per file and
/// thread. Every method appends the problems it finds and returns nullopt when the line has an
/// error (or is blank); warnings alone do not reject a line.
class RecordParser {
 public:
  explicit RecordParser(std::uint64_t maxLineBytes = LineReaderOptions{}.maxLineBytes);
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

  std::optional<TrainingExample> training(const TextLine& line, std::vector<Problem>& problems);
  std::optional<PoolText> pool(const TextLine& line, std::vector<Problem>& problems);
  /// `layout` is the file's layout so far; Unknown is replaced by the first record's layout.
  std::optional<CorpusDocument> corpus(const TextLine& line, EvalLayout& layout,
                                       std::vector<Problem>& problems);
  std::optional<EvalQuery> query(const TextLine& line, EvalLayout& layout,
                                 std::vector<Problem>& problems);
  /// A qrels line. A header line (first line whose score column is not a number) is skipped
  /// without a problem: check line.number == 1 && result empty && problems unchanged.
  std::optional<QrelsEntry> qrels(const TextLine& line, std::vector<Problem>& problems);

  /// Record number for MS MARCO-layout ids (counts records accepted so far).
  std::uint64_t recordsAccepted() const { return recordsAccepted_; }

 private:
  // Parses a corpus or queries line; fixes `layout` from the first record (see layoutOf).
  std::optional<simdjson::dom::object> evalObject(const TextLine& line, EvalLayout& layout,
                                                  std::string_view msMarcoKey,
                                                  std::vector<Problem>& problems);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint64_t maxLineBytes_;
  std::uint64_t recordsAccepted_ = 0;
};

}  // namespace embedlab

#include "core/data/labelled_pairs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/common/error.h"
#include "core/data/line_reader.h"
#include "core/data/training_data.h"

namespace embedlab {

namespace {

std::string lowered(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// 1 similar, 0 dissimilar, -1 not a label.
int parseLabel(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  const std::string label = lowered(text);
  if (label == "1" || label == "1.0" || label == "true" || label == "yes") return 1;
  if (label == "0" || label == "0.0" || label == "false" || label == "no") return 0;
  return -1;
}

std::vector<TextPair> readTsv(const std::filesystem::path& path) {
  LineReader reader(path);
  TextLine line;
  std::vector<TextPair> pairs;
  bool first = true;
  while (reader.next(line)) {
    if (line.tooLong) throw InputError(path.string(), line.number, "line too long");
    if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.text.find('\t', start);
      fields.push_back(line.text.substr(start, tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields.size() != 3) {
      throw InputError(path.string(), line.number,
                       fmt::format("expected 3 tab-separated fields (text_a, text_b, label), "
                                   "found {}",
                                   fields.size()));
    }
    const int label = parseLabel(fields[2]);
    if (label < 0) {
      if (first) {  // a header line
        first = false;
        continue;
      }
      throw InputError(path.string(), line.number,
                       fmt::format("label \"{}\" is not 1/0, true/false or yes/no", fields[2]));
    }
    first = false;
    pairs.push_back({std::string(fields[0]), std::string(fields[1]), label == 1, line.number});
  }
  return pairs;
}

}  // namespace

std::vector<TextPair> readLabelledPairs(const std::filesystem::path& path,
                                        std::vector<Problem>* warnings) {
  const std::string extension = lowered(path.extension().string());
  if (extension == ".tsv" || extension == ".txt") return readTsv(path);
  std::vector<TextPair> pairs;
  for (const TrainingExample& example : readTrainingData(path, warnings)) {
    for (const std::string& positive : example.positives)
      pairs.push_back({example.query, positive, true, example.line});
    for (const std::string& negative : example.negatives)
      pairs.push_back({example.query, negative, false, example.line});
  }
  return pairs;
}

}  // namespace embedlab

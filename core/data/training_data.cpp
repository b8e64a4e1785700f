#include "core/data/training_data.h"

#include "core/data/jsonl_writer.h"
#include "core/data/record_parsers.h"
#include "core/data/strict_reader.h"

namespace embedlab {

std::vector<TrainingExample> readTrainingData(const std::filesystem::path& path,
                                              std::vector<Problem>* warnings,
                                              ProgressObserver* progress,
                                              const CancellationToken* cancel,
                                              const LineReaderOptions& options) {
  std::vector<TrainingExample> examples;
  RecordParser parser(options.maxLineBytes);
  strict_reader::readAll(path, options, warnings, progress, cancel,
                         [&](const TextLine& line, std::vector<Problem>& problems) {
                           if (auto example = parser.training(line, problems)) {
                             examples.push_back(std::move(*example));
                           }
                         });
  return examples;
}

std::vector<std::string> readCandidatePool(const std::filesystem::path& path,
                                           std::vector<Problem>* warnings,
                                           ProgressObserver* progress,
                                           const CancellationToken* cancel,
                                           const LineReaderOptions& options) {
  std::vector<std::string> texts;
  RecordParser parser(options.maxLineBytes);
  strict_reader::readAll(path, options, warnings, progress, cancel,
                         [&](const TextLine& line, std::vector<Problem>& problems) {
                           if (auto text = parser.pool(line, problems)) {
                             texts.push_back(std::move(text->text));
                           }
                         });
  return texts;
}

void writeTrainingData(const std::filesystem::path& path,
                       const std::vector<TrainingExample>& examples) {
  JsonlWriter writer(path);
  for (const TrainingExample& example : examples) {
    writer.writeLine(toJsonLine(example));
  }
  writer.commit();
}

}  // namespace embedlab

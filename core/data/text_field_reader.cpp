#include "core/data/text_field_reader.h"

#include <fmt/format.h>

#include "core/common/error.h"
#include "core/data/json_fields.h"

namespace embedlab {

struct TextFieldReader::Impl {
  Impl(const std::filesystem::path& file, std::string mainField, std::string secondField)
      : reader(file), field(std::move(mainField)), pairField(std::move(secondField)), path(file) {}
  LineReader reader;
  std::string field;
  std::string pairField;
  simdjson::dom::parser parser;
  std::filesystem::path path;
};

TextFieldReader::TextFieldReader(const std::filesystem::path& path, std::string field,
                                 std::string pairField)
    : impl_(std::make_unique<Impl>(path, std::move(field), std::move(pairField))) {}

TextFieldReader::~TextFieldReader() = default;

bool TextFieldReader::next(std::size_t count, std::vector<TextRecord>& out) {
  out.clear();
  TextLine line;
  std::vector<Problem> problems;
  while (out.size() < count && impl_->reader.next(line)) {
    problems.clear();
    const auto object = json_fields::parseObjectLine(impl_->parser, line,
                                                     LineReaderOptions{}.maxLineBytes, problems);
    if (!object) {
      if (!problems.empty() && problems.front().kind == ProblemKind::BlankLine) continue;
      throw InputError(impl_->path.string(), line.number, problems.front().message);
    }
    const auto first = json_fields::requiredString(*object, impl_->field, line.number, problems);
    std::optional<std::string_view> second;
    if (!impl_->pairField.empty()) {
      second = json_fields::optionalString(*object, impl_->pairField, line.number, problems);
    }
    if (!problems.empty()) {
      throw InputError(impl_->path.string(), line.number, problems.front().message);
    }
    TextRecord record;
    record.line = line.number;
    record.first = std::string(*first);
    if (second) record.second = std::string(*second);
    record.json = std::string(line.text);
    out.push_back(std::move(record));
  }
  return !out.empty();
}

std::uint64_t TextFieldReader::bytesConsumed() const {
  return impl_->reader.bytesConsumed();
}
std::uint64_t TextFieldReader::fileSize() const {
  return impl_->reader.fileSize();
}

}  // namespace embedlab

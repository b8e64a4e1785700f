#include "core/data/jsonl_writer.h"

#include "core/common/error.h"

namespace embedlab {

void JsonlWriter::writeLine(std::string_view json) {
  if (json.find('\n') != std::string_view::npos) {
    throw Error("JSONL record " + std::to_string(lines_ + 1) + " for " + file_.target().string() +
                " contains a raw newline");
  }
  file_.write(json);
  file_.write("\n");
  ++lines_;
}

}  // namespace embedlab

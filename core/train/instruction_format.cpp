#include "core/train/instruction_format.h"

#include <fmt/format.h>

#include <vector>

#include "core/common/error.h"

namespace embedlab::train {

std::string InstructionFormat::apply(const std::string& instruction,
                                     const std::string& text) const {
  if (instruction.empty()) return text;
  return before + instruction + between + text + after;
}

InstructionFormat parseInstructionFormat(const std::string& format, const std::string& flag) {
  const auto invalid = [&](const std::string& why) {
    return UsageError(fmt::format(
        "{} \"{}\": {}; expected a format string with exactly two {{}}, the instruction's and "
        "the text's, e.g. \"{{}}{{}}\" or \"<instruct>{{}}\\n<query>{{}}\"",
        flag, format, why));
  };
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    const char next = i + 1 < format.size() ? format[i + 1] : '\0';
    if (c == '\\' && next == 'n') {
      parts.back() += '\n';
      ++i;
    } else if ((c == '{' && next == '{') || (c == '}' && next == '}')) {
      parts.back() += c;
      ++i;
    } else if (c == '{' && next == '}') {
      parts.emplace_back();
      ++i;
    } else if (c == '{' || c == '}') {
      throw invalid(fmt::format("a brace at character {} that is not {{}}, {{{{ or }}}}", i + 1));
    } else {
      parts.back() += c;
    }
  }
  if (parts.size() != 3) throw invalid(fmt::format("it has {} {{}}", parts.size() - 1));
  return {parts[0], parts[1], parts[2]};
}

}  // namespace embedlab::train

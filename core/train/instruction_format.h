// The reference's --query_instruction_format and --passage_instruction_format: Python format
// strings with two {} that join an instruction and a text, format(instruction, text), e.g.
// "<instruct>{}\n<query>{}". Torch-free.
#pragma once

#include <string>

namespace embedlab::train {

/// A format string cut at its two placeholders: before + instruction + between + text + after.
struct InstructionFormat {
  std::string before;
  std::string between;
  std::string after;

  /// format(instruction, text); the text alone when `instruction` is empty (the reference
  /// formats only when there is an instruction).
  std::string apply(const std::string& instruction, const std::string& text) const;
};

/// Reads `format` as Python's str.format would with two positional arguments: "{}" is a
/// placeholder, "{{" and "}}" are braces, and, as in the reference, the two characters "\n" are
/// a line break. Throws UsageError naming `flag` unless it holds exactly two {} and no other
/// field ("{0}", "{name}").
InstructionFormat parseInstructionFormat(const std::string& format, const std::string& flag);

}  // namespace embedlab::train

// Flags of the reference's scripts that EmbedLab does not take, refused with a sentence saying
// what to use instead, rather than CLI11's "unknown option": a command copied from the
// reference's documentation then tells its user what to change. Hidden from --help and the docs.
#pragma once

#include <initializer_list>
#include <string>

namespace CLI {
class App;
}

namespace embedlab::cli {

/// Adds to `command` a hidden flag for each of `names` (a name of the table in
/// refused_flags.cpp, e.g. "deepspeed"), taking any values; given, it stops the parse with the
/// flag's sentence (exit code 2).
void addRefusedFlags(CLI::App& command, std::initializer_list<const char*> names);

}  // namespace embedlab::cli

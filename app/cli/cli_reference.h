// The command line's reference, generated from the same CLI11 tree that parses it, so that the
// man page, the README's CLI reference and the bash completion can never drift from `--help`:
//   embedlab-cli docs man|markdown|bash-completion|json
// (a hidden subcommand; the build runs it to make the man page and the completion script).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace embedlab::cli {

/// What `docs` writes.
enum class ReferenceFormat { Man, Markdown, BashCompletion, Json };

/// The reference of `root` and its visible subcommands (hidden ones, in the group "", are left
/// out) in `format`. `date` (YYYY-MM-DD) goes into the man page's header.
std::string commandLineReference(const CLI::App& root, ReferenceFormat format,
                                 const std::string& version, const std::string& date);

}  // namespace embedlab::cli

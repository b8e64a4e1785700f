// `embedlab-cli runs`: the experiment history from the command line: list (with filters), show,
// compare (options side by side, --diff-only; final metrics with the best marked), note, tag,
// delete (asks unless --yes; model files only with --with-files), export (JSON or CSV) and
// import of run folders written elsewhere.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addRunsCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

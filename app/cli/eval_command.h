// `embedlab-cli eval`: retrieval metrics of one or more models on a BEIR-layout folder or an
// MS MARCO-style corpus + queries pair, with a TREC run file and a per-query table.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addEvalCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

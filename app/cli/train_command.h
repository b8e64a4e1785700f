// `embedlab-cli train`: contrastive fine-tuning with the reference workflow's options
// (underscore and dash spellings), a --config JSON file that flags override, JSON-lines progress,
// and --nproc_per_node N to start N worker processes on this machine.
#pragma once

#include "app/cli/cli_app.h"

namespace embedlab::cli {

void addTrainCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);
/// `train-reranker`: the same trainer with the reranker task (core/train/torch/training_task.h).
void addTrainRerankerCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);
/// `pretrain`: the same trainer on texts alone (TrainingOptions::task "pretrain").
void addPretrainCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action);

}  // namespace embedlab::cli

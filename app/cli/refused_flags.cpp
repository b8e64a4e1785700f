#include "app/cli/refused_flags.h"

#include <CLI/CLI.hpp>
#include <map>

#include "app/cli/option_names.h"

namespace embedlab::cli {

namespace {

// Each refused flag with what to use instead.
const std::map<std::string, std::string>& refusedFlags() {
  static const std::map<std::string, std::string> table = {
      {"deepspeed",
       "EmbedLab does not use DeepSpeed; to save memory use --gradient_checkpointing, "
       "--grad_cache and --bf16 or --fp16, and for several GPUs --nproc_per_node"},
      {"devices",
       "EmbedLab takes no list of GPUs; use --device (cuda, or cuda:N) and choose the GPUs with "
       "CUDA_VISIBLE_DEVICES"},
  };
  return table;
}

}  // namespace

void addRefusedFlags(CLI::App& command, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const std::string flag = std::string("--") + name;
    const std::string sentence = refusedFlags().at(name);
    command
        .add_option(
            bothSpellings(name),
            [flag, sentence](const CLI::results_t&) -> bool {
              throw CLI::ValidationError(flag, sentence);
            },
            sentence)
        ->expected(0, -1)
        ->trigger_on_parse()
        ->group("");  // hidden
  }
}

}  // namespace embedlab::cli

// embedlab-cli: the headless front end. Everything happens in core; see cli_app.h.
#include "app/cli/cli_app.h"
#include "core/runtime/process_environment.h"

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);  // may re-execute this binary once (see its header)
  return embedlab::cli::run(argc, argv);
}

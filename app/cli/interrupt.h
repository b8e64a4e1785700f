// Ctrl-C and SIGTERM for CLI jobs: the first signal asks the running job to stop at its next
// check point (it leaves no half-written output and exits with 130); a second one ends the
// process at once.
#pragma once

#include "core/common/progress.h"

namespace embedlab::cli {

/// Installs the handlers (once) and returns the token they set.
const CancellationToken& interruptToken();

}  // namespace embedlab::cli

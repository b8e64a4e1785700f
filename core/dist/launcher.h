// `embedlab-cli train --nproc_per_node N`: starts N worker processes of this same executable on
// this machine, with the variables torchrun would set (RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR,
// MASTER_PORT), forwards Ctrl-C to them (so they stop with a checkpoint), and when one fails
// stops the others instead of letting them wait for it forever. Torch-free.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/common/progress.h"

namespace embedlab::dist {

/// Runs `processes` workers, each `/proc/self/exe arguments...`; returns 0 when all succeed,
/// else the exit status of the first worker that failed (128 + signal for a killed one).
/// `note` receives one-line messages for the user.
int runLocalWorkers(int processes, const std::vector<std::string>& arguments,
                    const CancellationToken* interrupt,
                    const std::function<void(const std::string&)>& note);

/// True in a process started by runLocalWorkers.
bool isLaunchedWorker();

}  // namespace embedlab::dist

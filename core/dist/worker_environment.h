// Where this process sits in a multi-process run, read from the variables the launchers set:
// EmbedLab's own (`train --nproc_per_node N`), torchrun (RANK, LOCAL_RANK, WORLD_SIZE,
// MASTER_ADDR, MASTER_PORT, TORCHELASTIC_USE_AGENT_STORE) and Slurm srun (SLURM_PROCID,
// SLURM_LOCALID, SLURM_NTASKS, SLURM_NNODES; MASTER_ADDR must name the first node when the job
// spans several).
// Torch-free.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace embedlab::dist {

struct WorkerEnvironment {
  int rank = 0;
  int localRank = 0;
  int worldSize = 1;
  std::string masterAddress = "127.0.0.1";
  std::uint16_t masterPort = 29500;
  std::string launcher;  ///< "torchrun/embedlab", "slurm" or "single"
  /// torchrun's agent already serves the rendezvous store at MASTER_ADDR:MASTER_PORT
  /// (TORCHELASTIC_USE_AGENT_STORE=True): every worker connects to it as a client, under the
  /// key prefix below, as PyTorch's env:// rendezvous does.
  bool agentStore = false;
  std::string storePrefix;  ///< "/worker/attempt_N" with the agent's store
};

/// The environment of this process; a single process (world size 1) when nothing is set.
/// Throws UsageError for inconsistent values (rank outside the world, bad port).
WorkerEnvironment workerEnvironment();

}  // namespace embedlab::dist

#include "core/dist/worker_environment.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/common/error.h"

namespace embedlab::dist {

namespace {

std::optional<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || value[0] == '\0') return std::nullopt;
  return std::string(value);
}

int integer(const char* name, const std::string& text) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(fmt::format("{}={} is not a whole number", name, text));
}

}  // namespace

WorkerEnvironment workerEnvironment() {
  WorkerEnvironment environment;
  if (const auto world = variable("WORLD_SIZE")) {
    environment.launcher = "torchrun/embedlab";
    environment.worldSize = integer("WORLD_SIZE", *world);
    environment.rank = integer("RANK", variable("RANK").value_or("0"));
    environment.localRank = integer("LOCAL_RANK", variable("LOCAL_RANK").value_or("0"));
    const auto agentStore = variable("TORCHELASTIC_USE_AGENT_STORE");
    environment.agentStore =
        agentStore && (*agentStore == "True" || *agentStore == "true" || *agentStore == "1");
    if (environment.agentStore) {
      environment.storePrefix =
          "/worker/attempt_" + variable("TORCHELASTIC_RESTART_COUNT").value_or("0");
    }
  } else if (const auto tasks = variable("SLURM_NTASKS")) {
    environment.launcher = "slurm";
    environment.worldSize = integer("SLURM_NTASKS", *tasks);
    environment.rank = integer("SLURM_PROCID", variable("SLURM_PROCID").value_or("0"));
    environment.localRank = integer("SLURM_LOCALID", variable("SLURM_LOCALID").value_or("0"));
    // Rank 0 serves the rendezvous. On one node that is this machine; on several, only the
    // job script knows the first node's address (srun may be started from a login node).
    const int nodes = integer("SLURM_NNODES", variable("SLURM_NNODES").value_or("1"));
    if (nodes > 1 && !variable("MASTER_ADDR")) {
      throw UsageError(
          "this Slurm job spans several nodes: set MASTER_ADDR to the first one in the job "
          "script (export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | "
          "head -n 1))");
    }
  } else {
    environment.launcher = "single";
    return environment;
  }
  if (const auto address = variable("MASTER_ADDR")) environment.masterAddress = *address;
  if (const auto port = variable("MASTER_PORT")) {
    const int value = integer("MASTER_PORT", *port);
    if (value < 1 || value > 65535)
      throw UsageError(fmt::format("MASTER_PORT={} is not a port", value));
    environment.masterPort = static_cast<std::uint16_t>(value);
  }
  if (environment.worldSize < 1 || environment.rank < 0 ||
      environment.rank >= environment.worldSize) {
    throw UsageError(
        fmt::format("rank {} does not fit a world of {} processes (check RANK and "
                    "WORLD_SIZE, or SLURM_PROCID and SLURM_NTASKS)",
                    environment.rank, environment.worldSize));
  }
  return environment;
}

}  // namespace embedlab::dist

#include "core/dist/launcher.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "core/common/error.h"

namespace embedlab::dist {

namespace {

constexpr const char* kWorkerMarker = "EMBEDLAB_LAUNCHED_WORKER";

// A port the kernel reports free on the loopback interface (bound and released at once).
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw IoError("cannot open a socket", "127.0.0.1", errno);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw IoError("cannot find a free port", "127.0.0.1", errno);
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

int statusCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

bool isLaunchedWorker() {
  return std::getenv(kWorkerMarker) != nullptr;
}

int runLocalWorkers(int processes, const std::vector<std::string>& arguments,
                    const CancellationToken* interrupt,
                    const std::function<void(const std::string&)>& note) {
  const int port = freePort();
  std::vector<pid_t> workers;
  for (int rank = 0; rank < processes; ++rank) {
    const pid_t pid = ::fork();
    if (pid < 0) throw IoError("cannot start a worker process", "fork", errno);
    if (pid == 0) {
      ::setenv("RANK", std::to_string(rank).c_str(), 1);
      ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
      ::setenv("WORLD_SIZE", std::to_string(processes).c_str(), 1);
      ::setenv("LOCAL_WORLD_SIZE", std::to_string(processes).c_str(), 1);
      ::setenv("MASTER_ADDR", "127.0.0.1", 1);
      ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
      ::setenv(kWorkerMarker, "1", 1);
      std::vector<char*> argv;
      static char self[] = "embedlab-cli";
      argv.push_back(self);
      for (const std::string& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
      argv.push_back(nullptr);
      ::execv("/proc/self/exe", argv.data());
      ::_exit(127);
    }
    workers.push_back(pid);
  }
  note(fmt::format("started {} workers (ranks 0-{}), rendezvous on 127.0.0.1:{}", processes,
                   processes - 1, port));

  std::vector<bool> running(workers.size(), true);
  int remaining = processes;
  int result = 0;
  bool interruptForwarded = false;
  const auto stopOthers = [&](int signal) {
    for (std::size_t i = 0; i < workers.size(); ++i) {
      if (running[i]) ::kill(workers[i], signal);
    }
  };
  auto killDeadline = std::chrono::steady_clock::time_point::max();
  while (remaining > 0) {
    if (interrupt != nullptr && interrupt->cancelled() && !interruptForwarded) {
      stopOthers(SIGINT);  // workers stop at the next batch and save a checkpoint
      interruptForwarded = true;
    }
    if (std::chrono::steady_clock::now() > killDeadline) {
      stopOthers(SIGKILL);
      killDeadline = std::chrono::steady_clock::time_point::max();
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    for (std::size_t rank = 0; rank < workers.size(); ++rank) {
      if (workers[rank] != pid) continue;
      running[rank] = false;
      --remaining;
      const int code = statusCode(status);
      if (code != 0 && result == 0) {
        result = code;
        if (remaining > 0) {
          note(
              fmt::format("worker {} (pid {}) stopped with status {}; stopping the other "
                          "workers",
                          rank, pid, code));
          stopOthers(SIGTERM);
          killDeadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        }
      }
    }
  }
  return result;
}

}  // namespace embedlab::dist

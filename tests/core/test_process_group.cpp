// core/dist's process group, with two workers as two threads of this test: collectives that
// match work, and workers that issue different collectives (a desynchronised worker) stop at
// once with a message naming what each was doing, instead of pairing the wrong collectives or
// waiting for the timeout.
#include <netinet/in.h>
#include <sys/socket.h>
#include <torch/torch.h>
#include <unistd.h>
#include <QtTest/QtTest>

#include <chrono>
#include <functional>
#include <future>

#include "core/common/error.h"
#include "core/dist/torch/process_group.h"

using namespace embedlab;

namespace {

// A TCP port nobody listens on now.
std::uint16_t freePort() {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(socket);
  return ntohs(address.sin_port);
}

struct Outcome {
  std::string error;  ///< empty when the work finished
  double seconds = 0;
};

// Runs `work(group)` as ranks 0 and 1 of a two-worker group, each in its own thread.
std::vector<Outcome> runTwoWorkers(const std::function<void(dist::ProcessGroup&, int rank)>& work,
                                   int timeoutSeconds) {
  const std::uint16_t port = freePort();
  std::vector<std::future<Outcome>> workers;
  for (int rank = 0; rank < 2; ++rank) {
    workers.push_back(std::async(std::launch::async, [=] {
      dist::WorkerEnvironment environment;
      environment.rank = environment.localRank = rank;
      environment.worldSize = 2;
      environment.masterPort = port;
      environment.launcher = "test";
      Outcome outcome;
      const auto start = std::chrono::steady_clock::now();
      try {
        dist::ProcessGroup group(environment, torch::kCPU, "auto", timeoutSeconds);
        work(group, rank);
      } catch (const std::exception& error) {
        outcome.error = error.what();
      }
      outcome.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return outcome;
    }));
  }
  std::vector<Outcome> outcomes;
  for (auto& worker : workers)
    outcomes.push_back(worker.get());
  return outcomes;
}

}  // namespace

class TestProcessGroup : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchingCollectivesWork() {
    std::vector<double> sums[2];
    std::vector<torch::Tensor> gathered[2];
    float averaged[2] = {0, 0};
    const auto outcomes = runTwoWorkers(
        [&](dist::ProcessGroup& group, int rank) {
          sums[rank] = group.allReduceSum({1.0 + rank, 10.0 * rank});
          gathered[rank] = group.allGather(torch::full({2, 3}, static_cast<float>(rank)));
          std::vector<torch::Tensor> gradients{torch::full({4}, static_cast<float>(2 * rank))};
          group.allReduceMean(gradients);
          averaged[rank] = gradients[0][3].item<float>();
          group.barrier();
        },
        60);
    for (int rank = 0; rank < 2; ++rank) {
      QVERIFY2(outcomes[rank].error.empty(), outcomes[rank].error.c_str());
      QCOMPARE(sums[rank], (std::vector<double>{3.0, 10.0}));
      QCOMPARE(gathered[rank].size(), std::size_t{2});
      QCOMPARE(gathered[rank][1][1][2].item<float>(), 1.0f);
      QCOMPARE(averaged[rank], 1.0f);  // (0 + 2) / 2
    }
  }

  void aDesynchronisedWorkerFailsFast() {
    // Worker 1 issues an all-gather where worker 0 sums a value (what a batch-dependent branch
    // in the loss would do). The timeout is long: the failure must not come from it.
    const auto outcomes = runTwoWorkers(
        [](dist::ProcessGroup& group, int rank) {
          group.allReduceSum(1.0);  // in step
          if (rank == 0) {
            group.allReduceSum(2.0);
          } else {
            group.allGather(torch::ones({5, 4}));
          }
          group.barrier();
        },
        300);
    for (int rank = 0; rank < 2; ++rank) {
      const Outcome& outcome = outcomes[rank];
      QVERIFY2(outcome.error.find("the workers are out of step") != std::string::npos,
               outcome.error.c_str());
      QVERIFY2(outcome.error.find("worker 0: collective #2, an all-reduce of 1 elements; "
                                  "worker 1: collective #2, an all-gather of 20 elements") !=
                   std::string::npos,
               outcome.error.c_str());
      QVERIFY2(outcome.seconds < 60, qPrintable(QString::number(outcome.seconds)));
    }
  }
};

QTEST_GUILESS_MAIN(TestProcessGroup)
#include "test_process_group.moc"

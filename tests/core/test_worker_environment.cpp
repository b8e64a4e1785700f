// core/dist: where a process sits in a multi-process run, from torchrun's or Slurm's variables.
#include <QtTest/QtTest>

#include <cstdlib>

#include "core/common/error.h"
#include "core/dist/worker_environment.h"

using namespace embedlab;

class TestWorkerEnvironment : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    for (const char* name : {"WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT",
                             "SLURM_NTASKS", "SLURM_PROCID", "SLURM_LOCALID", "SLURM_NNODES",
                             "TORCHELASTIC_USE_AGENT_STORE", "TORCHELASTIC_RESTART_COUNT"}) {
      ::unsetenv(name);
    }
  }

  void aLoneProcessIsWorldOfOne() {
    const auto environment = dist::workerEnvironment();
    QCOMPARE(environment.worldSize, 1);
    QCOMPARE(environment.rank, 0);
    QCOMPARE(environment.launcher, std::string("single"));
  }

  void torchrunVariables() {
    ::setenv("WORLD_SIZE", "8", 1);
    ::setenv("RANK", "5", 1);
    ::setenv("LOCAL_RANK", "1", 1);
    ::setenv("MASTER_ADDR", "10.0.0.2", 1);
    ::setenv("MASTER_PORT", "29600", 1);
    const auto environment = dist::workerEnvironment();
    QCOMPARE(environment.worldSize, 8);
    QCOMPARE(environment.rank, 5);
    QCOMPARE(environment.localRank, 1);
    QCOMPARE(environment.masterAddress, std::string("10.0.0.2"));
    QCOMPARE(environment.masterPort, std::uint16_t{29600});
  }

  void torchrunsAgentServesTheStore() {
    ::setenv("WORLD_SIZE", "2", 1);
    ::setenv("RANK", "0", 1);
    QVERIFY(!dist::workerEnvironment().agentStore);  // our own launcher: rank 0 serves
    ::setenv("TORCHELASTIC_USE_AGENT_STORE", "True", 1);
    ::setenv("TORCHELASTIC_RESTART_COUNT", "2", 1);
    const auto environment = dist::workerEnvironment();
    QVERIFY(environment.agentStore);
    QCOMPARE(environment.storePrefix, std::string("/worker/attempt_2"));
  }

  void slurmVariables() {
    ::setenv("SLURM_NTASKS", "4", 1);
    ::setenv("SLURM_PROCID", "3", 1);
    ::setenv("SLURM_LOCALID", "1", 1);
    ::setenv("SLURM_NNODES", "1", 1);
    auto environment = dist::workerEnvironment();
    QCOMPARE(environment.launcher, std::string("slurm"));
    QCOMPARE(environment.rank, 3);
    QCOMPARE(environment.localRank, 1);
    QCOMPARE(environment.masterAddress, std::string("127.0.0.1"));  // one node: this machine
    // Several nodes: only the job script knows the first node, so it must say.
    ::setenv("SLURM_NNODES", "2", 1);
    QVERIFY_THROWS_EXCEPTION(UsageError, dist::workerEnvironment());
    ::setenv("MASTER_ADDR", "node01", 1);
    QCOMPARE(dist::workerEnvironment().masterAddress, std::string("node01"));
  }

  void inconsistentValuesAreErrors() {
    ::setenv("WORLD_SIZE", "2", 1);
    ::setenv("RANK", "2", 1);
    QVERIFY_THROWS_EXCEPTION(UsageError, dist::workerEnvironment());
    ::setenv("RANK", "one", 1);
    QVERIFY_THROWS_EXCEPTION(UsageError, dist::workerEnvironment());
    ::setenv("RANK", "0", 1);
    ::setenv("MASTER_PORT", "70000", 1);
    QVERIFY_THROWS_EXCEPTION(UsageError, dist::workerEnvironment());
  }
};

QTEST_GUILESS_MAIN(TestWorkerEnvironment)
#include "test_worker_environment.moc"

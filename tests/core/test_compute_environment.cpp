// core/runtime: BLAS detection, the thread plan, where the thread count comes from, and the CPU's
// bf16 support.
#include <QFile>
#include <QtTest/QtTest>

#include <cstdlib>

#include "core/common/error.h"
#include "core/runtime/compute_environment.h"
#include "core/runtime/cpu_features.h"
#include "core/runtime/process_environment.h"

using namespace embedlab;

class TestComputeEnvironment : public QObject {
  Q_OBJECT

 private slots:
  void init() { ::unsetenv("EMBEDLAB_THREADS"); }

  void detectsTheBlasLibTorchUses() {
    const BlasInfo blas = detectBlas();
    QVERIFY2(!blas.library.empty(), "no library provides sgemm_ in a process that loads LibTorch");
    // scripts/install-deps.sh installs OpenBLAS; the reference BLAS case is checked by
    // test_cli_validate with LD_LIBRARY_PATH pointing at it.
    QCOMPARE(blas.kind, BlasInfo::Kind::OpenBlas);
    QVERIFY(QString::fromStdString(blas.description).startsWith("OpenBLAS 0."));
    QVERIFY(activeOpenBlasCore().has_value());
  }

  void threadPlanFollowsTheMeasurements() {
    // OpenBLAS with spinning OpenMP workers: all threads to BLAS, one to LibTorch.
    auto plan = chooseThreadPlan(8, BlasInfo::Kind::OpenBlas, false);
    QCOMPARE(plan.torchThreads, 1);
    QCOMPARE(plan.blasThreads, 8);
    // Passive OpenMP workers share the cores: both pools get all threads.
    plan = chooseThreadPlan(8, BlasInfo::Kind::OpenBlas, true);
    QCOMPARE(plan.torchThreads, 8);
    QCOMPARE(plan.blasThreads, 8);
    // Without an OpenBLAS pool, LibTorch's OpenMP pool does the threading.
    plan = chooseThreadPlan(4, BlasInfo::Kind::Reference, false);
    QCOMPARE(plan.torchThreads, 4);
    plan = chooseThreadPlan(0, BlasInfo::Kind::Mkl, false);
    QCOMPARE(plan.torchThreads, 1);
  }

  void threadCountSources() {
    ComputeEnvironment environment = configureComputeEnvironment(std::nullopt);
    QCOMPARE(environment.threadSource, ThreadSource::Cpus);
    QCOMPARE(environment.cpuThreads, usableCpuCount());
    QVERIFY(environment.cpuThreads >= 1);

    ::setenv("EMBEDLAB_THREADS", "3", 1);
    environment = configureComputeEnvironment(std::nullopt);
    QCOMPARE(environment.threadSource, ThreadSource::Environment);
    QCOMPARE(environment.cpuThreads, 3);

    environment = configureComputeEnvironment(5);  // --threads wins over the variable
    QCOMPARE(environment.threadSource, ThreadSource::CommandLine);
    QCOMPARE(environment.cpuThreads, 5);
    QCOMPARE(environment.threads.blasThreads, 5);
    QVERIFY(QString::fromStdString(describe(environment)).contains("set by --threads"));

    ::setenv("EMBEDLAB_THREADS", "many", 1);
    QVERIFY_THROWS_EXCEPTION(UsageError, configureComputeEnvironment(std::nullopt));
    ::setenv("EMBEDLAB_THREADS", "0", 1);
    QVERIFY_THROWS_EXCEPTION(UsageError, configureComputeEnvironment(std::nullopt));
    QVERIFY_THROWS_EXCEPTION(UsageError, configureComputeEnvironment(0));
  }

  void bf16SupportAgreesWithTheKernel() {
    // cpuid against what Linux says in /proc/cpuinfo (which also hides what the OS does not
    // enable), and the environment line says it.
    QFile cpuinfo("/proc/cpuinfo");
    if (!cpuinfo.open(QIODevice::ReadOnly)) QSKIP("no /proc/cpuinfo");
    QString flags;
    for (const QByteArray& line : cpuinfo.readAll().split('\n')) {
      if (line.startsWith("flags")) {
        flags = QString::fromLatin1(line) + " ";
        break;
      }
    }
    const CpuFeatures features = detectCpuFeatures();
    QCOMPARE(features.avx512Bf16, flags.contains(" avx512_bf16 "));
    QCOMPARE(features.amxBf16, flags.contains(" amx_bf16 "));
    QCOMPARE(features.avx512Vnni, flags.contains(" avx512_vnni "));
    const QString line = QString::fromStdString(describe(configureComputeEnvironment(1)));
    QVERIFY2(line.contains(features.nativeBf16() ? "CPU bf16: native" : "CPU bf16: not native"),
             qPrintable(line));
  }

  void warnsOnlyForTheReferenceBlas() {
    ComputeEnvironment environment;
    environment.blas.kind = BlasInfo::Kind::OpenBlas;
    QVERIFY(!blasWarning(environment).has_value());
    environment.blas.kind = BlasInfo::Kind::Reference;
    environment.blas.library = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
    const auto warning = blasWarning(environment);
    QVERIFY(warning.has_value());
    QVERIFY(warning->find("libopenblas0-pthread") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestComputeEnvironment)
#include "test_compute_environment.moc"

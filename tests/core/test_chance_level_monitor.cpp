// The reranker trainer's chance-level hint: said once, only after the loss has stayed at ln G
// for the whole patience, not while it is merely starting there or once it has left it; and the
// init-model marker it relies on to tell random weights from pretrained ones.
#include <QtTest/QtTest>

#include <cmath>

#include "core/model/encoder_config.h"
#include "core/train/chance_level_monitor.h"

using namespace embedlab;
using namespace embedlab::train;

class TestChanceLevelMonitor : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void saysItOnceAfterThePatience() {
    ChanceLevelMonitor monitor(8, 0, 200);
    const double chance = std::log(8.0);
    QCOMPARE(monitor.chanceLoss(), chance);
    for (std::int64_t step = 50; step < 200; step += 50)
      QVERIFY(!monitor.observe(step, chance + 0.001));
    const auto message = monitor.observe(200, chance - 0.01);  // within 2 %
    QVERIFY(message);
    QVERIFY2(message->find("ln 8 = 2.079") != std::string::npos, message->c_str());
    QVERIFY2(message->find("for 200 steps") != std::string::npos, message->c_str());
    QVERIFY(!monitor.observe(250, chance));  // once
  }

  void aLossThatLeftChanceStartsTheCountAgain() {
    ChanceLevelMonitor monitor(8, 0, 200);
    const double chance = std::log(8.0);
    QVERIFY(!monitor.observe(100, chance));
    QVERIFY(!monitor.observe(150, chance * 0.9));  // learning
    QVERIFY(!monitor.observe(200, chance));
    QVERIFY(!monitor.observe(300, chance));  // stuck since 150: 150 steps
    QVERIFY(monitor.observe(350, chance));   // 200 steps
  }

  void aLearningRunIsNeverTold() {
    ChanceLevelMonitor monitor(4, 0, 100);
    double loss = std::log(4.0);
    for (std::int64_t step = 10; step <= 1000; step += 10) {
      loss *= 0.99;
      QVERIFY(!monitor.observe(step, loss));
    }
  }

  void countsFromTheResumedStep() {
    ChanceLevelMonitor monitor(8, 1000, 200);
    QVERIFY(!monitor.observe(1100, std::log(8.0)));
    QVERIFY(monitor.observe(1200, std::log(8.0)));
  }

  void aLossAboveChanceCountsAsStuck() {  // worse than uniform is not learning either
    ChanceLevelMonitor monitor(2, 0, 10);
    QVERIFY(monitor.observe(10, 3.0));
  }

  void initModelMarker() {
    model::EncoderConfig config;
    QVERIFY(!config.createdByInitModel());
    config.raw["created_by"] = "embedlab 0.1.0 init-model (seed 1)";
    QVERIFY(config.createdByInitModel());
    config.raw["created_by"] = "embedlab 0.1.0 merge";
    QVERIFY(!config.createdByInitModel());
    config.raw["created_by"] = 3;
    QVERIFY(!config.createdByInitModel());
  }
};

QTEST_GUILESS_MAIN(TestChanceLevelMonitor)
#include "test_chance_level_monitor.moc"

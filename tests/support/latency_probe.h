// Measures how long a test's UI thread was blocked while work streams in: the longest stretch of
// the thread's own CPU time between ticks of a 10 ms timer (what our code did on it), and the
// longest wall-clock gap (which also counts the time the scheduler gave the two cores to other
// processes and tests, so it is only reported). A UI thread waiting without CPU, e.g. on I/O,
// is not caught by this probe.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <ctime>

namespace embedlab::test {

inline qint64 threadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

class LatencyProbe : public QObject {
 public:
  LatencyProbe() {
    clock_.start();
    cpu_ = threadCpuMs();
    timer_.setInterval(10);
    connect(&timer_, &QTimer::timeout, this, [this] {
      worstWall_ = std::max(worstWall_, clock_.restart());
      const qint64 cpu = threadCpuMs();
      worst_ = std::max(worst_, cpu - cpu_);
      cpu_ = cpu;
    });
    timer_.start();
  }
  void stop() { timer_.stop(); }
  qint64 worstMs() const { return worst_; }
  qint64 worstWallMs() const { return worstWall_; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 cpu_ = 0;
  qint64 worstWall_ = 0;
  qint64 worst_ = 0;
};

}  // namespace embedlab::test

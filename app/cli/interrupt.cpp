#include "app/cli/interrupt.h"

#include <csignal>
#include <cstdlib>

namespace embedlab::cli {

namespace {

CancellationToken token;
volatile std::sig_atomic_t signals = 0;

extern "C" void onSignal(int signal) {
  if (signals++ > 0) std::_Exit(128 + signal);
  token.cancel();  // an atomic store: safe in a signal handler
}

}  // namespace

const CancellationToken& interruptToken() {
  static const bool installed = [] {
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    return true;
  }();
  (void)installed;
  return token;
}

}  // namespace embedlab::cli

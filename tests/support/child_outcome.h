// Runs a parser on hostile input in a forked child, so that a crash fails one test instead of
// ending the run (the fuzz tests of the safetensors header and of the state-dict unpickler).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <exception>
#include <string>

#include "core/common/error.h"

namespace embedlab::test {

/// What `action` did when run in a forked child: "InputError", "IoError", "accepted", another
/// exception's description, or "crashed (signal N)". Lets a test survive a crash it detects.
template <typename Action>
std::string outcomeInChild(Action&& action) {
  const pid_t child = ::fork();
  if (child == 0) {
    // Die of the signal at once: Qt Test's crash handler would print a stack trace (with gdb,
    // which takes minutes for a stack overflow) and report a crash of the whole test.
    for (const int number : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT})
      std::signal(number, SIG_DFL);
    int code = 0;
    try {
      action();
      code = 10;
    } catch (const InputError&) {
      code = 0;
    } catch (const IoError&) {
      code = 11;
    } catch (const Error&) {
      code = 12;
    } catch (const std::exception&) {
      code = 13;
    } catch (...) {
      code = 14;
    }
    ::_exit(code);
  }
  if (child < 0) return "fork failed";
  int status = 0;
  if (::waitpid(child, &status, 0) != child) return "waitpid failed";
  if (WIFSIGNALED(status)) return "crashed (signal " + std::to_string(WTERMSIG(status)) + ")";
  switch (WEXITSTATUS(status)) {
    case 0: return "InputError";
    case 10: return "accepted";
    case 11: return "IoError";
    case 12: return "another embedlab::Error";
    case 13: return "a non-EmbedLab std::exception";
    case 14: return "a non-std exception";
    default: return "exit code " + std::to_string(WEXITSTATUS(status));
  }
}

}  // namespace embedlab::test

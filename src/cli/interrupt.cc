#include "src/cli/interrupt.h"

#include <signal.h>
#include <unistd.h>

namespace annals::cli {
namespace {

// A signal handler can reach nothing but globals: these two are the whole
// state, written only by the handler (lock-free atomics are async-signal-safe).
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
struct sigaction g_old_int, g_old_term;

static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void OnSignal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
  // write(2) is async-signal-safe; stdio is not.
  constexpr char kNote[] =
      "\nannals: stopping once the pages read so far are stored (a second signal stops at "
      "once)\n";
  const ssize_t n = write(STDERR_FILENO, kNote, sizeof kNote - 1);
  (void)n;
}

}  // namespace

InterruptFlag::InterruptFlag() {
  g_stop.store(false);
  g_signal.store(0);
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = static_cast<int>(SA_RESETHAND);  // a second signal takes the default action
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptFlag::~InterruptFlag() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

const std::atomic<bool>* InterruptFlag::flag() const { return &g_stop; }

int InterruptFlag::signal() const { return g_signal.load(); }

}  // namespace annals::cli

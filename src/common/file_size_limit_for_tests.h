// For tests: a limit on the size of the files the process writes, for a
// scope, so that write() fails as on a full disk (EFBIG). The SIGXFSZ that
// such a write also raises is ignored while the limit holds.
#pragma once

#include <sys/resource.h>

#include <csignal>

namespace annals::fixtures {

class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ok_ = getrlimit(RLIMIT_FSIZE, &old_) == 0;
    handler_ = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = old_;
    limit.rlim_cur = bytes;
    ok_ = ok_ && setrlimit(RLIMIT_FSIZE, &limit) == 0;
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

  bool ok() const { return ok_; }  // the limit holds

 private:
  struct rlimit old_ = {};
  void (*handler_)(int) = SIG_DFL;
  bool ok_ = false;
};

}  // namespace annals::fixtures

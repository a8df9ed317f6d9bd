#include "src/store/writer_lock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace annals::store {

std::string WriterLock::LockPath(const std::string& archive_path) {
  return archive_path.empty() ? std::string() : archive_path + "-lock";
}

Result<WriterLock> WriterLock::Acquire(const std::string& archive_path,
                                       const std::function<void(const std::string&)>& on_wait) {
  if (archive_path.empty()) return WriterLock();
  const std::string path = LockPath(archive_path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Fail(ErrorCode::kIo,
                "cannot create the lock file " + path + ": " + std::strerror(errno));
  }
  WriterLock lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return lock;
  if (errno != EWOULDBLOCK) {
    return Fail(ErrorCode::kIo, "cannot lock " + path + ": " + std::strerror(errno));
  }
  if (on_wait) {
    on_wait("another annals process is writing " + archive_path + "; waiting for it to finish");
  }
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      return Fail(ErrorCode::kIo, "cannot lock " + path + ": " + std::strerror(errno));
    }
  }
  return lock;
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);
}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

}  // namespace annals::store

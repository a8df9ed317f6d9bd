// WriterLock: one writer at a time on an archive file, across processes.
//
// Why a lock file and not one SQLite transaction for the whole ingest: an
// ingest commits a batch at a time, so that a killed ingest keeps what it
// stored and a rerun goes on from there, readers see each batch, and the WAL
// stays the size of one batch. SQLite's own lock is free between those
// transactions, so two ingests interleave: each read the dedup keys when it
// started, and both stored the same stories. The lock is an flock(2) on
// "ARCHIVE-lock" beside the archive, held from before the dedup keys are
// read until the writing is done; the kernel releases it when the process
// ends, however it ends (kill -9 included), so a stale lock cannot be left.
// Thread safety: a WriterLock is owned by one thread; flock locks belong to
// the open file, so two WriterLocks of one process on one archive exclude
// each other too.
#pragma once

#include "annals/result.h"

#include <functional>
#include <string>

namespace annals::store {

class WriterLock {
 public:
  // The lock file of `archive_path` ("" for an archive in memory, which
  // needs none).
  static std::string LockPath(const std::string& archive_path);

  // Takes the lock of `archive_path`, waiting while another writer holds
  // it; `on_wait` (may be empty) is called once before the wait, with a
  // line saying so. An empty path (an archive in memory) takes nothing.
  // Errors: kIo when the lock file cannot be created or locked.
  static Result<WriterLock> Acquire(const std::string& archive_path,
                                    const std::function<void(const std::string&)>& on_wait);

  WriterLock() = default;
  ~WriterLock();
  WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  WriterLock& operator=(WriterLock&& other) noexcept;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace annals::store

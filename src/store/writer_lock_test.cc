#include "src/store/writer_lock.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace annals::store {
namespace {

std::string TempArchive(const char* name) {
  return (std::filesystem::temp_directory_path() /
          (std::string(name) + "-" + std::to_string(getpid()) + ".db"))
      .string();
}

TEST(WriterLock, SecondWriterWaitsAndIsTold) {
  const std::string path = TempArchive("writer_lock");
  auto first = WriterLock::Acquire(path, {});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(std::filesystem::exists(WriterLock::LockPath(path)));
  std::atomic<bool> told = false, locked = false;
  std::string notice;
  std::thread second([&] {
    auto lock = WriterLock::Acquire(path, [&](const std::string& m) {
      notice = m;
      told = true;
    });
    locked = static_cast<bool>(lock);
  });
  for (int i = 0; i < 200 && !told; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_TRUE(told);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(locked) << "the second writer did not wait";
  *first = WriterLock();  // released
  second.join();
  EXPECT_TRUE(locked);
  EXPECT_NE(notice.find("waiting"), std::string::npos) << notice;
  EXPECT_NE(notice.find(path), std::string::npos) << notice;
  std::filesystem::remove(WriterLock::LockPath(path));
}

TEST(WriterLock, FreeLockIsTakenWithoutNotice) {
  const std::string path = TempArchive("writer_lock_free");
  bool told = false;
  {
    auto lock = WriterLock::Acquire(path, [&](const std::string&) { told = true; });
    ASSERT_TRUE(lock);
  }
  auto again = WriterLock::Acquire(path, [&](const std::string&) { told = true; });
  ASSERT_TRUE(again);
  EXPECT_FALSE(told);
  std::filesystem::remove(WriterLock::LockPath(path));
}

TEST(WriterLock, ArchiveInMemoryNeedsNone) {
  EXPECT_EQ(WriterLock::LockPath(""), "");
  EXPECT_TRUE(WriterLock::Acquire("", {}));
}

TEST(WriterLock, UnwritableFolderIsAnError) {
  auto lock = WriterLock::Acquire("/nonexistent-dir-for-annals/a.db", {});
  ASSERT_FALSE(lock);
  EXPECT_EQ(lock.error().code, ErrorCode::kIo);
  EXPECT_NE(lock.error().message.find("a.db-lock"), std::string::npos);
}

}  // namespace
}  // namespace annals::store

// For tests: a fixture that gives each test its own archive path in the
// temporary directory, removed with its -wal and -shm files before and after.
#pragma once

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <utility>

namespace annals::store::fixtures {

class TempArchiveTest : public ::testing::Test {
 protected:
  // `prefix` starts the file's name; the run's seed and the test's name follow.
  explicit TempArchiveTest(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
    path_ =
        (std::filesystem::temp_directory_path() /
         (prefix_ + std::to_string(unit.random_seed()) + unit.current_test_info()->name() + ".db"))
            .string();
    Cleanup();
  }
  void TearDown() override { Cleanup(); }
  void Cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  std::string path_;

 private:
  std::string prefix_;
};

}  // namespace annals::store::fixtures

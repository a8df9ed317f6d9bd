#include "src/ingest/source.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace annals::ingest {
namespace {
namespace fs = std::filesystem;

TEST(SourceTest, ExpandsDirectoriesSortedAndReportsMissing) {
  fs::path dir = fs::temp_directory_path() / "annals_source_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  fs::create_directories(dir / ".hidden");
  std::ofstream(dir / "b.txt") << "b";
  std::ofstream(dir / "sub" / "a.txt") << "a";
  std::ofstream(dir / ".hidden" / "c.txt") << "c";
  std::ofstream(dir / ".dotfile") << "d";
  std::vector<InputProblem> problems;
  auto files = ExpandInputs({dir.string(), (dir / "missing.txt").string(), "-"}, &problems);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], (dir / "b.txt").string());
  EXPECT_EQ(files[1], (dir / "sub" / "a.txt").string());
  EXPECT_EQ(files[2], "-");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].reason, "no such file or directory");
  fs::remove_all(dir);
}

TEST(SourceTest, ReadInputGivesOnePagePerFileAndLimitsSize) {
  fs::path f = fs::temp_directory_path() / "annals_source_test_page.txt";
  std::ofstream(f) << "Hello page";
  std::vector<Page> pages;
  ReadStats stats;
  ASSERT_TRUE(ReadInput(f.string(), ReadOptions{}, [&](Page&& p) { pages.push_back(p); }, &stats));
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].bytes, "Hello page");
  EXPECT_EQ(pages[0].name, f.string());
  ReadOptions tiny;
  tiny.max_page_bytes = 4;
  auto s = ReadInput(f.string(), tiny, [&](Page&&) {}, &stats);
  EXPECT_FALSE(s);
  auto missing = ReadInput("/nonexistent/annals.txt", ReadOptions{}, [&](Page&&) {}, &stats);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  fs::remove(f);
}

}  // namespace
}  // namespace annals::ingest

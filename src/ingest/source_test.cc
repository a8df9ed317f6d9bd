#include "src/ingest/source.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

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

// What a directory holds but files is named with its reason, not passed
// over (issue 24); a FIFO is not opened (that would wait for a writer).
TEST(SourceTest, ReportsWhatIsNotAFile) {
  fs::path dir = fs::temp_directory_path() / "annals_source_test_odd";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "page.txt") << "p";
  ASSERT_EQ(mkfifo((dir / "fifo").c_str(), 0600), 0);
  fs::create_symlink("loop_b", dir / "loop_a");
  fs::create_symlink("loop_a", dir / "loop_b");
  fs::create_symlink("nowhere.txt", dir / "dangling");
  fs::create_directory_symlink("sub", dir / "sub_link");
  fs::create_symlink("page.txt", dir / "page_link.txt");
  std::vector<InputProblem> problems;
  auto files = ExpandInputs({dir.string()}, &problems);
  // The link is named by the file it leads to: page.txt, listed already.
  EXPECT_EQ(files, (std::vector<std::string>{(dir / "page.txt").string()}));
  std::map<std::string, std::string> why;
  for (const InputProblem& p : problems) why[fs::path(p.name).filename().string()] = p.reason;
  EXPECT_EQ(why.size(), 6u);
  EXPECT_EQ(why["page.txt"], "named more than once: read once");
  EXPECT_EQ(why["fifo"], "a FIFO (named pipe), not read");
  EXPECT_EQ(why["loop_a"], "a symbolic link loop");
  EXPECT_EQ(why["loop_b"], "a symbolic link loop");
  EXPECT_EQ(why["dangling"], "a symbolic link to nothing");
  EXPECT_EQ(why["sub_link"], "a symbolic link to a directory, not followed");
  fs::remove_all(dir);
}

// A file named twice is listed once (issue 24): a folder twice, a folder
// and one of its files, a link to a file of another folder and that file.
TEST(SourceTest, ListsAFileNamedTwiceOnce) {
  fs::path dir = fs::temp_directory_path() / "annals_source_test_twice";
  fs::remove_all(dir);
  fs::create_directories(dir / "pages");
  fs::create_directories(dir / "links");
  std::ofstream(dir / "pages" / "a.txt") << "a";
  std::ofstream(dir / "pages" / "b.txt") << "b";
  fs::create_symlink("../pages/b.txt", dir / "links" / "b.txt");
  const std::string pages = (dir / "pages").string(), a = (dir / "pages" / "a.txt").string(),
                    b = (dir / "pages" / "b.txt").string();
  std::vector<InputProblem> problems;
  std::vector<bool> regular;
  auto files = ExpandInputs({(dir / "links").string(), pages, a, pages}, &problems, &regular);
  EXPECT_EQ(files, (std::vector<std::string>{b, a}));
  EXPECT_EQ(regular, (std::vector<bool>{true, true}));
  std::vector<std::string> twice;
  for (const InputProblem& p : problems) {
    EXPECT_EQ(p.reason, "named more than once: read once");
    twice.push_back(p.name);
  }
  EXPECT_EQ(twice, (std::vector<std::string>{b, a, a, b}));
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
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(s.error().message.find("page limit"), std::string::npos);
  tiny.max_page_bytes = 10;  // exactly the page's size
  pages.clear();
  ASSERT_TRUE(ReadInput(f.string(), tiny, [&](Page&& p) { pages.push_back(p); }, &stats));
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].bytes, "Hello page");
  auto missing = ReadInput("/nonexistent/annals.txt", ReadOptions{}, [&](Page&&) {}, &stats);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  auto dir = ReadInput(fs::temp_directory_path().string(), ReadOptions{}, [&](Page&&) {}, &stats);
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code, ErrorCode::kIo);
  fs::remove(f);
}

TEST(SourceTest, ReadsPagesFromPipesWholeAndWithinTheLimit) {
  const fs::path fifo = fs::temp_directory_path() / "annals_source_test_fifo";
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // More than one read's buffer, in small writes.
  std::string text;
  for (int i = 0; text.size() < 200000; ++i) text += "Line " + std::to_string(i) + " of a page.\n";
  std::thread writer([&] {
    std::ofstream out(fifo);
    for (size_t at = 0; at < text.size(); at += 1000) out << text.substr(at, 1000) << std::flush;
  });
  std::vector<Page> pages;
  ReadStats stats;
  Status st = ReadInput(fifo.string(), ReadOptions{}, [&](Page&& p) { pages.push_back(p); }, &stats);
  writer.join();
  ASSERT_TRUE(st) << st.error().message;
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].bytes, text);
  // The reader stops at the limit and closes the pipe: the writer's next
  // write fails (EPIPE) instead of killing the test.
  std::signal(SIGPIPE, SIG_IGN);
  std::thread again([&] { std::ofstream(fifo) << text; });
  ReadOptions tiny;
  tiny.max_page_bytes = 100000;
  st = ReadInput(fifo.string(), tiny, [&](Page&&) {}, &stats);
  again.join();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidInput);
  fs::remove(fifo);
}

TEST(SourceTest, TellsWarcFilesByContentEvenOverThePageLimit) {
  auto record = [](const std::string& uri) {
    const std::string body = "<html><body><p>A story at " + uri + ".</p></body></html>";
    const std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body;
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
           "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
           std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  };
  const fs::path f = fs::temp_directory_path() / "annals_source_test_crawl.warc";
  const std::string all = record("https://e.org/a") + record("https://e.org/b") +
                          record("https://e.org/c");
  std::ofstream(f) << all;
  for (size_t limit : {all.size() * 2, all.size() / 2}) {  // read whole, or told by its head
    std::vector<Page> pages;
    ReadStats stats;
    ReadOptions options;
    options.max_page_bytes = limit;
    Status st = ReadInput(f.string(), options, [&](Page&& p) { pages.push_back(p); }, &stats);
    ASSERT_TRUE(st) << st.error().message;
    ASSERT_EQ(pages.size(), 3u) << limit;
    EXPECT_EQ(pages[2].name, "https://e.org/c");
    EXPECT_EQ(stats.records, 3);
  }
  fs::remove(f);
}

}  // namespace
}  // namespace annals::ingest

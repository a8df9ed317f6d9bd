#include "src/pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <span>

#include "src/dedup/deduplicator.h"

namespace annals::pipeline {
namespace {
namespace fs = std::filesystem;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("annals_pipeline_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << content;
    return p.string();
  }
  fs::path dir_;
};

size_t KeyRows(store::StoryStore* st) {
  size_t rows = 0;
  EXPECT_TRUE(st->ForEachKeySetUpTo(
      std::numeric_limits<int64_t>::max(),
      [&](std::string_view, std::span<const uint64_t>, std::span<const uint64_t>) { ++rows; }));
  return rows;
}

const std::string kFirst =
    "On 12 March 2024 the secretary general of the league and his deputy visited the "
    "northern port to open the new training centre for harbour pilots and crews.";
const std::string kSecond = "Delegates from all member ports took part in the opening.";

// An archive whose stories were stored with keys of an older version (here
// none at all) gets the keys it lacks at the next ingest, once: a page that
// only starts like a stored story's first paragraph then joins it.
TEST_F(PipelineTest, IngestUpgradesOlderDedupKeys) {
  const std::string db = (dir_ / "a.db").string();
  auto opened = store::StoryStore::Open(db);
  ASSERT_TRUE(opened) << opened.error().message;
  store::StoryStore* st = opened->get();
  const std::string text = kFirst + "\n\n" + kSecond;
  ASSERT_TRUE(st->UpsertStory(Story{.id = dedup::StoryId(text), .date = "2024-03-12",
                                    .title = "Visit", .text = text,
                                    .sources = {{"old.txt", SourceRole::kArticle}}}));
  ASSERT_EQ(*st->DedupKeysVersion(), 0);

  const std::string page = Write(
      "new.txt",
      "On 12 March 2024 the secretary general of the league and his deputy visited the "
      "northern port to open the new training centre for ...\n");
  PipelineOptions options;
  options.relate = false;
  options.threads = 1;
  auto report = Ingest(st, {page}, options, {});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->stories_new, 0);
  EXPECT_EQ(report->stories_seen_again, 1);
  EXPECT_EQ(*st->DedupKeysVersion(), dedup::kKeysVersion);
  auto story = st->LoadStory(dedup::StoryId(text));
  ASSERT_TRUE(story && *story);
  EXPECT_EQ((*story)->sources.size(), 2u);

  // Once: the next ingest adds no upgrade keys (nothing to add for the page,
  // which is unchanged).
  const size_t rows = KeyRows(st);
  ASSERT_TRUE(Ingest(st, {page}, options, {}));
  EXPECT_EQ(KeyRows(st), rows);
}

// A new archive records the current version, so that its stories are not
// given keys they already have.
TEST_F(PipelineTest, NewArchiveRecordsTheKeysVersion) {
  auto opened = store::StoryStore::Open((dir_ / "b.db").string());
  ASSERT_TRUE(opened) << opened.error().message;
  PipelineOptions options;
  options.relate = false;
  auto report = Ingest(opened->get(), {Write("p.txt", "Title\n\n" + kFirst + "\n")}, options, {});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->stories_new, 1);
  EXPECT_EQ(*(*opened)->DedupKeysVersion(), dedup::kKeysVersion);
}

}  // namespace
}  // namespace annals::pipeline

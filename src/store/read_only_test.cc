// StoryStore::OpenReadOnly and DataVersion: what the server reads with.
#include "src/store/story_store.h"
#include "src/store/temp_archive_for_tests.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace annals::store {
namespace {
namespace fs = std::filesystem;

class ReadOnlyTest : public fixtures::TempArchiveTest {
 protected:
  ReadOnlyTest() : TempArchiveTest("annals_read_only_test_") {}
};

Story MakeStory(const std::string& id, const std::string& text) {
  return Story{.id = id,
               .date = "2024-01-02",
               .title = "Title " + id,
               .text = text,
               .sources = {{"p1.txt", SourceRole::kArticle}}};
}

TEST_F(ReadOnlyTest, NoFileIsNotFoundAndNothingIsCreated) {
  auto s = StoryStore::OpenReadOnly(path_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(ReadOnlyTest, AnotherFileIsNotAnArchive) {
  std::ofstream(path_) << "not a database at all, just some words in a file\n";
  auto s = StoryStore::OpenReadOnly(path_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kDb);
  EXPECT_NE(s.error().message.find(path_), std::string::npos) << s.error().message;
}

TEST_F(ReadOnlyTest, ReadsWhileAWriterCommitsAndSeesTheChange) {
  auto w = StoryStore::Open(path_);
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE((*w)->UpsertStory(MakeStory("s1", "The council met in the harbour.")));
  auto r = StoryStore::OpenReadOnly(path_);
  ASSERT_TRUE(r) << r.error().message;
  auto v1 = (*r)->DataVersion();
  ASSERT_TRUE(v1) << v1.error().message;
  auto v1again = (*r)->DataVersion();
  ASSERT_TRUE(v1again);
  EXPECT_EQ(*v1, *v1again);  // nothing committed in between
  ASSERT_TRUE((*w)->Begin());
  ASSERT_TRUE((*w)->UpsertStory(MakeStory("s2", "Ministers signed the maritime treaty.")));
  ASSERT_TRUE((*w)->Commit());
  auto v2 = (*r)->DataVersion();
  ASSERT_TRUE(v2);
  EXPECT_NE(*v1, *v2);
  auto n = (*r)->StoryCount();
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 2);
  auto hits = (*r)->Search("treaty", StoryQuery{});
  ASSERT_TRUE(hits) << hits.error().message;
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].story.id, "s2");
  // Writing through the read-only connection fails and changes nothing.
  EXPECT_FALSE((*r)->UpsertStory(MakeStory("s3", "A third story.")));
  auto n2 = (*w)->StoryCount();
  ASSERT_TRUE(n2);
  EXPECT_EQ(*n2, 2);
}

}  // namespace
}  // namespace annals::store

namespace annals::store {
namespace {

TEST_F(ReadOnlyTest, APassedDeadlineInterruptsReadsAndClearingItLetsThemRun) {
  auto w = StoryStore::Open(path_);
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE((*w)->Begin());
  for (int i = 0; i < 2000; ++i) {
    ASSERT_TRUE((*w)->UpsertStory(
        MakeStory("s" + std::to_string(i), "Story number " + std::to_string(i) + " of many.")));
  }
  ASSERT_TRUE((*w)->Commit());
  auto r = StoryStore::OpenReadOnly(path_);
  ASSERT_TRUE(r) << r.error().message;
  (*r)->SetDeadline(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  auto late = (*r)->Search("story", StoryQuery{});
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("interrupted"), std::string::npos) << late.error().message;
  (*r)->SetDeadline({});
  auto ok = (*r)->Search("story", StoryQuery{});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->size(), 2000u);
}

}  // namespace
}  // namespace annals::store

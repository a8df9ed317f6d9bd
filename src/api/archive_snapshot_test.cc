#include "annals/archive.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace annals {
namespace {
namespace fs = std::filesystem;

// An invented article page of its own words, so that each is a story.
void WritePage(const fs::path& path, const std::string& place) {
  std::ofstream(path) << "Ferry service resumes at " << place << "\n\n12.03.2025\n\n"
                      << "The ferry service to " << place
                      << " resumed on Tuesday after the winter repairs of the pier, the port "
                         "office said.\n\nBoats to "
                      << place << " will run every two hours until the end of the season.\n";
}

std::vector<std::string> Ids(Archive& archive) {
  auto stories = archive.Stories(StoryQuery{});
  EXPECT_TRUE(stories.has_value());
  std::vector<std::string> ids;
  if (stories) {
    for (const Story& s : *stories) ids.push_back(s.id);
  }
  return ids;
}

// Between HoldSnapshot and ReleaseSnapshot a reader sees the archive as it
// was when it took the snapshot, though another connection commits new
// stories meanwhile: the listing and the texts read after it agree.
TEST(ArchiveSnapshotTest, ReadsBetweenHoldAndReleaseSeeOneState) {
  const fs::path dir = fs::temp_directory_path() / "annals_archive_snapshot_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "first");
  fs::create_directories(dir / "second");
  WritePage(dir / "first" / "a.txt", "Northport");
  WritePage(dir / "second" / "b.txt", "Southbay");
  const std::string db = (dir / "annals.db").string();
  PipelineOptions options;
  options.relate = false;
  {
    auto writer = Archive::Open(db);
    ASSERT_TRUE(writer.has_value());
    ASSERT_TRUE((*writer)->Ingest({(dir / "first").string()}, options).has_value());
  }
  auto reader = Archive::Open(db);
  ASSERT_TRUE(reader.has_value());
  ASSERT_TRUE((*reader)->HoldSnapshot());
  ASSERT_TRUE((*reader)->HoldSnapshot());  // nested: held until the outer release
  const std::vector<std::string> before = Ids(**reader);
  ASSERT_EQ(before.size(), 1u);
  {
    auto writer = Archive::Open(db);
    ASSERT_TRUE(writer.has_value());
    ASSERT_TRUE((*writer)->Ingest({(dir / "second").string()}, options).has_value());
    EXPECT_EQ(Ids(**writer).size(), 2u);
  }
  EXPECT_EQ(Ids(**reader), before);
  ASSERT_TRUE((*reader)->ReleaseSnapshot());
  EXPECT_EQ(Ids(**reader), before);  // the outer hold still stands
  auto texts = (*reader)->StoryTexts(before);
  ASSERT_TRUE(texts.has_value());
  ASSERT_EQ(texts->size(), 1u);
  EXPECT_NE((*texts)[0].find("Northport"), std::string::npos);
  ASSERT_TRUE((*reader)->ReleaseSnapshot());
  EXPECT_EQ(Ids(**reader).size(), 2u);
  EXPECT_TRUE((*reader)->ReleaseSnapshot());  // one release too many: nothing held, no error
  reader->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace annals

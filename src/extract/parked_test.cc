#include "src/extract/parked.h"

#include <gtest/gtest.h>

#include <vector>

#include "src/common/file_size_limit_for_tests.h"

namespace annals::extract {
namespace {

std::vector<MentionRef> Read(const MentionSource& source, uint32_t stories) {
  std::vector<MentionRef> all, one;
  std::unique_ptr<MentionCursor> cursor = source.Open();
  for (uint32_t s = 0; s < stories; ++s) {
    Status st = cursor->Next(s, &one);
    EXPECT_TRUE(st) << st.error().message;
    for (const MentionRef& m : one) EXPECT_EQ(m.story, s);
    all.insert(all.end(), one.begin(), one.end());
  }
  return all;
}

// Mentions as Relate gives them: by story, with stories without any, long
// offsets, a begin before the previous one's, and an entity of the last index.
std::vector<MentionRef> ByStory() {
  return {{0, 0, 5, 9},          {7, 0, 2, 40},   {kNoEntity, 0, 2, 3},
          {3, 2, 100000, 100004}, {1, 2, 0, 1},    {2, 5, 4000000000u, 4000000007u}};
}

TEST(ParkedMentionsTest, ReadBackAStoryAtATimeInTheirOrder) {
  const std::vector<MentionRef> given = ByStory();
  ParkedMentions parked{std::vector<MentionRef>(given)};
  ASSERT_TRUE(parked.status());
  EXPECT_EQ(parked.size(), given.size());
  EXPECT_EQ(Read(parked, 6), given);
  // Each Open is a pass of its own, and MentionSpan gives the same.
  EXPECT_EQ(Read(parked, 6), given);
  EXPECT_EQ(Read(MentionSpan(given, 6), 6), given);
}

TEST(ParkedMentionsTest, StoriesPassedOverAreSkipped) {
  ParkedMentions parked(ByStory());
  std::unique_ptr<MentionCursor> cursor = parked.Open();
  std::vector<MentionRef> out = {{9, 9, 9, 9}};
  ASSERT_TRUE(cursor->Next(1, &out));
  EXPECT_TRUE(out.empty());  // story 0's were passed over, story 1 has none
  ASSERT_TRUE(cursor->Next(5, &out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].begin, 4000000000u);
  ASSERT_TRUE(cursor->Next(6, &out));  // past the last
  EXPECT_TRUE(out.empty());
}

TEST(ParkedMentionsTest, OutOfOrderMentionsComeByStory) {
  // Stories out of order: sorted by story, each story's kept in its order
  // (MentionSpan gives them so too).
  const std::vector<MentionRef> given = {{1, 3, 0, 2}, {2, 0, 8, 9}, {3, 3, 5, 6}, {4, 0, 1, 2}};
  const std::vector<MentionRef> want = {{2, 0, 8, 9}, {4, 0, 1, 2}, {1, 3, 0, 2}, {3, 3, 5, 6}};
  EXPECT_EQ(Read(ParkedMentions(std::vector<MentionRef>(given)), 4), want);
  EXPECT_EQ(Read(MentionSpan(given, 4), 4), want);
  // A story out of the span's range is never given.
  EXPECT_EQ(Read(MentionSpan(given, 3), 3), (std::vector<MentionRef>{{2, 0, 8, 9}, {4, 0, 1, 2}}));
}

TEST(ParkedFactsTest, ReadBackInTheirOrder) {
  std::vector<FactRef> given(3);
  given[0] = {.type = FactType::kHoldsPost, .person = 4, .post = "Secretary General", .year = 2024,
              .story = 7, .sentence_begin = 10, .sentence_end = 90};
  given[1] = {.type = FactType::kChairs, .organization = 1, .country = 2, .year = -1, .story = 0};
  given[2] = {.type = FactType::kMemberOf, .organization = kNoEntity, .country = 3, .story = 2,
              .sentence_begin = 4000000000u, .sentence_end = 4000000001u};
  ParkedFacts parked;
  for (const FactRef& f : given) parked.Add(f);
  ASSERT_TRUE(parked.status());
  EXPECT_EQ(parked.size(), 3u);
  std::vector<FactRef> back;
  ASSERT_TRUE(parked.ForEach([&](const FactRef& f) {
    back.push_back(f);
    return Ok();
  }));
  EXPECT_EQ(back, given);
  // The first error of fn ends the pass and is returned.
  int seen = 0;
  Status stopped = parked.ForEach([&](const FactRef&) -> Status {
    if (++seen == 2) return Fail(ErrorCode::kDb, "full");
    return Ok();
  });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().message, "full");
  EXPECT_EQ(seen, 2);
}

// A full disk while parking is reported by status(), not lost.
TEST(ParkedMentionsTest, AFullDiskIsReported) {
  std::vector<MentionRef> many;
  for (uint32_t s = 0; s < 200000; ++s) many.push_back({s % 50, s, s * 3, s * 3 + 2});
  fixtures::FileSizeLimit limit(64 * 1024);
  ASSERT_TRUE(limit.ok());
  ParkedMentions parked(std::move(many));
  if (!parked.status()) {
    EXPECT_EQ(parked.status().error().code, ErrorCode::kIo);
  } else {
    GTEST_SKIP() << "no temporary file could be made: the log is in memory";
  }
}

}  // namespace
}  // namespace annals::extract

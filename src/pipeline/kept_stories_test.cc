#include "src/pipeline/kept_stories.h"

#include "src/store/story_store.h"

#include <gtest/gtest.h>

namespace annals::pipeline {
namespace {

segment::PageStories Sample() {
  segment::PageStories page;
  page.page = "https://example.org/news/lisbon-ferry.html";
  page.dropped[0] = 3;
  page.dropped[5] = 1;
  page.stories.push_back({.role = SourceRole::kArticle,
                          .date = "2025-03-04",
                          .title = "Ferry line reopens in Lisbon",
                          .paragraphs = {"First paragraph.", "", "Second, with \"quotes\"\n."},
                          .attachments = {"ferry.jpg"},
                          .links = {},
                          .url = "https://example.org/news/lisbon-ferry.html"});
  page.stories.push_back({.role = SourceRole::kTeaser,
                          .date = "",
                          .title = "",
                          .paragraphs = {"A teaser of a tram depot in Helsinki ..."},
                          .attachments = {},
                          .links = {"https://example.org/news/tram.html"},
                          .url = "https://example.org/news/tram.html"});
  return page;
}

TEST(KeptStoriesTest, RoundTrip) {
  const segment::PageStories page = Sample();
  auto back = UnpackPageStories(PackPageStories(page));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->page, page.page);
  EXPECT_EQ(back->stories, page.stories);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(back->dropped[i], page.dropped[i]) << i;
}

TEST(KeptStoriesTest, NoStories) {
  segment::PageStories page;
  page.page = "empty.html";
  auto back = UnpackPageStories(PackPageStories(page));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->page, "empty.html");
  EXPECT_TRUE(back->stories.empty());
}

TEST(KeptStoriesTest, DamageIsAnError) {
  const std::string packed = PackPageStories(Sample());
  // Not compressed at all, cut short, and valid zstd holding other bytes.
  for (const std::string& bad :
       {std::string("not stories"), packed.substr(0, packed.size() / 2),
        store::StoryStore::PackText("\x01\x05hello"), store::StoryStore::PackText(""),
        store::StoryStore::PackText(std::string("\x02", 1))}) {
    auto back = UnpackPageStories(bad);
    ASSERT_FALSE(back);
    EXPECT_EQ(back.error().code, ErrorCode::kCorrupt);
  }
  // Every cut of the uncompressed record is refused, never read past.
  auto whole = store::StoryStore::UnpackText(packed);
  ASSERT_TRUE(whole);
  for (size_t n = 0; n < whole->size(); ++n) {
    EXPECT_FALSE(UnpackPageStories(store::StoryStore::PackText(whole->substr(0, n)))) << n;
  }
}

}  // namespace
}  // namespace annals::pipeline

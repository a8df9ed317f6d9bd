#include "src/query/archive_json.h"

#include <gtest/gtest.h>

namespace annals::query {
namespace {

TEST(ArchiveJsonTest, StoryFieldsFollowSchema) {
  Story s{.id = "s1", .date = "", .title = "", .text = "A.\n\nB.",
          .sources = {{"p.txt", SourceRole::kTeaser}, {"q.txt", SourceRole::kArticle}},
          .attachments = {"x.pdf"}, .links = {}};
  nlohmann::json j = StoryJson(s);
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_TRUE(j["title"].is_null());
  EXPECT_EQ(j["sources"][1]["role"], "article");
  EXPECT_EQ(j["attachments"][0], "x.pdf");
  EXPECT_TRUE(j["links"].is_array());
}

TEST(ArchiveJsonTest, RoundTripAndErrors) {
  ArchiveData d;
  d.stories.push_back(Story{.id = "s1", .date = "2024-01-02", .title = "T", .text = "x",
                            .sources = {{"p", SourceRole::kArticle}}});
  auto back = ParseArchiveJson(ArchiveJson(d).dump());
  ASSERT_TRUE(back);
  ASSERT_EQ(back->stories.size(), 1u);
  EXPECT_EQ(back->stories[0], d.stories[0]);
  EXPECT_FALSE(ParseArchiveJson("[1,2]"));
  EXPECT_FALSE(ParseArchiveJson("{\"stories\": 3}"));
  EXPECT_FALSE(ParseArchiveJson("{not json"));
}

TEST(ArchiveJsonTest, FactsByType) {
  Fact chairs{.type = FactType::kChairs, .organization = "Org", .country = "Land", .year = 2024};
  nlohmann::json j = FactJson(chairs);
  EXPECT_EQ(j["type"], "chairs");
  EXPECT_EQ(j["year"], 2024);
  EXPECT_EQ(j["country"], "Land");
  EXPECT_FALSE(j.contains("person"));
}

}  // namespace
}  // namespace annals::query

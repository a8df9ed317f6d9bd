// LoadHeads and StoryTextsById (story_store_serve.cc): the server's reads.
#include "src/store/story_store.h"
#include "src/store/temp_archive_for_tests.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

namespace annals::store {
namespace {
namespace fs = std::filesystem;

class ServeReadsTest : public fixtures::TempArchiveTest {
 protected:
  ServeReadsTest() : TempArchiveTest("annals_serve_reads_") {}
};

Story MakeStory(const std::string& id, const std::string& date, const std::string& text) {
  return Story{.id = id,
               .date = date,
               .title = date.empty() ? "" : "Title " + id,
               .text = text,
               .sources = {{"b-" + id + ".txt", SourceRole::kTeaser},
                           {"a-" + id + ".txt", SourceRole::kTeaser},
                           {"z-" + id + ".txt", SourceRole::kArticle}},
               .attachments = {"one.pdf", "two.pdf"},
               .links = {"https://example.org/" + id}};
}

// Four stories, and knowledge written in another order than theirs.
void Fill(StoryStore& st) {
  ASSERT_TRUE(st.UpsertStory(MakeStory("s1", "2024-01-02", "The council met in Prague.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("s2", "2024-03-04", "Ministers met in Lisbon.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("s3", "", "Undated talks in Helsinki.")));
  ASSERT_TRUE(st.UpsertStory(MakeStory("s4", "2024-01-02", "A second story of that day.")));
  std::vector<StoryHead> heads = {{.id = "s1"}, {.id = "s2"}, {.id = "s3"}, {.id = "s4"}};
  std::vector<Entity> entities = {
      Entity{.id = "e0", .type = EntityType::kPerson, .name = "Jan Novak", .mentions = 4},
      Entity{
          .id = "e1", .type = EntityType::kOrganization, .name = "Harbour League", .mentions = 2},
      Entity{.id = "e2", .type = EntityType::kCountry, .name = "Portugal", .mentions = 1}};
  // Mentions of s1, s3, s2, s1 and s4 by rowid: the reads group them by
  // story, in the stories' order, each story's in the order written.
  std::vector<MentionRef> mentions = {{.entity = 0, .story = 0, .begin = 4, .end = 11},
                                      {.entity = 1, .story = 2, .begin = 0, .end = 7},
                                      {.entity = 2, .story = 1, .begin = 19, .end = 25},
                                      {.entity = 1, .story = 0, .begin = 1, .end = 3},
                                      {.entity = 0, .story = 3, .begin = 2, .end = 8}};
  std::vector<FactRef> facts = {
      {.type = FactType::kHoldsPost, .person = 0, .organization = 1, .post = "chair", .story = 2},
      {.type = FactType::kChairs,
       .organization = 1,
       .country = 2,
       .year = 2024,
       .story = 1,
       .sentence_begin = 0,
       .sentence_end = 24},
      {.type = FactType::kMemberOf, .organization = 1, .country = 2, .story = 0}};
  std::vector<Event> events = {Event{.id = "v2",
                                     .type = EventType::kMeeting,
                                     .date = "2024-03",
                                     .participants = {"Harbour League", "Portugal"},
                                     .stories = {"s2", "s1"},
                                     .story_id = "s2",
                                     .sentence_begin = 0,
                                     .sentence_end = 24},
                               Event{.id = "v1",
                                     .type = EventType::kMeeting,
                                     .date = "2024-01",
                                     .place = "Prague",
                                     .stories = {"s1"},
                                     .story_id = "s1"}};
  ASSERT_TRUE(st.ReplaceKnowledge({.stories = heads,
                                   .entities = entities,
                                   .mentions = mentions,
                                   .facts = facts,
                                   .events = events},
                                  0));
}

TEST_F(ServeReadsTest, HeadsAreLoadAllWithoutTexts) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  Fill(**s);
  std::vector<std::pair<int64_t, std::string>> rowids;
  auto heads = (*s)->LoadHeads(&rowids);
  ASSERT_TRUE(heads) << heads.error().message;
  // Newest first, a day's by id, the undated last; pages by role, then name.
  std::vector<std::string> ids;
  for (const Story& x : heads->stories) ids.push_back(x.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"s2", "s1", "s4", "s3"}));
  for (const Story& x : heads->stories) {
    EXPECT_EQ(x.text, "");
    ASSERT_EQ(x.sources.size(), 3u);
    EXPECT_EQ(x.sources[0].page, "z-" + x.id + ".txt");  // "article" before "teaser"
    EXPECT_EQ(x.sources[1].page, "a-" + x.id + ".txt");
    EXPECT_EQ(x.sources[2].page, "b-" + x.id + ".txt");
    EXPECT_EQ(x.attachments, (std::vector<std::string>{"one.pdf", "two.pdf"}));
  }
  EXPECT_EQ(heads->stories[3].title, "");
  // Mentions by story in that order: s2's, s1's two as written, s4's, s3's.
  std::vector<std::pair<std::string, std::string>> m;
  for (const Mention& x : heads->mentions) m.emplace_back(x.story_id, x.entity_id);
  EXPECT_EQ(m, (std::vector<std::pair<std::string, std::string>>{
                   {"s2", "e2"}, {"s1", "e0"}, {"s1", "e1"}, {"s4", "e0"}, {"s3", "e1"}}));
  ASSERT_EQ(heads->facts.size(), 3u);
  EXPECT_EQ(heads->facts[0].story_id, "s2");
  EXPECT_EQ(heads->facts[1].story_id, "s1");
  EXPECT_EQ(heads->facts[2].story_id, "s3");
  ASSERT_EQ(heads->events.size(), 2u);
  EXPECT_EQ(heads->events[0].id, "v1");  // by date
  // All of it as LoadAll reads it, less the texts; the rowids StoryRowids'.
  auto all = (*s)->LoadAll();
  ASSERT_TRUE(all);
  for (Story& x : all->stories) x.text.clear();
  EXPECT_EQ(heads->stories, all->stories);
  EXPECT_EQ(heads->entities, all->entities);
  EXPECT_EQ(heads->mentions, all->mentions);
  EXPECT_EQ(heads->facts, all->facts);
  EXPECT_EQ(heads->events, all->events);
  auto want = (*s)->StoryRowids();
  ASSERT_TRUE(want);
  std::sort(want->begin(), want->end());
  std::sort(rowids.begin(), rowids.end());
  EXPECT_EQ(rowids, *want);
}

TEST_F(ServeReadsTest, RedirectedIdReadAsStories) {
  // A story merged into another, then seen again under its old id: Stories
  // shows the story the redirect leads to in its place, and so do the heads.
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  Fill(**s);
  ASSERT_TRUE((*s)->Redirect("s4", "s2"));
  ASSERT_TRUE((*s)->UpsertStory(MakeStory("s4", "2024-01-02", "Seen again.")));
  std::vector<std::pair<int64_t, std::string>> rowids;
  auto heads = (*s)->LoadHeads(&rowids);
  ASSERT_TRUE(heads) << heads.error().message;
  auto all = (*s)->LoadAll();
  ASSERT_TRUE(all);
  for (Story& x : all->stories) x.text.clear();
  EXPECT_EQ(heads->stories, all->stories);
  EXPECT_EQ(heads->mentions, all->mentions);
  ASSERT_EQ(heads->stories.size(), 4u);
  EXPECT_EQ(heads->stories[2].id, "s2");  // in s4's place
  EXPECT_EQ(rowids.size(), 4u);
}

TEST_F(ServeReadsTest, TextsById) {
  auto s = StoryStore::Open(path_);
  ASSERT_TRUE(s) << s.error().message;
  Fill(**s);
  const std::vector<std::string> ids = {"s3", "nosuch", "s1", "s3"};
  auto texts = (*s)->StoryTextsById(ids);
  ASSERT_TRUE(texts) << texts.error().message;
  EXPECT_EQ(*texts,
            (std::vector<std::string>{"Undated talks in Helsinki.", "",
                                      "The council met in Prague.", "Undated talks in Helsinki."}));
  auto none = (*s)->StoryTextsById({});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace annals::store

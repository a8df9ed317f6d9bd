#include "src/dedup/deduplicator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <tuple>

#include "src/dedup/simhash.h"

namespace annals::dedup {
namespace {

using segment::PageStories;
using segment::PageStory;

PageStory Teaser(std::vector<std::string> paras, std::string date = "", std::string url = "") {
  return PageStory{.role = SourceRole::kTeaser, .date = std::move(date), .title = "",
                   .paragraphs = std::move(paras), .url = std::move(url)};
}
PageStory Article(std::vector<std::string> paras, std::string title, std::string date) {
  return PageStory{.role = SourceRole::kArticle, .date = std::move(date),
                   .title = std::move(title), .paragraphs = std::move(paras)};
}

const std::string kLead =
    "The council of the league met in the port city on Monday to adopt the plan of work.";
const std::string kSecond = "Delegates from all member ports took part in the discussion.";

std::vector<Story> Dedup(const std::vector<PageStories>& pages) {
  Deduplicator d(DedupOptions{}, {});
  d.AddBatch(pages);
  return d.Flush().upserts;
}

TEST(DeduplicatorTest, SameTeaserOnManyPagesIsOneStory) {
  auto out = Dedup({PageStories{"a.txt", {Teaser({kLead}, "2024-01-02")}},
                  PageStories{"b.txt", {Teaser({kLead})}},
                  PageStories{"c.txt", {Teaser({kLead})}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].date, "2024-01-02");  // the undated sightings take the dated one's date
  EXPECT_EQ(out[0].sources.size(), 3u);
}

TEST(DeduplicatorTest, TeaserAndArticleAreOneStoryWithTheArticleText) {
  auto out = Dedup({PageStories{"list.txt", {Teaser({kLead}, "2024-01-02")}},
                  PageStories{"art.txt", {Article({kLead, kSecond}, "Council meets", "2024-01-01")}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].title, "Council meets");
  EXPECT_EQ(out[0].date, "2024-01-01");  // the article's date wins
  EXPECT_EQ(out[0].text, kLead + "\n\n" + kSecond);
  EXPECT_EQ(out[0].sources.size(), 2u);
}

// A story's id does not depend on how its pages were split across batches
// (or ingests): seen first by a teaser, it takes its article's id when the
// article comes, and the teaser's id redirects to it.
TEST(DeduplicatorTest, StoryTakesItsArticlesIdWhateverTheBatches) {
  const PageStories list{"list.txt", {Teaser({kLead}, "2024-01-02")}};
  const PageStories art{"art.txt", {Article({kLead, kSecond}, "Council meets", "2024-01-01")}};
  const std::vector<Story> together = Dedup({list, art});
  ASSERT_EQ(together.size(), 1u);

  std::map<std::string, Story> stored;  // what the store would hold
  Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
    auto it = stored.find(id);
    return it == stored.end() ? std::nullopt : std::optional<Story>(it->second);
  });
  auto flush = [&] {
    Deduplicator::Changes c = d.Flush();
    for (const auto& [old_id, new_id] : c.merged) stored.erase(old_id);
    for (const Story& st : c.upserts) stored[st.id] = st;
    return c;
  };
  d.AddBatch(std::vector<PageStories>{list});
  Deduplicator::Changes first = flush();
  ASSERT_EQ(first.upserts.size(), 1u);
  const std::string teaser_id = first.upserts[0].id;
  EXPECT_NE(teaser_id, together[0].id);
  d.AddBatch(std::vector<PageStories>{art});
  Deduplicator::Changes second = flush();
  ASSERT_EQ(second.upserts.size(), 1u);
  EXPECT_EQ(second.upserts[0].id, together[0].id);
  EXPECT_EQ(second.stored_sources[0], 0u);  // the new id's row holds no source yet
  EXPECT_EQ(second.upserts[0].sources.size(), 2u);
  ASSERT_EQ(second.merged.size(), 1u);
  EXPECT_EQ(second.merged[0], std::make_pair(teaser_id, together[0].id));
  EXPECT_EQ(second.stories_new, 0);
  // The old id's keys still find the story, under its new id.
  d.AddBatch(std::vector<PageStories>{PageStories{"other.txt", {Teaser({kLead})}}});
  Deduplicator::Changes third = flush();
  EXPECT_EQ(third.stories_new, 0);
  EXPECT_EQ(stored.size(), 1u);
}

// A story seen by two articles is named after its longest (most words), in
// one batch (where the one with more paragraphs comes first) and a page a
// batch in either order (issue 24: two copies of one story on a dev site
// were named after either, depending on the batches).
TEST(DeduplicatorTest, StoryOfTwoArticlesIsNamedAfterTheLongest) {
  const std::string longer = kSecond + " They agreed to meet again in the spring, in the same port.";
  const PageStories more_paras{"a.txt", {Article({kLead, kSecond, "Photo: the press office."},
                                                 "Council meets", "2024-01-01")}};
  const PageStories more_words{"b.txt", {Article({kLead, longer}, "Council meets", "2024-01-01")}};
  const std::vector<Story> together = Dedup({more_paras, more_words});
  ASSERT_EQ(together.size(), 1u);
  EXPECT_EQ(together[0].text, kLead + "\n\n" + longer);
  EXPECT_EQ(together[0].id, StoryId(together[0].text));
  for (bool reverse : {false, true}) {
    std::map<std::string, Story> stored;
    Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
      auto it = stored.find(id);
      return it == stored.end() ? std::nullopt : std::optional<Story>(it->second);
    });
    for (const PageStories* p : reverse ? std::vector{&more_words, &more_paras}
                                        : std::vector{&more_paras, &more_words}) {
      d.AddBatch(std::vector<PageStories>{*p});
      Deduplicator::Changes c = d.Flush();
      for (const auto& [old_id, new_id] : c.merged) stored.erase(old_id);
      for (const Story& st : c.upserts) stored[st.id] = st;
    }
    ASSERT_EQ(stored.size(), 1u) << reverse;
    EXPECT_EQ(stored.begin()->first, together[0].id) << reverse;
    EXPECT_EQ(stored.begin()->second.text, together[0].text) << reverse;
  }
}

// Until it has an article, a story is named after its longest teaser,
// whichever batch brings it.
TEST(DeduplicatorTest, TeaserOnlyStoryIsNamedAfterItsLongestTeaser) {
  const PageStories short_one{"b.txt", {Teaser({kLead}, "2024-01-02")}};
  const PageStories long_one{"a.txt", {Teaser({kLead, kSecond}, "2024-01-02")}};
  const std::vector<Story> together = Dedup({short_one, long_one});
  ASSERT_EQ(together.size(), 1u);
  EXPECT_EQ(together[0].id, StoryId(kLead + "\n\n" + kSecond));
  std::map<std::string, Story> stored;
  Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
    auto it = stored.find(id);
    return it == stored.end() ? std::nullopt : std::optional<Story>(it->second);
  });
  for (const PageStories& p : {short_one, long_one}) {
    d.AddBatch(std::vector<PageStories>{p});
    Deduplicator::Changes c = d.Flush();
    for (const auto& [old_id, new_id] : c.merged) stored.erase(old_id);
    for (const Story& st : c.upserts) stored[st.id] = st;
  }
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.begin()->first, together[0].id);
}

TEST(DeduplicatorTest, TruncatedTeaserMatchesItsArticle) {
  auto out = Dedup({PageStories{"list.txt",
                              {Teaser({"The council of the league met in the port city on Monday to ..."})}},
                  PageStories{"art.txt", {Article({kLead, kSecond}, "T", "2024-01-01")}}});
  EXPECT_EQ(out.size(), 1u);
}

TEST(DeduplicatorTest, TeaserCutInTwoOnAnotherPageJoinsTheWholeOne) {
  auto out = Dedup({PageStories{"a.txt", {Teaser({kLead}), Teaser({kSecond})}},
                  PageStories{"b.txt", {Teaser({kLead, kSecond}, "2024-02-02")}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].sources.size(), 2u);
}

TEST(DeduplicatorTest, LinkToTheArticlePageIsEnough) {
  auto out = Dedup({PageStories{"https://x.org/list",
                              {Teaser({"A completely different teaser wording of the news item."},
                                      "", "https://x.org/news/1")}},
                  PageStories{"https://x.org/news/1", {Article({kLead}, "T", "2024-01-01")}}});
  EXPECT_EQ(out.size(), 1u);
}

TEST(DeduplicatorTest, DifferentStoriesStayApart) {
  auto out = Dedup({PageStories{"a.txt",
                              {Teaser({"On 28 May the council of ministers met in the capital under "
                                       "the chairmanship of the host state."}),
                               Teaser({"On 28 May the president received the participants of the "
                                       "meeting of the council of ministers."})}}});
  EXPECT_EQ(out.size(), 2u);
}

// An article-length text (about 300 words), for SimHash.
std::string LongText() {
  std::string a;
  for (const char* s : {"The secretary general of the league visited the northern port on Tuesday",
                        "and met with the port authority, the city council and representatives",
                        "of the shipping companies to discuss new safety rules for the winter",
                        "season. The talks covered pilotage, ice breaking, the training of crews",
                        "and the budget of the next year, which the council will adopt in March.",
                        "After the talks he toured the container terminal and the new quay,",
                        "where the first ships will berth in the spring, and gave an interview",
                        "to the local radio about the plans of the league for the coming years"}) {
    a += s;
    a += ' ';
  }
  return a + "In the second part " + a + "And in the third part " + a;
}

TEST(DeduplicatorTest, NearDuplicateBySimHash) {
  // A long text and the same with one word corrected: near-duplicates.
  const std::string a = LongText();
  std::string b = a;
  b.replace(b.find("Tuesday"), 7, "Tuseday");
  auto out = Dedup({PageStories{"a.txt", {Teaser({a})}}, PageStories{"b.txt", {Teaser({b})}}});
  EXPECT_EQ(out.size(), 1u);
  // Two different long texts of the same site stay apart.
  std::string c = a;
  for (const char* w : {"northern", "Tuesday", "authority", "shipping", "winter", "pilotage",
                        "budget", "March", "container", "spring", "radio", "plans"}) {
    for (size_t at = c.find(w); at != std::string::npos; at = c.find(w, at + 6)) {
      c.replace(at, 0, "very ");
    }
  }
  auto apart = Dedup({PageStories{"a.txt", {Teaser({a})}}, PageStories{"c.txt", {Teaser({c})}}});
  EXPECT_EQ(apart.size(), 2u);
}

TEST(DeduplicatorTest, IncrementalUsesStoredKeysAndLoader) {
  std::map<std::string, Story> stored;
  std::vector<StoryKeys> keys;
  {
    Deduplicator d(DedupOptions{}, {});
    d.AddBatch({PageStories{"a.txt", {Teaser({kLead}, "2024-01-02")}}});
    auto c = d.Flush();
    ASSERT_EQ(c.stories_new, 1);
    for (auto& s : c.upserts) stored[s.id] = s;
    keys = c.keys;
  }
  Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
    auto it = stored.find(id);
    return it == stored.end() ? std::nullopt : std::optional<Story>(it->second);
  });
  for (const auto& k : keys) d.AddKnown(k);
  d.AddBatch({PageStories{"b.txt", {Teaser({kLead}), Teaser({kSecond})}}});
  auto c = d.Flush();
  EXPECT_EQ(c.stories_new, 1);
  EXPECT_EQ(c.seen_again, 1);
  ASSERT_EQ(c.upserts.size(), 2u);
  EXPECT_EQ(c.upserts[0].id, stored.begin()->first);  // the old story keeps its id
  EXPECT_EQ(c.upserts[0].sources.size(), 2u);
}

// A stored story found through a SimHash band is loaded only when the
// SimHash that made the band is near the sighting's, or is not known.
TEST(DeduplicatorTest, BandSharedByChanceLoadsNothing) {
  const std::string text = LongText();
  const uint64_t sh = SimHash(Prepare(PageStories{"p", {Teaser({text})}}).folds[0].paras);
  const uint64_t stranger = sh ^ 0xFFFFFFFFFFFF0000ull;  // shares the low band only
  const uint64_t near = sh ^ 0x5;                         // 2 bits apart
  for (const auto& [stored_simhash, known, loads_expected, same_story] :
       {std::tuple{stranger, true, 0, false}, std::tuple{near, true, 1, true},
        std::tuple{stranger, false, 1, false}}) {
    int loads = 0;
    Story old_story{.id = "old", .text = stored_simhash == near ? text : "Another text.",
                    .sources = {{"old.txt", SourceRole::kTeaser}}};
    Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
      ++loads;
      return id == "old" ? std::optional<Story>(old_story) : std::nullopt;
    });
    d.AddKnown(StoryKeys{"old", SimHashBandKeys(stored_simhash),
                         known ? std::vector<uint64_t>{stored_simhash} : std::vector<uint64_t>{}});
    d.AddBatch({PageStories{"new.txt", {Teaser({text})}}});
    auto c = d.Flush();
    EXPECT_EQ(loads, loads_expected) << std::hex << stored_simhash << " known " << known;
    EXPECT_EQ(c.seen_again, same_story ? 1 : 0);
    // A new story keeps the SimHash of its bands, to be stored with its keys.
    if (!same_story) {
      ASSERT_EQ(c.keys.size(), 1u);
      EXPECT_EQ(c.keys[0].simhashes, std::vector<uint64_t>{sh});
    }
  }
}

// Keys stored under a story that an earlier run merged into another find
// the one it was merged into.
TEST(DeduplicatorTest, StoredKeysFollowRedirects) {
  std::vector<StoryKeys> keys;
  Story kept;
  {
    Deduplicator d(DedupOptions{}, {});
    d.AddBatch({PageStories{"a.txt", {Teaser({kLead}, "2024-01-02")}}});
    auto c = d.Flush();
    ASSERT_EQ(c.keys.size(), 1u);
    keys = c.keys;
    kept = c.upserts[0];
  }
  const std::string old_id = keys[0].id;
  kept.id = "merged-into";
  Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
    return id == kept.id ? std::optional<Story>(kept) : std::nullopt;
  });
  d.AddKnown(keys[0]);
  d.AddRedirect(old_id, kept.id);
  d.AddBatch({PageStories{"b.txt", {Teaser({kLead})}}});
  auto c = d.Flush();
  EXPECT_EQ(c.stories_new, 0);
  EXPECT_EQ(c.seen_again, 1);
  ASSERT_EQ(c.upserts.size(), 1u);
  EXPECT_EQ(c.upserts[0].id, "merged-into");
}

// What a Deduplicator that knows the stories stored by `first` (keys and
// texts) makes of `then`, and how many stored stories it loaded.
struct Rerun {
  Deduplicator::Changes changes;
  int loads = 0;
};
Rerun StoredThen(const std::vector<PageStories>& first, const std::vector<PageStories>& then) {
  std::map<std::string, Story> stored;
  std::vector<StoryKeys> keys;
  {
    Deduplicator d(DedupOptions{}, {});
    d.AddBatch(first);
    auto c = d.Flush();
    for (auto& s : c.upserts) stored[s.id] = s;
    keys = c.keys;
  }
  Rerun r;
  Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
    ++r.loads;
    auto it = stored.find(id);
    return it == stored.end() ? std::nullopt : std::optional<Story>(it->second);
  });
  for (const auto& k : keys) d.AddKnown(k);
  d.AddBatch(then);
  r.changes = d.Flush();
  return r;
}

// 30 words; the first 14 are a formulaic opening.
const std::string kVisit =
    "On 12 March 2024 the secretary general of the league and his deputy visited the "
    "northern port to open the new training centre for harbour pilots and crews.";
const std::string kOtherVisit =
    "On 12 March 2024 the secretary general of the league and his deputy received the "
    "ambassadors of three member states to discuss the budget of the coming year.";

// A stored story whose first paragraph only opens like the sighting's (for
// more than 10 words) is not loaded and compared.
TEST(DeduplicatorTest, SharedFormulaicOpeningLoadsNothing) {
  Rerun r = StoredThen({PageStories{"a.txt", {Article({kVisit, kSecond}, "Visit", "2024-03-12")}}},
                       {PageStories{"b.txt", {Teaser({kOtherVisit}, "2024-03-12")}}});
  EXPECT_EQ(r.loads, 0);
  EXPECT_EQ(r.changes.stories_new, 1);
  EXPECT_EQ(r.changes.seen_again, 0);
}

// A teaser cut after 25 words finds its stored article, and an article
// finds the 16-word teaser stored before it, by the first paragraph alone
// (no paragraph is equal, so no other key finds them).
TEST(DeduplicatorTest, CutFirstParagraphsFindTheirStory) {
  const std::string cut25 =
      "On 12 March 2024 the secretary general of the league and his deputy visited the "
      "northern port to open the new training centre for ...";
  Rerun longer = StoredThen(
      {PageStories{"a.txt", {Article({kVisit, kSecond}, "Visit", "2024-03-12")}}},
      {PageStories{"b.txt", {Teaser({cut25})}}});
  EXPECT_EQ(longer.changes.stories_new, 0);
  EXPECT_EQ(longer.changes.seen_again, 1);
  const std::string cut16 =
      "On 12 March 2024 the secretary general of the league and his deputy visited the "
      "northern port ...";
  Rerun shorter = StoredThen(
      {PageStories{"a.txt", {Teaser({cut16}, "2024-03-12")}}},
      {PageStories{"b.txt", {Article({kVisit, kSecond}, "Visit", "2024-03-12")}}});
  EXPECT_EQ(shorter.changes.stories_new, 0);
  EXPECT_EQ(shorter.changes.seen_again, 1);
  ASSERT_EQ(shorter.changes.upserts.size(), 1u);
  EXPECT_EQ(shorter.changes.upserts[0].title, "Visit");  // the article's text and title won
}

// A story stored with keys of version 1 (no prefix key but the 10-word one)
// is found by a longer cut of its first paragraph once it has UpgradeKeys.
TEST(DeduplicatorTest, UpgradeKeysFindOlderStories) {
  const std::string cut25 =
      "On 12 March 2024 the secretary general of the league and his deputy visited the "
      "northern port to open the new training centre for ...";
  Story old_story{.id = "old", .text = kVisit + "\n\n" + kSecond,
                  .sources = {{"a.txt", SourceRole::kArticle}}};
  for (bool upgraded : {false, true}) {
    Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
      return id == "old" ? std::optional<Story>(old_story) : std::nullopt;
    });
    if (upgraded) d.AddKnown(StoryKeys{"old", UpgradeKeys(old_story.text), {}});
    d.AddBatch({PageStories{"b.txt", {Teaser({cut25})}}});
    EXPECT_EQ(d.Flush().seen_again, upgraded ? 1 : 0) << "upgraded " << upgraded;
  }
  // The first paragraph is the one the stored keys take: empty ones before
  // it are skipped, as when the story was keyed.
  EXPECT_FALSE(UpgradeKeys(old_story.text).empty());
  EXPECT_EQ(UpgradeKeys("\n\n" + old_story.text), UpgradeKeys(old_story.text));
}

// The stories of `pages` added a page a batch, in the given order, each
// batch's changes stored as the pipeline stores them (merged ids removed,
// keys made known to the next batch's deduplicator through AddKnown), with
// sources sorted as the store gives them back; by id.
std::map<std::string, Story> PageAtATime(const std::vector<PageStories>& pages) {
  std::map<std::string, Story> stored;
  std::vector<StoryKeys> keys;
  std::vector<std::pair<std::string, std::string>> redirects;
  for (const PageStories& page : pages) {
    Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
      auto it = stored.find(id);
      return it == stored.end() ? std::nullopt : std::optional<Story>(it->second);
    });
    for (const StoryKeys& k : keys) d.AddKnown(k);
    for (const auto& [old_id, new_id] : redirects) d.AddRedirect(old_id, new_id);
    d.AddBatch(std::vector<PageStories>{page});
    Deduplicator::Changes c = d.Flush();
    for (const auto& [old_id, new_id] : c.merged) {
      stored.erase(old_id);
      // As StoryStore::Redirect: a former id taken back is no redirect.
      std::erase_if(redirects, [&](const auto& r) { return r.first == new_id; });
      redirects.emplace_back(old_id, new_id);
      keys.push_back(StoryKeys{new_id, {}, {}});
    }
    for (const Story& st : c.upserts) stored[st.id] = st;
    keys.insert(keys.end(), c.keys.begin(), c.keys.end());
  }
  for (auto& [id, st] : stored) {
    std::sort(st.sources.begin(), st.sources.end(), [](const Source& a, const Source& b) {
      return std::tie(a.page, a.role) < std::tie(b.page, b.role);
    });
  }
  return stored;
}

// A few words contained whole in several stories (a section label shown on
// every teaser card) are no evidence that a sighting of them alone is any
// one of those stories: it joins none, and the stories do not depend on the
// order the pages come in (issue 24: "News" joined those of the stories
// stored before it, all of them in one batch). A story of several
// sightings lists their attachments sorted, whatever their order.
TEST(DeduplicatorTest, FewWordsContainedInManyStoriesJoinNone) {
  PageStory a_jpg = Teaser({kLead});
  a_jpg.attachments = {"a.jpg"};
  PageStory b_jpg = Teaser({kLead});
  b_jpg.attachments = {"b.jpg"};
  std::vector<PageStories> pages = {
      PageStories{"1.html", {Teaser({"News", kLead + " One."}), Teaser({"News", kSecond})}},
      PageStories{"2.html", {Teaser({"News", "The port works end in the spring of next year."}),
                             b_jpg}},
      PageStories{"3.html", {Teaser({"News"}), a_jpg}}};
  const std::vector<Story> together = Dedup(pages);
  ASSERT_EQ(together.size(), 5u);
  for (const Story& st : together) {
    if (st.text == kLead) {
      EXPECT_EQ(st.attachments, (std::vector<std::string>{"a.jpg", "b.jpg"}));
    } else {
      EXPECT_EQ(st.sources.size(), 1u) << st.text;
    }
  }
  std::vector<size_t> order = {0, 1, 2};
  do {
    std::vector<PageStories> ordered;
    for (size_t i : order) ordered.push_back(pages[i]);
    std::map<std::string, Story> one_by_one = PageAtATime(ordered);
    ASSERT_EQ(one_by_one.size(), together.size());
    for (Story st : together) {
      std::sort(st.sources.begin(), st.sources.end(), [](const Source& x, const Source& y) {
        return std::tie(x.page, x.role) < std::tie(y.page, y.role);
      });
      ASSERT_TRUE(one_by_one.count(st.id)) << st.text;
      EXPECT_EQ(one_by_one.at(st.id), st) << st.text;
    }
  } while (std::next_permutation(order.begin(), order.end()));
}

// Teasers of one text under other titles and dates (one item linked from
// two pages) are one story whose title and date are those of the greatest
// (title, then date), whatever order the pages come in.
TEST(DeduplicatorTest, TeasersOfOneTextTakeTheGreatestTitle) {
  PageStory first = Teaser({kLead}, "2024-01-02");
  first.title = "Council meets";
  PageStory second = Teaser({kLead}, "2024-01-03");
  second.title = "Council adopts its plan";
  const std::vector<PageStories> pages = {PageStories{"1.html", {second}},
                                          PageStories{"2.html", {first}}};
  const std::vector<Story> together = Dedup(pages);
  ASSERT_EQ(together.size(), 1u);
  EXPECT_EQ(together[0].title, "Council meets");
  EXPECT_EQ(together[0].date, "2024-01-02");
  for (const auto& order : {std::vector<size_t>{0, 1}, std::vector<size_t>{1, 0}}) {
    std::map<std::string, Story> one_by_one = PageAtATime({pages[order[0]], pages[order[1]]});
    ASSERT_EQ(one_by_one.size(), 1u);
    EXPECT_EQ(one_by_one.begin()->second.title, "Council meets");
    EXPECT_EQ(one_by_one.begin()->second.date, "2024-01-02");
  }
}

PageStory TitledTeaser(std::vector<std::string> paras, std::string title, std::string date) {
  PageStory t = Teaser(std::move(paras), std::move(date));
  t.title = std::move(title);
  return t;
}

// Each case's stories in every order, a page a batch; two batches of one
// deduplicator; one batch: `check` of the one story each gives.
void EveryOrder(const std::vector<PageStories>& pages,
                const std::function<void(const Story&, const std::string&)>& check) {
  const std::vector<Story> together = Dedup(pages);
  ASSERT_EQ(together.size(), 1u);
  check(together[0], "one batch");
  std::vector<size_t> order(pages.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  do {
    std::vector<PageStories> ordered;
    for (size_t i : order) ordered.push_back(pages[i]);
    const std::string first = "first page " + std::to_string(order[0]);
    const std::map<std::string, Story> one_by_one = PageAtATime(ordered);
    ASSERT_EQ(one_by_one.size(), 1u) << first;
    check(one_by_one.begin()->second, "a page a batch, " + first);
    Deduplicator d(DedupOptions{}, {});
    d.AddBatch(std::vector<PageStories>{ordered[0]});
    d.AddBatch(std::vector<PageStories>(ordered.begin() + 1, ordered.end()));
    const std::vector<Story> two = d.Flush().upserts;
    ASSERT_EQ(two.size(), 1u) << first;
    check(two[0], "two batches, " + first);
  } while (std::next_permutation(order.begin(), order.end()));
}

// A story's date is a function of its sightings, not of their order
// (issue 24): the date of the sightings of its text when they have one,
// else the earliest date of its other sightings.
TEST(DeduplicatorTest, DateIsTheTextsOwnElseTheEarliest) {
  const std::string longer =
      kSecond + " They agreed to meet again in the spring, in the same port.";
  struct Case {
    std::vector<PageStories> pages;
    std::string date;
  };
  const std::vector<Case> cases = {
      // The longest article, whose text the story takes, shows no date: the
      // earliest of the others' (a shorter article's 3 January, a teaser's 2
      // January). Before, one batch gave 3 January (the dated article came
      // first), the teaser first then the longest article 2 January.
      {{PageStories{"1.txt", {Article({kLead}, "Council meets", "2024-01-03")}},
        PageStories{"2.txt", {Article({kLead, kSecond, longer}, "Council meets", "")}},
        PageStories{"3.txt", {Teaser({kLead, kSecond}, "2024-01-02")}}},
       "2024-01-02"},
      // A story of teasers: the longest teaser's date, though a shorter one
      // shows an earlier date (before: the first one seen).
      {{PageStories{"1.txt", {Teaser({kLead, kSecond}, "2024-01-05")}},
        PageStories{"2.txt", {Teaser({kLead}, "2024-01-02")}}},
       "2024-01-05"},
      // None of the longest teaser's sightings is dated: the earliest of
      // the other two.
      {{PageStories{"1.txt", {Teaser({kLead, kSecond})}},
        PageStories{"2.txt", {Teaser({kLead}, "2024-01-04")}},
        PageStories{"3.txt", {Teaser({kSecond}, "2024-01-03")}}},
       "2024-01-03"},
  };
  for (const Case& c : cases) {
    EveryOrder(c.pages, [&](const Story& s, const std::string& how) {
      EXPECT_EQ(s.date, c.date) << s.text << ", " << how;
    });
  }
}

// So is its title (issue 24): the title of the sightings of its text when
// they have one, else the greatest (bytewise) of its other sightings'.
TEST(DeduplicatorTest, TitleIsTheTextsOwnElseTheGreatest) {
  const std::string longer =
      kSecond + " They agreed to meet again in the spring, in the same port.";
  struct Case {
    std::vector<PageStories> pages;
    std::string title, date;
  };
  const std::vector<Case> cases = {
      // The longest teaser, whose text the story takes, has no title: the
      // greatest of the others' (before: the first one seen).
      {{PageStories{"1.txt", {Teaser({kLead, kSecond}, "2024-01-05")}},
        PageStories{"2.txt", {TitledTeaser({kLead}, "Council meets", "2024-01-02")}},
        PageStories{"3.txt", {TitledTeaser({kSecond}, "Ports agree", "2024-01-03")}}},
       "Ports agree", "2024-01-05"},
      // The longest article has no title; a shorter one and a teaser do.
      {{PageStories{"1.txt", {Article({kLead}, "Council meets", "2024-01-03")}},
        PageStories{"2.txt", {Article({kLead, kSecond, longer}, "", "2024-01-04")}},
        PageStories{"3.txt", {TitledTeaser({kLead, kSecond}, "Ports agree", "")}}},
       "Ports agree", "2024-01-04"},
      // Sightings of the text, none titled, of two dates: the greater date
      // (of the greatest (title, date), the title its text's own, ""),
      // whichever came after the shorter titled teaser (before: the first
      // one seen after it).
      {{PageStories{"1.txt", {Teaser({kLead, kSecond}, "2024-01-05")}},
        PageStories{"2.txt", {Teaser({kLead, kSecond}, "2024-01-07")}},
        PageStories{"3.txt", {TitledTeaser({kLead}, "Council meets", "2024-01-01")}}},
       "Council meets", "2024-01-07"},
      // The text's own title wins over a greater one of another text.
      {{PageStories{"1.txt", {TitledTeaser({kLead, kSecond}, "Council meets", "")}},
        PageStories{"2.txt", {TitledTeaser({kLead}, "Ports agree", "2024-01-02")}}},
       "Council meets", "2024-01-02"},
  };
  for (const Case& c : cases) {
    EveryOrder(c.pages, [&](const Story& s, const std::string& how) {
      EXPECT_EQ(s.title, c.title) << c.title << ", " << how;
      EXPECT_EQ(s.date, c.date) << c.title << ", " << how;
    });
  }
}

// What the store holds of a run of batches: the stories, the key sets in
// the order stored (StoryStore::AddKeys), the redirects.
struct Held {
  std::map<std::string, Story> stories;
  std::vector<StoryKeys> key_sets;
  std::vector<std::pair<std::string, std::string>> redirects;
  void Store(const Deduplicator::Changes& c) {
    for (const auto& [old_id, new_id] : c.merged) {
      stories.erase(old_id);
      std::erase_if(redirects, [&](const auto& r) { return r.first == new_id; });
      redirects.emplace_back(old_id, new_id);
    }
    for (const Story& st : c.upserts) stories[st.id] = st;
    key_sets.insert(key_sets.end(), c.keys.begin(), c.keys.end());
  }
};

// The changes of `batches`, one after another, by a deduplicator that knows
// `held` either by an AddKnown of each key set (as ingests did) or through
// UseStored (a scan of the key sets held when it starts), then `more` by
// AddKnown (as the pipeline's UpgradeKeys); with its stats.
struct Outcome {
  std::vector<Deduplicator::Changes> changes;
  Deduplicator::StoredStats stats;
  std::vector<std::string> loads;  // the stories loaded, in order
};
Outcome RunOn(Held held, const std::vector<std::vector<PageStories>>& batches, bool on_demand,
              const std::vector<StoryKeys>& more = {}) {
  Outcome run;
  Deduplicator d(DedupOptions{}, [&](const std::string& id) -> std::optional<Story> {
    run.loads.push_back(id);
    auto it = held.stories.find(id);
    return it == held.stories.end() ? std::nullopt : std::optional<Story>(it->second);
  });
  const std::vector<StoryKeys> at_start = held.key_sets;
  if (on_demand) {
    d.UseStored([&at_start](const Deduplicator::KeySetFn& fn) {
      for (const StoryKeys& k : at_start) fn(k.id, k.keys, k.simhashes);
    });
  } else {
    for (const StoryKeys& k : at_start) d.AddKnown(k);
  }
  for (const StoryKeys& k : more) d.AddKnown(k);
  for (const auto& [old_id, new_id] : held.redirects) d.AddRedirect(old_id, new_id);
  for (const std::vector<PageStories>& batch : batches) {
    d.AddBatch(batch);
    run.changes.push_back(d.Flush());
    held.Store(run.changes.back());
  }
  run.stats = d.stored_stats();
  return run;
}

// The stored keys read on demand give what an AddKnown of every one gives.
void ExpectSameAsAllKnown(const Held& held, const std::vector<std::vector<PageStories>>& batches,
                          Deduplicator::StoredStats* stats = nullptr,
                          const std::vector<StoryKeys>& more = {}) {
  const Outcome known = RunOn(held, batches, false, more),
                on_demand = RunOn(held, batches, true, more);
  ASSERT_EQ(known.changes.size(), on_demand.changes.size());
  for (size_t i = 0; i < known.changes.size(); ++i) {
    const Deduplicator::Changes &a = known.changes[i], &b = on_demand.changes[i];
    EXPECT_EQ(a.upserts, b.upserts) << "batch " << i;
    EXPECT_EQ(a.stored_sources, b.stored_sources) << "batch " << i;
    EXPECT_EQ(a.keys, b.keys) << "batch " << i;
    EXPECT_EQ(a.merged, b.merged) << "batch " << i;
    EXPECT_EQ(a.new_ids, b.new_ids) << "batch " << i;
    EXPECT_EQ(a.stories_new, b.stories_new) << "batch " << i;
    EXPECT_EQ(a.seen_again, b.seen_again) << "batch " << i;
  }
  EXPECT_EQ(known.loads, on_demand.loads);
  if (stats) *stats = on_demand.stats;
}

Held HeldOf(const std::vector<std::vector<PageStories>>& batches) {
  Held held;
  const Outcome run = RunOn(held, batches, false);
  for (const Deduplicator::Changes& c : run.changes) held.Store(c);
  return held;
}

// A sentence of its own for each n (12 words: a prefix key).
std::string Sentence(int n) {
  return "Item " + std::to_string(n) + " of the harbour board report covers the budget line " +
         std::to_string(n * 7 + 3) + " in detail.";
}

// A sighting that joins two stored stories, found by a paragraph of both,
// joins them into the one whose text the story shows (the article), read on
// demand as when every key was known, also when the later one's keys were
// read first (by an earlier batch). Before, it joined them into the one
// stored first, which then took the article's text and an id of it that
// the stored article had: the story's id got a collision's suffix.
TEST(DeduplicatorTest, StoredKeysOnDemandJoinTheStoryWhoseTextTheyShow) {
  const std::string lead = Sentence(1), other = Sentence(2), both = Sentence(4);
  const Held held = HeldOf({{PageStories{"a.txt", {Teaser({lead, both}, "2024-01-02")}}},
                            {PageStories{"https://x.org/b",
                                         {Article({other, both}, "Other", "2024-01-03")}}}});
  ASSERT_EQ(held.stories.size(), 2u);
  const std::vector<std::vector<PageStories>> then = {
      // Reads the later story's keys first (its URL's).
      {PageStories{"c.txt", {Teaser({Sentence(3)}, "", "https://x.org/b")}}},
      {PageStories{"d.txt", {Teaser({both, lead, other}, "2024-01-04")}}}};  // joins both
  Deduplicator::StoredStats stats;
  ExpectSameAsAllKnown(held, then, &stats);
  const Outcome run = RunOn(held, then, true);
  ASSERT_EQ(run.changes[1].merged.size(), 1u);  // the teaser into the article
  EXPECT_EQ(run.changes[1].merged[0],
            (std::pair{held.key_sets[0].id, held.key_sets[1].id}));
  EXPECT_EQ(run.changes[1].upserts.at(0).text, other + "\n\n" + both);
  EXPECT_EQ(run.changes[1].upserts.at(0).id, StoryId(other + "\n\n" + both));
  // One a batch, the late ones, and those of the texts the sightings hold
  // (d.txt's runs of two paragraphs, both stored stories' paragraphs).
  EXPECT_EQ(stats.scans, 2u + stats.late_scans + stats.held_scans);
  EXPECT_EQ(stats.held_scans, 1u);
  EXPECT_FALSE(stats.all_loaded);
}

// A paragraph of more stored stories than are followed (a site's closing
// line) is followed neither way; one of fewer is. And the SimHash of a
// stored story found by a band only is known without its other keys.
TEST(DeduplicatorTest, StoredKeysOnDemandCountPostingsAsAllKnown) {
  const std::string closing = "Read more news of the harbour board on its website every day.";
  for (int stored : {7, 8, 9, 12}) {
    std::vector<std::vector<PageStories>> first;
    for (int i = 0; i < stored; ++i) {
      first.push_back({PageStories{"p" + std::to_string(i) + ".txt",
                                   {Teaser({Sentence(10 + i), closing})}}});
    }
    first.push_back({PageStories{"long.txt", {Teaser({LongText()})}}});
    Held held = HeldOf(first);
    std::string near = LongText();
    near.replace(near.find("Tuesday"), 7, "Tuseday");
    // A story whose SimHash shares a band with the near text's by chance
    // only: not loaded when its SimHash is known.
    const uint64_t sh = SimHash(Prepare(PageStories{"p", {Teaser({near})}}).folds[0].paras);
    const uint64_t stranger = sh ^ 0xFFFFFFFFFFFF0000ull;
    held.key_sets.push_back(StoryKeys{"stranger", SimHashBandKeys(stranger), {stranger}});
    held.stories["stranger"] = Story{.id = "stranger", .text = "Another text.",
                                     .sources = {{"s.txt", SourceRole::kTeaser}}};
    Deduplicator::StoredStats stats;
    ExpectSameAsAllKnown(held,
                         {{PageStories{"q.txt", {Teaser({Sentence(99), closing}),
                                                 Teaser({closing})}}},
                          {PageStories{"r.txt", {Teaser({closing, Sentence(10)}),
                                                 Teaser({near})}}}},
                         &stats);
    EXPECT_EQ(stats.late_scans, 0u) << stored;
  }
}

// Keys made known after the stored ones (a story of an older archive given
// the keys it lacks, UpgradeKeys) come after them: a sighting that joins it
// and a stored story, both found by one key (their first paragraphs' common
// opening), joins them as when every key was known, into the one whose
// text is the longer (the old one's, 28 words against 27), which then
// takes the sighting's, longer still, and its id.
TEST(DeduplicatorTest, StoredKeysOnDemandThenAddKnown) {
  const std::string lead = Sentence(4);  // "Item 4 of the harbour board report covers the ..."
  const std::string same_opening =
      "Item 4 of the harbour board report covers the budget of the port.";
  Held held = HeldOf({{PageStories{"a.txt", {Teaser({same_opening, Sentence(6)}, "2024-01-02")}}}});
  const Story old_format{.id = "old", .text = lead + "\n\n" + Sentence(5),
                         .sources = {{"o.txt", SourceRole::kTeaser}}};
  held.stories["old"] = old_format;
  const std::vector<std::vector<PageStories>> then = {
      {PageStories{"b.txt", {Teaser({lead, same_opening, Sentence(6), Sentence(5)})}}}};
  const std::vector<StoryKeys> upgrade = {StoryKeys{"old", UpgradeKeys(old_format.text), {}}};
  ExpectSameAsAllKnown(held, then, nullptr, upgrade);
  const Outcome run = RunOn(held, then, true, upgrade);
  ASSERT_EQ(run.changes[0].merged.size(), 2u);
  EXPECT_EQ(run.changes[0].merged[0],
            (std::pair<std::string, std::string>{held.key_sets[0].id, "old"}));
  EXPECT_EQ(run.changes[0].merged[1].first, "old");
  ASSERT_EQ(run.changes[0].upserts.size(), 1u);
  EXPECT_EQ(run.changes[0].upserts[0].id, StoryId(run.changes[0].upserts[0].text));
}

// Many batches: the stored keys are indexed whole once the scans cost more,
// with the same result.
TEST(DeduplicatorTest, StoredKeysOnDemandLoadAllAfterManyBatches) {
  std::vector<std::vector<PageStories>> first, then;
  for (int i = 0; i < 20; ++i) {
    first.push_back({PageStories{"a" + std::to_string(i) + ".txt",
                                 {Teaser({Sentence(i), Sentence(100 + i)})}}});
    then.push_back({PageStories{"b" + std::to_string(i) + ".txt",
                                {Teaser({Sentence(i)}), Teaser({Sentence(200 + i)})}}});
  }
  Deduplicator::StoredStats stats;
  ExpectSameAsAllKnown(HeldOf(first), then, &stats);
  EXPECT_TRUE(stats.all_loaded);
  EXPECT_LT(stats.scans, then.size());
}

// A new story's id is made from its sighting's folded paragraphs, without
// folding its joined text again: the same as StoryId of that text.
TEST(DeduplicatorTest, NewStoryIdIsStoryIdOfItsText) {
  auto out = Dedup({PageStories{
      "a.txt", {Article({"Lisbon Harbour Opens", "Ships from Helsinki ARRIVED at dawn.",
                         "Prague's café owners, “delighted”, said Ölçü."},
                        "", "2024-03-04")}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, StoryId(out[0].text));
  EXPECT_EQ(out[0].id, StoryId("lisbon harbour opens ships from helsinki arrived at dawn prague s "
                               "café owners delighted said ölçü"));
}

TEST(DeduplicatorTest, StableIds) {
  EXPECT_EQ(StoryId("Hello, World"), StoryId("hello world"));
  EXPECT_NE(StoryId("one"), StoryId("two"));
  // A new story's id is StoryId of its text (as stored: paragraphs joined by blank lines).
  auto out = Dedup({PageStories{"a.txt", {Teaser({kLead, kSecond, "Ünïcode Straße, 3 étés."})}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, StoryId(out[0].text));
  EXPECT_EQ(out[0].id, StoryId(kLead + "\n\n" + kSecond + "\n\nÜnïcode Straße, 3 étés."));
}

// A teaser whose article lost its first line shares only its second
// paragraph with the article; a teaser of that paragraph alone is contained
// in both. Of one batch (articles first) it merges the two; stored before
// the article comes, or in an earlier batch, it must give the same story
// (issue 24).
TEST(DeduplicatorTest, TeaserOfASharedParagraphJoinsWhateverTheBatches) {
  const std::string old_lead =
      "On the first day of the year the head of the safety committee spoke in the harbour "
      "town at the eighth conference on rescue at sea held by the academy of the league.";
  const std::string new_lead =
      "The harbour town at the eighth conference on rescue at sea held by the academy of the "
      "league heard the head of the safety committee speak on the first day of the year.";
  const std::string more =
      "The delegates then adopted a long programme of joint work on training, on the control "
      "of fishing and on the protection of cables, and asked the secretariat to report on it "
      "at the next session of the council in the spring of the following year in the capital.";
  const PageStories art{"art.txt",
                        {Article({new_lead, kSecond, more, more + " Again."}, "T", "2024-01-01")}};
  const PageStories list{"list.txt", {Teaser({old_lead, kSecond}, "2024-01-01")}};
  const PageStories cut{"cut.txt", {Teaser({kSecond})}};
  const std::vector<Story> one = Dedup({art, list, cut});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].sources.size(), 3u);

  const Rerun stored = StoredThen({list, cut}, {art});
  ASSERT_EQ(stored.changes.upserts.size(), 1u);
  EXPECT_EQ(stored.changes.upserts[0].id, one[0].id);
  EXPECT_EQ(stored.changes.upserts[0].sources.size(), 3u);

  Deduplicator d(DedupOptions{}, {});
  d.AddBatch(std::vector<PageStories>{list, cut});
  d.AddBatch(std::vector<PageStories>{art});
  const std::vector<Story> two = d.Flush().upserts;
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].id, one[0].id);
  EXPECT_EQ(two[0].sources.size(), 3u);
}

// A sighting contained in two stories that do not match each other links
// them: of one batch it comes after both (articles first, then the
// teasers with more paragraphs) and merges them. Stored before them, it
// must give the same story (issue 24): two paragraphs both articles have
// in a row, or the first words of their first paragraph, cut.
TEST(DeduplicatorTest, LinkingSightingStoredFirstJoinsWhateverTheBatches) {
  const std::string opening =
      "The council of the league met in the port city on Monday to adopt the plan of work for "
      "the next two years, after a long debate on the budget.";
  const std::string para2 =
      "The ministers then heard the report of the secretary general on the state of the ports "
      "and on the training of pilots and crews in the member states.";
  const std::string para3 =
      "They also agreed to set up a working group on the safety of navigation in the winter, "
      "which will report to the council at its next meeting in the spring.";
  auto article = [](std::vector<std::string> paras, const std::string& tag) {
    return Article(std::move(paras), "Council " + tag, "2024-01-01");
  };
  const std::string a_more =
      "The delegation of the northern ports asked for a larger share of the fund for dredging "
      "and for the repair of the old quays, which the council will consider in March.";
  const std::string b_more =
      "In the evening the mayor of the port city gave a reception for the delegates in the old "
      "customs house, where a choir of sailors sang songs of the sea for an hour.";
  const std::string a_tail =
      "Observers from two neighbouring states followed the meeting for the first time.";
  const std::string b_tail =
      "The next council will be held in the capital in the autumn, at the invitation of its host.";
  struct Case {
    std::string what;
    std::vector<PageStories> pages;
  };
  const std::vector<Case> cases = {
      {"two paragraphs in a row",
       {PageStories{"a.txt", {article({a_more, para2, para3, a_tail}, "A")}},
        PageStories{"b.txt", {article({b_more, para2, para3, b_tail}, "B")}},
        PageStories{"list.txt", {Teaser({para2, para3})}}}},
      {"a cut first paragraph",
       {PageStories{"a.txt", {article({opening, a_more, para2, a_tail}, "A")}},
        PageStories{"b.txt", {article({opening, b_more, para3, b_tail}, "B")}},
        PageStories{"list.txt",
                    {Teaser({"The council of the league met in the port city on Monday to adopt "
                             "the plan ..."})}}}},
  };
  // The id too: one batch merged the article whose text the story takes
  // into the other, and the story's new id, its text's, was then the merged
  // one's, taken: a collision's suffix that a page a batch did not give.
  for (const Case& c : cases) {
    const std::vector<Story> together = Dedup(c.pages);
    ASSERT_EQ(together.size(), 1u) << c.what;
    EXPECT_EQ(together[0].sources.size(), 3u) << c.what;
    // Without the link, the articles are two stories.
    EXPECT_EQ(Dedup({c.pages[0], c.pages[1]}).size(), 2u) << c.what;
    std::vector<size_t> order = {0, 1, 2};
    do {
      std::vector<PageStories> ordered;
      for (size_t i : order) ordered.push_back(c.pages[i]);
      const std::map<std::string, Story> one_by_one = PageAtATime(ordered);
      ASSERT_EQ(one_by_one.size(), 1u) << c.what << ", order " << order[0] << order[1] << order[2];
      EXPECT_EQ(one_by_one.begin()->first, together[0].id) << c.what;
      EXPECT_EQ(one_by_one.begin()->second.text, together[0].text) << c.what;
      EXPECT_EQ(one_by_one.begin()->second.sources.size(), 3u) << c.what;
    } while (std::next_permutation(order.begin(), order.end()));
    const Rerun stored = StoredThen({c.pages[2]}, {c.pages[0], c.pages[1]});
    ASSERT_EQ(stored.changes.upserts.size(), 1u) << c.what;
    EXPECT_EQ(stored.changes.upserts[0].id, together[0].id) << c.what;
    EXPECT_EQ(stored.changes.upserts[0].sources.size(), 3u) << c.what;
  }
}

// A teaser of the same words as two paragraphs of an article in a row, in
// one paragraph (the article's line broken elsewhere), is not contained in
// it (its one paragraph is neither one of the article's nor the opening of
// one for most of its words): two stories, in any order (on the 10,000
// generated pages, a split ingest merged such a teaser's story when the
// words in a row alone were looked up).
TEST(DeduplicatorTest, SameWordsInOtherParagraphsAreNotHeld) {
  const std::string head =
      "On 7 May the council of the league marks the anniversary of the signing in";
  const std::string tail =
      "the port city of the charter that laid the foundation of the work of its member states.";
  const std::string photo = "Photo: press office.";
  const std::vector<PageStories> pages = {
      PageStories{"a.txt", {Article({head, tail, photo, kSecond}, "Anniversary", "2024-05-07")}},
      PageStories{"t.txt", {Teaser({head + " " + tail, photo}, "2024-05-07")}}};
  EXPECT_EQ(Dedup(pages).size(), 2u);
  EXPECT_EQ(PageAtATime({pages[0], pages[1]}).size(), 2u);
  EXPECT_EQ(PageAtATime({pages[1], pages[0]}).size(), 2u);
}


// A set of stories as rows, one a story, sorted: with `whole`, each one's id,
// title, date, text and sources; else its sources alone (which stories
// merged).
std::string Rows(std::vector<Story> stories, bool whole) {
  std::vector<std::string> rows;
  for (Story& s : stories) {
    std::sort(s.sources.begin(), s.sources.end(), [](const Source& a, const Source& b) {
      return std::tie(a.page, a.role) < std::tie(b.page, b.role);
    });
    std::string r = whole ? s.id + "|" + s.title + "|" + s.date + "|" + s.text + "|" : "";
    for (const Source& src : s.sources) r += src.page + SourceRoleName(src.role) + ",";
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const std::string& r : rows) out += r + "\n";
  return out;
}

// 3,000 random sets of 3 or 4 pages, a sighting each: an article (the
// first 1 to 5 of 5 paragraphs) or a teaser (a run of them, or the cut
// opening of one), with a title and a date each drawn from a few (some
// empty). Each set in every order, a page a batch, against one batch.
// Before the title rule 348 sets differed; 161 after it, 91 after the
// stories a sighting joins merged into the one whose text they show, 55
// after a story took back a former id, 1 once a paragraph found under a
// story's id and its former id counted once (the 54 others had a teaser
// join a story that held one paragraph of its two), 0 once a story made in
// this process is contained in a sighting by its text's words, as a stored
// one is (set 2771: in one batch a teaser [1..4] joined the story of an
// article [0, 1] holding a teaser [0..3], as 54 of its words were in the
// story's sightings, over 0.8 of the text's 36; stored, the story's text
// was compared, and [0, 1] is not in [1..4]). No set may differ, in which
// stories merge or in their ids, titles, dates and texts.
// Draws sets of 3 or 4 pages of one sighting each (by `page`, from a pool
// of `paragraphs` paragraphs and the generator's draws), and adds each set
// in every order, a page a batch, comparing with one batch: the number of
// sets that differ (which stories merge, ids, titles, dates, texts) and
// the first few in full.
using Draw = std::function<size_t(uint64_t)>;
using DrawPage = std::function<PageStory(const std::vector<std::string>& pool, const Draw&)>;
struct Differing {
  int sets = 0;
  std::string first;  // the first few, in full
};
Differing SetsThatDiffer(size_t paragraphs, uint64_t seed, const DrawPage& page) {
  std::vector<std::string> pool;
  for (size_t n = 0; n < paragraphs; ++n) {
    pool.push_back("Paragraph " + std::to_string(n) +
                   " of the harbour board report covers the budget line " +
                   std::to_string(n * 7 + 3) + " in some detail for the members.");
  }
  uint64_t state = seed;
  const Draw draw = [&](uint64_t below) {  // a linear congruential generator: the same sets anywhere
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % below);
  };
  Differing differ;
  for (int set = 0; set < 3000; ++set) {
    const size_t n = 3 + draw(2);
    std::vector<PageStories> pages;
    for (size_t p = 0; p < n; ++p) {
      pages.push_back(PageStories{"p" + std::to_string(p) + ".txt", {page(pool, draw)}});
    }
    const std::vector<Story> together = Dedup(pages);
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    do {
      std::vector<PageStories> ordered;
      for (size_t i : order) ordered.push_back(pages[i]);
      std::vector<Story> split;
      for (auto& [id, s] : PageAtATime(ordered)) split.push_back(std::move(s));
      if (Rows(split, true) != Rows(together, true)) {
        if (++differ.sets <= 3) {
          differ.first += "set " + std::to_string(set) + ", first page " +
                          std::to_string(order[0]) + "\none batch:\n" + Rows(together, true) +
                          "a page a batch:\n" + Rows(split, true);
        }
        break;
      }
    } while (std::next_permutation(order.begin(), order.end()));
  }
  return differ;
}

const std::vector<std::string> kTitles = {"", "", "Alpha", "Beta"};
const std::vector<std::string> kDates = {"", "2024-01-02", "2024-01-05"};

// 5 paragraphs; an article of the first 1 to 5, or a teaser of a run of them
// or of a cut opening.
TEST(DeduplicatorTest, RandomSplitsGiveWhatOneBatchGives) {
  const Differing differ =
      SetsThatDiffer(6, 12345, [](const std::vector<std::string>& pool, const Draw& draw) {
        const bool article = draw(10) < 4;
        size_t first = draw(5);
        const size_t end = first + 1 + draw(5 - first);
        if (article) first = 0;
        std::vector<std::string> paras(pool.begin() + static_cast<std::ptrdiff_t>(first),
                                       pool.begin() + static_cast<std::ptrdiff_t>(end));
        if (!article && draw(6) == 0) paras = {pool[first].substr(0, 60) + " ..."};
        const std::string& title = kTitles[draw(kTitles.size())];
        const std::string& date = kDates[draw(kDates.size())];
        return article ? Article(paras, title, date) : TitledTeaser(paras, title, date);
      });
  EXPECT_EQ(differ.sets, 0) << "sets that differ, of 3,000\n" << differ.first;
}

// Wider shapes, past what the held texts cover (deduplicator.cc, RunTexts,
// CutTexts): 8 paragraphs, articles of the first 1 to 8, teasers of runs
// of 1 to 6, of a cut opening of any paragraph, or of two paragraphs not in
// a row. Sets differed (2 of 3,000 with seed 777, 28 of 24,000 with seeds 1
// to 8) while a sighting was decided against the text its candidate story
// showed and the paragraphs of all its sightings: chains of containment
// through a sighting stored first and since absorbed into a story whose
// shown text the later sightings did not match. Decided against each of the
// story's sightings (Story::shapes), none differs with any of these seeds.
TEST(DeduplicatorTest, WiderRandomSplitsGiveWhatOneBatchGives) {
  for (uint64_t seed : {777u, 2u, 5u, 6u}) {
    const Differing differ =
        SetsThatDiffer(8, seed, [](const std::vector<std::string>& pool, const Draw& draw) {
          const bool article = draw(10) < 4;
          std::vector<std::string> paras;
          if (article) {
            paras.assign(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(1 + draw(8)));
          } else {
            const size_t shape = draw(6);
            const size_t first = draw(8);
            if (shape == 0) {
              paras = {pool[first].substr(0, 60) + " ..."};
            } else if (shape == 1 && first + 2 < 8) {
              paras = {pool[first], pool[first + 2 + draw(6 - first)]};
            } else {
              const size_t len = 1 + draw(std::min<size_t>(6, 8 - first));
              paras.assign(pool.begin() + static_cast<std::ptrdiff_t>(first),
                           pool.begin() + static_cast<std::ptrdiff_t>(first + len));
            }
          }
          const std::string& title = kTitles[draw(kTitles.size())];
          const std::string& date = kDates[draw(kDates.size())];
          return article ? Article(paras, title, date) : TitledTeaser(paras, title, date);
        });
    EXPECT_EQ(differ.sets, 0) << "seed " << seed << ": sets that differ, of 3,000\n"
                              << differ.first;
  }
}

// An article [0..5] and teasers [2..6] and [3..7]: one batch applies the
// article first, [2..6] has 4 of its 5 paragraphs in it and joins, then
// [3..7] has 4 of 5 in [2..6]. Read the teasers first, they were one story
// showing [3..7], which the article held 3 of 5 paragraphs of, and of
// whose sightings' paragraphs it had 4 of its 6: two stories. Decided
// against each sighting, [2..6] is in the article whatever came first.
TEST(DeduplicatorTest, AChainOfContainmentJoinsWhateverTheOrder) {
  std::vector<std::string> p;
  for (int n = 0; n < 8; ++n) {
    p.push_back("Paragraph " + std::to_string(n) + " of the harbour board report covers line " +
                std::to_string(n * 7 + 3) + " for the members.");
  }
  auto run = [&](size_t first, size_t last) {
    return std::vector<std::string>(p.begin() + static_cast<std::ptrdiff_t>(first),
                                    p.begin() + static_cast<std::ptrdiff_t>(last + 1));
  };
  const std::vector<PageStories> pages = {
      PageStories{"a.txt", {Article(run(0, 5), "Harbour board", "2024-01-02")}},
      PageStories{"b.txt", {TitledTeaser(run(2, 6), "", "")}},
      PageStories{"c.txt", {TitledTeaser(run(3, 7), "", "")}}};
  EveryOrder(pages, [&](const Story& story, const std::string& how) {
    std::string article;
    for (const std::string& para : run(0, 5)) article += (article.empty() ? "" : "\n\n") + para;
    EXPECT_EQ(story.text, article) << how;
    EXPECT_EQ(story.sources.size(), 3u) << how;
  });
}

// A story whose id changed is posted under its former id too (the store
// keeps the key sets it had, with a redirect): a paragraph of a sighting
// found under both ids is still its words once. Counted twice, a teaser
// that runs one paragraph past the story ([p3, p4] against [p0..p3]) was
// taken to be contained in it, where one batch keeps it apart.
TEST(DeduplicatorTest, AParagraphFoundUnderAFormerIdCountsOnce) {
  const std::string p0 = "The river authority opened its spring session with a review of the weirs.";
  const std::string p1 = "Engineers reported that two of the older locks need new gates this year.";
  const std::string p2 = "Members asked for a survey of the banks below the mill before the floods.";
  const std::string p3 = "The chair promised a costed plan for the works at the autumn meeting.";
  const std::string p4 = "Fishing clubs welcomed the plan but asked to be heard on the timing.";
  const std::vector<PageStories> pages = {
      PageStories{"list.txt", {TitledTeaser({p2, p3}, "", "2024-01-02")}},
      PageStories{"art.txt", {Article({p0, p1, p2, p3}, "Spring session", "2024-01-02")}},
      PageStories{"other.txt", {TitledTeaser({p3, p4}, "", "")}}};
  const std::vector<Story> together = Dedup(pages);
  ASSERT_EQ(together.size(), 2u);
  std::vector<Story> split;
  for (auto& [id, s] : PageAtATime(pages)) split.push_back(std::move(s));
  EXPECT_EQ(Rows(split, true), Rows(together, true));
}

}  // namespace
// FindCommonLinks: a key that joins two sightings of a story counts the
// sightings of every story that hold it; more than 8 make it common, and the
// stories it joins are to be built again. Paragraphs of fewer than 5 words,
// and keys already known, are not counted.
TEST(DeduplicatorTest, CommonLinksCountSightingsNotStories) {
  using Shapes = std::vector<std::vector<uint64_t>>;
  // Key 1 (12 words) joins the two sightings of "joined"; key 2 (3 words)
  // too, but is short; key 3 joins those of "other".
  std::vector<std::pair<std::string, Shapes>> stories = {
      {"joined", {{1, 12, 2, 3, 10, 40}, {1, 12, 2, 3}}},
      {"other", {{3, 9, 11, 30}, {3, 9}}}};
  auto scan_of = [&](const std::vector<std::pair<std::string, Shapes>>& all) {
    return [&all](const ShapesFn& fn) -> Status {
      for (const auto& [id, shapes] : all) fn(id, shapes);
      return {};
    };
  };
  auto found = [&](const tsl::robin_set<uint64_t>& known = {}) {
    auto r = FindCommonLinks(scan_of(stories), known);
    EXPECT_TRUE(r);
    return r ? *r : CommonLinks{};
  };
  // 6 more sightings of key 1 (and of key 2): 8 in all, not more than 8.
  for (int n = 0; n < 6; ++n) {
    stories.push_back({"s" + std::to_string(n), {{1, 12, 2, 3, 100 + uint64_t(n), 20}}});
  }
  EXPECT_TRUE(found().keys.empty());
  // A 9th: key 1 is common, and "joined" is built again; key 2 is short.
  stories.push_back({"s6", {{1, 12, 2, 3, 200, 20}}});
  CommonLinks c = found();
  EXPECT_EQ(c.keys, (std::vector<uint64_t>{1}));
  EXPECT_EQ(c.stories, (std::vector<std::string>{"joined"}));
  // Known already: nothing to do.
  EXPECT_TRUE(found({1}).keys.empty());
  // A key in one sighting of each of many stories joins nothing.
  for (int n = 0; n < 10; ++n) stories.push_back({"t" + std::to_string(n), {{5, 10}}});
  EXPECT_EQ(found().keys, (std::vector<uint64_t>{1}));
  // A failed scan is the caller's.
  auto failing = [](const ShapesFn&) -> Status {
    return tl::unexpected(Error{ErrorCode::kIo, "damaged"});
  };
  EXPECT_FALSE(FindCommonLinks(failing, {}));
}

// A paragraph known common (AddCommon) is not followed: an article that
// holds it does not join a stored story of that paragraph alone, nor that
// story's sighting an article, whatever the order; the same text still is
// one story.
TEST(DeduplicatorTest, ACommonParagraphJoinsNothing) {
  const std::string line = "Read the full statement of the board on the site of the organization today.";
  const std::vector<PageStories> pages = {
      PageStories{"a.txt", {Article({kLead, kSecond, line}, "Council", "2024-01-02")}},
      PageStories{"us.txt", {Article({line}, "Statement", "")}},
      PageStories{"us2.txt", {Teaser({line})}}};
  auto common_key = [&] {
    FoldedText f = Prepare(PageStories{"x", {Teaser({line})}}).folds.front();
    return f.para_hashes.front();
  };
  for (bool article_first : {true, false}) {
    for (bool common : {false, true}) {
      SCOPED_TRACE(std::string(article_first ? "article first" : "page first") +
                   (common ? ", common" : ", not common"));
      Deduplicator d(DedupOptions{}, {});
      if (common) {
        const std::vector<uint64_t> keys = {common_key()};
        d.AddCommon(keys);
      }
      const std::vector<PageStories> article = {pages[0]}, line_pages = {pages[1], pages[2]};
      d.AddBatch(article_first ? article : line_pages);
      d.AddBatch(article_first ? line_pages : article);
      std::vector<Story> out = d.Flush().upserts;
      std::sort(out.begin(), out.end(),
                [](const Story& a, const Story& b) { return a.sources.size() < b.sources.size(); });
      if (!common) {  // a teaser of the article's last paragraph: joined
        ASSERT_EQ(out.size(), 1u);
        EXPECT_EQ(out[0].sources.size(), 3u);
        continue;
      }
      ASSERT_EQ(out.size(), 2u);
      EXPECT_EQ(out[0].sources.size(), 1u);  // the article
      EXPECT_EQ(out[0].sources[0].page, "a.txt");
      EXPECT_EQ(out[1].text, line);  // the line's two pages
      EXPECT_EQ(out[1].sources.size(), 2u);
    }
  }
}

// CommonAmong counts what FindCommonLinks counts, from the index: a line
// that articles share and a page of it alone, the page first, join in one
// story whose sightings hold the line 1 + N times; more than 8 make it
// common, and the scan of the shapes finds that story linked by it.
TEST(DeduplicatorTest, CommonAmongCountsTheSightingsOfTheIndex) {
  const std::string line = "Read the full statement of the board on the site of the organization today.";
  const uint64_t key = Prepare(PageStories{"x", {Teaser({line})}}).folds.front().para_hashes.front();
  for (int articles : {7, 8}) {
    SCOPED_TRACE(std::to_string(articles) + " articles");
    Deduplicator d(DedupOptions{}, {});
    // The story is posted under each id it took (its text grew): as many
    // postings as sightings, more than 8 with the 8 articles, counted as
    // followed (each article followed the line when it came).
    d.TrackFollowed(true);
    d.AddBatch({PageStories{"us.txt", {Article({line}, "Statement", "")}}});
    std::vector<PageStories> pages;
    for (int n = 0; n < articles; ++n) {
      pages.push_back(PageStories{
          "a" + std::to_string(n) + ".txt",
          {Article({"Article " + std::to_string(n) + " of the port works tells of their cost.", line},
                   "Works " + std::to_string(n), "2024-03-12")}});
    }
    d.AddBatch(pages);
    const std::vector<Story> stories = d.Flush().upserts;
    ASSERT_EQ(stories.size(), 1u);  // joined through the page of the line
    const std::vector<uint64_t> keys = {key};
    const std::vector<uint64_t> common = d.CommonAmong(keys);
    auto scan = [&](const ShapesFn& fn) -> Status {
      for (const Story& st : stories) fn(st.id, st.shapes);
      return {};
    };
    auto links = FindCommonLinks(scan, {});
    ASSERT_TRUE(links);
    EXPECT_EQ(common, links->keys);
    if (articles + 1 > 8) {
      EXPECT_EQ(common, keys);
      EXPECT_EQ(links->stories, std::vector<std::string>{stories[0].id});
      auto linked = StoriesLinkedBy(scan, common);
      ASSERT_TRUE(linked);
      EXPECT_EQ(*linked, links->stories);
    } else {
      EXPECT_TRUE(common.empty());
    }
  }
}

// A key of more than 8 stories counts in CommonAmong only when a look-up
// followed it while tracked (it had fewer stories then): ten articles that
// share a line, not joined by it, make it common when they came here; when
// they were stored before, it joined nothing here and was as common then.
TEST(DeduplicatorTest, CommonAmongCountsKeysOfManyStoriesFollowedHere) {
  const std::string line = "Read the full statement of the board on the site of the organization today.";
  const uint64_t key = Prepare(PageStories{"x", {Teaser({line})}}).folds.front().para_hashes.front();
  std::vector<PageStories> pages;
  for (int n = 0; n < 10; ++n) {
    pages.push_back(PageStories{
        "a" + std::to_string(n) + ".txt",
        {Article({"Article " + std::to_string(n) + " of the port works tells of their cost to all.",
                  "The board " + std::to_string(n) + " will meet again in the spring to review it.",
                  line},
                 "Works " + std::to_string(n), "2024-03-12")}});
  }
  const std::vector<uint64_t> keys = {key};
  for (bool tracked : {false, true}) {
    Deduplicator d(DedupOptions{}, {});
    d.TrackFollowed(tracked);
    for (const PageStories& p : pages) d.AddBatch(std::vector<PageStories>{p});
    EXPECT_EQ(d.Flush().upserts.size(), 10u);
    EXPECT_EQ(d.CommonAmong(keys), tracked ? keys : std::vector<uint64_t>{}) << tracked;
    const tsl::robin_set<uint64_t> always = {key};
    EXPECT_EQ(d.CommonAmong(keys, always), keys) << tracked;
  }
}

}  // namespace annals::dedup

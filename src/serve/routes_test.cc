// Routes: the answers given from SQL before the first snapshot of the
// knowledge is built are those the snapshot gives.
#include "src/serve/routes.h"

#include "annals/archive.h"
#include "annals/options.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <vector>

namespace annals::serve {
namespace {

namespace fs = std::filesystem;

TEST(RoutesTest, SqlAnswersBeforeTheSnapshotAreTheSnapshots) {
  const char* source = std::getenv("ANNALS_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "ANNALS_SOURCE_DIR names the checkout";
  const std::string db = (fs::temp_directory_path() / "annals_routes_test.db").string();
  auto cleanup = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  };
  cleanup();
  std::string since, until;
  {
    auto a = Archive::Open(db);
    ASSERT_TRUE(a) << a.error().message;
    auto r = (*a)->Ingest({std::string(source) + "/examples/site"}, PipelineOptions{});
    ASSERT_TRUE(r) << r.error().message;
    auto stories = (*a)->Stories(StoryQuery{});
    ASSERT_TRUE(stories);
    std::vector<std::string> dates;
    for (const Story& s : *stories) {
      if (!s.date.empty()) dates.push_back(s.date);
    }
    ASSERT_GE(dates.size(), 4u);
    // Newest first: a span that leaves stories out at both ends.
    until = dates[1];
    since = dates[dates.size() - 2];
  }
  ServeOptions o;
  o.db = db;
  Routes routes(o);
  ASSERT_TRUE(routes.Open());
  const std::vector<std::pair<std::string, Params>> calls = {
      {"status", {}},
      {"stories", {}},
      {"stories", {{"limit", "3"}}},
      {"stories", {{"limit", "2"}, {"offset", "3"}}},
      {"stories", {{"limit", "2"}, {"since", since}}},
      {"stories", {{"since", since}, {"until", until}}},
      {"stories", {{"until", "1900-01-01"}}},
      {"stories", {{"offset", "900"}}},
      {"stories", {{"since", "2020-13-45x"}}},
  };
  std::vector<Answer> sql;
  for (const auto& [name, params] : calls) sql.push_back(routes.Api(name, "", params));
  EXPECT_FALSE(routes.Ready()) << "a call above built the snapshot";
  // Any other call builds the snapshot; the same calls are then answered from it.
  ASSERT_EQ(routes.Api("entities", "", {}).status, 200);
  EXPECT_TRUE(routes.Ready());
  for (size_t i = 0; i < calls.size(); ++i) {
    const Answer a = routes.Api(calls[i].first, "", calls[i].second);
    EXPECT_EQ(sql[i].status, a.status) << calls[i].first << " call " << i;
    EXPECT_EQ(sql[i].body, a.body) << calls[i].first << " call " << i;
  }
  EXPECT_EQ(sql[0].status, 200);
  EXPECT_NE(sql[2].body.find("\"next_cursor\":\""), std::string::npos) << sql[2].body;
  EXPECT_NE(sql[3].body.find("\"prev_cursor\":\""), std::string::npos) << sql[3].body;
  EXPECT_EQ(sql.back().status, 400);
  cleanup();
}

}  // namespace
}  // namespace annals::serve

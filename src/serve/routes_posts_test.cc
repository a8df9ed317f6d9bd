// Routes: /api/v1/posts pages the holders (offset, cursor) with their total,
// each row's overlaps found among all the holders of its post; and a page
// answered again, its evidence texts kept by the server, is the same answer.
#include "annals/archive.h"
#include "annals/options.h"

#include "src/serve/routes.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace annals::serve {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> People(const nlohmann::json& page) {
  std::vector<std::string> out;
  for (const auto& r : page["items"]) out.push_back(r["person"].get<std::string>());
  return out;
}

TEST(RoutesPostsTest, PagesOfHoldersWithTheirTotal) {
  const fs::path dir = fs::temp_directory_path() / "annals_routes_posts_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "pages");
  // Invented pages: Ana Berg is Secretary General of the Harbour League on
  // 12 January and 1 June 2024, Boris Lund on 5 March (they overlap), Dana
  // Holm on 20 September (after both).
  auto page = [&](const char* name, const char* title, const char* date, const char* text) {
    std::ofstream(dir / "pages" / name) << title << "\n" << date << "\n" << text << "\n";
  };
  page("p1.txt", "Harbour League ministers meet in the capital", "12.01.2024",
       "The Secretary General of the Harbour League Ana Berg opened the meeting of the ministers.");
  page(
      "p2.txt", "Harbour League staff visit the port", "05.03.2024",
      "The Secretary General of the Harbour League Boris Lund visited the port and met its staff.");
  page("p3.txt", "Harbour League council adopts the budget", "01.06.2024",
       "The Secretary General of the Harbour League Ana Berg presented the budget to the council.");
  page("p4.txt", "Harbour League opens an office in Lisbon", "20.09.2024",
       "The Secretary General of the Harbour League Dana Holm opened the office in Lisbon.");
  const std::string db = (dir / "a.db").string();
  {
    auto a = Archive::Open(db);
    ASSERT_TRUE(a) << a.error().message;
    auto r = (*a)->Ingest({(dir / "pages").string()}, PipelineOptions{});
    ASSERT_TRUE(r) << r.error().message;
  }
  ServeOptions o;
  o.db = db;
  Routes routes(o);
  ASSERT_TRUE(routes.Open());
  auto get = [&](const Params& p) {
    const Answer a = routes.Api("posts", "", p);
    EXPECT_EQ(a.status, 200) << a.body;
    return nlohmann::json::parse(a.body, nullptr, false);
  };
  const nlohmann::json all = get({});
  ASSERT_FALSE(all.is_discarded());
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(People(all), (std::vector<std::string>{"Ana Berg", "Boris Lund", "Dana Holm"}));

  // Rows 2 and 3 by offset: Boris still overlaps Ana, who is on no page shown.
  const nlohmann::json two = get({{"offset", "1"}, {"limit", "2"}});
  EXPECT_EQ(two["total"], 3);
  EXPECT_EQ(two["offset"], 1);
  EXPECT_EQ(People(two), (std::vector<std::string>{"Boris Lund", "Dana Holm"}));
  EXPECT_EQ(two["items"][0]["overlaps"], nlohmann::json::array({"Ana Berg"}));
  EXPECT_EQ(two["items"][1]["overlaps"], nlohmann::json::array());
  // The evidence of Boris's row: the sentence of his story.
  EXPECT_EQ(two["items"][0]["evidence"]["sentence"],
            "The Secretary General of the Harbour League Boris Lund visited the port and met "
            "its staff.");

  // By cursor: the page after the first row is the second row.
  const nlohmann::json first = get({{"limit", "1"}});
  EXPECT_EQ(People(first), (std::vector<std::string>{"Ana Berg"}));
  ASSERT_TRUE(first["next_cursor"].is_string());
  const nlohmann::json next =
      get({{"limit", "1"}, {"cursor", first["next_cursor"].get<std::string>()}});
  EXPECT_EQ(People(next), (std::vector<std::string>{"Boris Lund"}));
  EXPECT_EQ(next["offset"], 1);

  // Asked again (the texts now kept): the same answer.
  const Answer again = routes.Api("posts", "", {{"offset", "1"}, {"limit", "2"}});
  EXPECT_EQ(nlohmann::json::parse(again.body, nullptr, false), two);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace annals::serve

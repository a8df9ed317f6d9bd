#include "src/extract/gazetteer.h"
#include "src/extract/packaged_for_tests.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "src/extract/lexicon.h"

namespace annals::extract {
namespace {

using fixtures::Packaged;

std::string NameOf(std::string_view written) {
  const int e = Packaged().Find(NameKey(written));
  return e < 0 ? "" : Packaged().entry(e).name;
}

TEST(Gazetteer, StatesInEveryForm) {
  struct Case {
    std::string a, b;
  } same[] = {
      {"Slovak Republic", "Slovakia"},
      {"Republic of Austria", "Austria"},
      {"Viet Nam", "Vietnam"},
      {"Côte d'Ivoire", "Ivory Coast"},
      {"Lao People's Democratic Republic", "Laos"},
      {"Republic of Korea", "South Korea"},
      {"United Mexican States", "Mexico"},
  };
  for (const Case& c : same) {
    EXPECT_FALSE(NameOf(c.a).empty()) << c.a;
    EXPECT_EQ(NameOf(c.a), NameOf(c.b)) << c.a;
    EXPECT_EQ(Packaged().entry(Packaged().Find(NameKey(c.a))).type, EntityType::kCountry);
  }
}

TEST(Gazetteer, CitiesRegionsAndOrganizations) {
  EXPECT_EQ(NameOf("St. Gallen"), NameOf("Saint Gallen"));
  const int city = Packaged().Find(NameKey("Bratislava"));
  ASSERT_GE(city, 0);
  EXPECT_EQ(Packaged().entry(city).type, EntityType::kPlace);
  const int region = Packaged().Find(NameKey("Southern Europe"));
  ASSERT_GE(region, 0);
  EXPECT_EQ(Packaged().entry(region).type, EntityType::kPlace);
  // Names in capitals are found only under "#": a word in capitals.
  const int eu = Packaged().Find("#" + NameKey("EU"));
  ASSERT_GE(eu, 0);
  EXPECT_EQ(Packaged().entry(eu).type, EntityType::kOrganization);
  EXPECT_NE(Packaged().Find(NameKey("eu")), eu);
}

TEST(Gazetteer, CitiesInBothScriptsAreOnePlace) {
  // libgeonames' Russian and English catalogs share GeoNames ids (issue 25).
  for (auto [ru, en] : {std::pair{"Прага", "Prague"}, {"Лиссабон", "Lisbon"}, {"Хельсинки", "Helsinki"},
                        {"Праге", "Prague"}}) {
    const int e = Packaged().Find(NameKey(en));
    ASSERT_GE(e, 0) << en;
    EXPECT_EQ(Packaged().Find(NameKey(ru)), e) << ru;
    EXPECT_EQ(Packaged().entry(e).type, EntityType::kPlace) << en;
  }
}

TEST(Gazetteer, CommonWordsAreNotPlaces) {
  for (const char* w : {"Mission", "Police", "Union", "Council", "May", "President"}) {
    const int e = Packaged().Find(NameKey(w));
    EXPECT_TRUE(e < 0 || Packaged().entry(e).type != EntityType::kPlace) << w;
  }
  EXPECT_EQ(Packaged().Find(NameKey("Republic")), -1);
}

TEST(Gazetteer, StateAdjectivesFromData) {
  struct Case {
    std::string adjective, state;
  } cases[] = {
      {"slovak", "Slovakia"},  {"hungarian", "Hungary"},    {"estonian", "Estonia"},
      {"uzbek", "Uzbekistan"}, {"turkmen", "Turkmenistan"}, {"brazilian", "Brazil"},
  };
  for (const Case& c : cases) {
    const int e = Packaged().FindAdjective(c.adjective);
    ASSERT_GE(e, 0) << c.adjective;
    EXPECT_EQ(Packaged().entry(e).name, NameOf(c.state)) << c.adjective;
  }
  EXPECT_EQ(Packaged().FindAdjective("colleague"), -1);
}

TEST(Gazetteer, MissingOrBrokenDataIsAnError) {
  auto missing = Gazetteer::Load({.iso_codes_dir = "/nonexistent/iso"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);

  const auto dir = std::filesystem::temp_directory_path() / "annals_gazetteer_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "iso_3166-1.json") << "{ not json";
  auto broken = Gazetteer::Load({.iso_codes_dir = dir.string(), .icu = false, .cities = false});
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::kCorrupt);
  std::ofstream(dir / "iso_3166-1.json") << R"({"other": []})";
  auto shape = Gazetteer::Load({.iso_codes_dir = dir.string(), .icu = false, .cities = false});
  ASSERT_FALSE(shape.has_value());
  EXPECT_EQ(shape.error().code, ErrorCode::kCorrupt);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace annals::extract

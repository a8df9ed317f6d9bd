#include "src/query/archive_json.h"

#include "src/common/text.h"

#include <string_view>

namespace annals::query {
namespace {

using nlohmann::json;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

std::vector<std::string> StrList(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& x : *it) {
    if (x.is_string()) out.push_back(x.get<std::string>());
  }
  return out;
}

}  // namespace

json StoryJson(const Story& s) {
  json sources = json::array();
  for (const Source& src : s.sources) {
    sources.push_back({{"page", src.page}, {"role", SourceRoleName(src.role)}});
  }
  return {{"id", s.id},           {"date", OrNull(s.date)},         {"title", OrNull(s.title)},
          {"text", s.text},       {"sources", sources},             {"attachments", s.attachments},
          {"links", s.links},     {"language", OrNull(s.language)}};
}

json EntityJson(const Entity& e) {
  return {{"id", e.id},
          {"type", EntityTypeName(e.type)},
          {"name", e.name},
          {"aliases", e.aliases},
          {"mentions", e.mentions},
          {"first_seen", OrNull(e.first_seen)},
          {"last_seen", OrNull(e.last_seen)}};
}

json FactJson(const Fact& f) {
  json j = {{"type", FactTypeName(f.type)}, {"story", OrNull(f.story_id)}, {"date", OrNull(f.date)}};
  switch (f.type) {
    case FactType::kHoldsPost:
      j["person"] = f.person;
      j["post"] = f.post;
      j["organization"] = OrNull(f.organization);
      break;
    case FactType::kChairs:
      j["country"] = f.country;
      j["organization"] = OrNull(f.organization);
      j["year"] = f.year;
      break;
    case FactType::kMemberOf:
      j["country"] = f.country;
      j["organization"] = OrNull(f.organization);
      break;
  }
  j["sentence"] = {f.sentence_begin, f.sentence_end};
  return j;
}

json EventJson(const Event& e) {
  return {{"id", e.id},
          {"type", EventTypeName(e.type)},
          {"date", OrNull(e.date)},
          {"date_end", OrNull(e.date_end)},
          {"place", OrNull(e.place)},
          {"participants", e.participants},
          {"chair", OrNull(e.chair)},
          {"stories", e.stories},
          {"story", OrNull(e.story_id)},
          {"sentence", {e.sentence_begin, e.sentence_end}}};
}

Evidence EvidenceOf(const Story* story, uint32_t begin, uint32_t end) {
  Evidence e;
  if (story == nullptr) return e;
  e.story = story->id;
  if (!story->sources.empty()) e.page = story->sources.front().page;
  if (begin < end && end <= story->text.size()) e.sentence = story->text.substr(begin, end - begin);
  return e;
}

json EvidenceJson(const Evidence& e) {
  return {{"story", OrNull(e.story)}, {"page", OrNull(e.page)}, {"sentence", OrNull(e.sentence)}};
}

std::unordered_map<std::string, const Story*> StoriesById(const std::vector<Story>& stories) {
  std::unordered_map<std::string, const Story*> out;
  for (const Story& s : stories) out.emplace(s.id, &s);
  return out;
}

json ArchiveJson(const ArchiveData& d) {
  json j = {{"stories", json::array()},
            {"entities", json::array()},
            {"facts", json::array()},
            {"events", json::array()}};
  for (const Story& s : d.stories) j["stories"].push_back(StoryJson(s));
  for (const Entity& e : d.entities) j["entities"].push_back(EntityJson(e));
  // Offsets in the export are Unicode code points of the story's text (the
  // archive keeps bytes of its UTF-8), and each record carries its evidence.
  const auto by_id = StoriesById(d.stories);
  auto story_of = [&](const std::string& id) -> const Story* {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  auto code_points = [](const Story* s, uint32_t begin, uint32_t end) {
    if (s == nullptr || begin > end || end > s->text.size()) return json::array({begin, end});
    const std::string_view t = s->text;
    const size_t a = text::CodePoints(t.substr(0, begin));
    return json::array({a, a + text::CodePoints(t.substr(begin, end - begin))});
  };
  for (const Fact& f : d.facts) {
    json x = FactJson(f);
    const Story* s = story_of(f.story_id);
    x["sentence"] = code_points(s, f.sentence_begin, f.sentence_end);
    x["evidence"] = EvidenceJson(EvidenceOf(s, f.sentence_begin, f.sentence_end));
    j["facts"].push_back(std::move(x));
  }
  for (const Event& e : d.events) {
    json x = EventJson(e);
    const Story* s = story_of(e.story_id);
    x["sentence"] = code_points(s, e.sentence_begin, e.sentence_end);
    x["evidence"] = EvidenceJson(EvidenceOf(s, e.sentence_begin, e.sentence_end));
    j["events"].push_back(std::move(x));
  }
  return j;
}

Result<ArchiveData> ParseArchiveJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Fail(ErrorCode::kInvalidInput, "not a JSON object");
  }
  ArchiveData d;
  auto stories = j.find("stories");
  if (stories == j.end() || !stories->is_array()) {
    return Fail(ErrorCode::kInvalidInput, "no \"stories\" array");
  }
  for (const json& s : *stories) {
    if (!s.is_object()) return Fail(ErrorCode::kInvalidInput, "a story is not an object");
    Story st;
    st.id = Str(s, "id");
    st.date = Str(s, "date");
    st.title = Str(s, "title");
    st.text = Str(s, "text");
    st.attachments = StrList(s, "attachments");
    st.links = StrList(s, "links");
    st.language = Str(s, "language");
    if (auto src = s.find("sources"); src != s.end() && src->is_array()) {
      for (const json& x : *src) {
        if (!x.is_object()) continue;
        st.sources.push_back({Str(x, "page"), Str(x, "role") == "article" ? SourceRole::kArticle
                                                                          : SourceRole::kTeaser});
      }
    }
    d.stories.push_back(std::move(st));
  }
  return d;
}

}  // namespace annals::query

#include "src/serve/routes.h"

#include "annals/archive.h"

#include "src/common/text.h"
#include "src/events/profile.h"
#include "src/events/timeline.h"
#include "src/query/archive_json.h"
#include "src/query/knowledge.h"
#include "src/serve/assets.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <vector>

namespace annals::serve {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kReplace = json::error_handler_t::replace;

// The archive's knowledge, read once in one snapshot and kept until the
// archive changes, with the indexes the answers need.
struct Snapshot {
  ArchiveData data;
  bool stale = false;
  std::unordered_map<std::string, uint32_t> story_at;   // id -> index in data.stories
  std::unordered_map<std::string, uint32_t> entity_at;  // id -> index in data.entities
  std::vector<std::vector<uint32_t>> story_mentions;    // per story: indexes in data.mentions
  std::vector<std::vector<uint32_t>> story_entities;    // per story: entity indexes, unique
  std::vector<std::vector<uint32_t>> story_facts;       // per story: indexes in data.facts
  std::vector<std::vector<uint32_t>> story_events;      // per story: events that it reports
  query::KnowledgeIndex index;                          // for entity profiles
  // FilterEvents' answers by query: a calendar pages through one filter, and
  // sorting the events again for each page cost 120 ms at 9,400 events.
  mutable std::mutex events_mu;
  mutable std::map<std::string, std::shared_ptr<const std::vector<Event>>> events_by_query;

  // Search's ranked matches by (query, since, until), for this state of the
  // archive: paging and narrowing by facets ask the same query again.
  mutable std::mutex ranked_mu;
  mutable std::map<std::string, std::shared_ptr<const std::vector<RankedHit>>> ranked_by_query;

  std::shared_ptr<const std::vector<RankedHit>> CachedRanked(const std::string& key) const {
    std::lock_guard<std::mutex> lock(ranked_mu);
    auto it = ranked_by_query.find(key);
    return it == ranked_by_query.end() ? nullptr : it->second;
  }
  void KeepRanked(const std::string& key, std::shared_ptr<const std::vector<RankedHit>> r) const {
    std::lock_guard<std::mutex> lock(ranked_mu);
    if (ranked_by_query.size() >= 256) ranked_by_query.clear();  // a bound, not an LRU
    ranked_by_query.emplace(key, std::move(r));
  }

  Result<std::shared_ptr<const std::vector<Event>>> Events(const events::TimelineQuery& q) const {
    const std::string key =
        q.entity + '\x1f' + q.type + '\x1f' + q.place + '\x1f' + q.since + '\x1f' + q.until;
    {
      std::lock_guard<std::mutex> lock(events_mu);
      auto it = events_by_query.find(key);
      if (it != events_by_query.end()) return it->second;
    }
    auto list = events::FilterEvents(data, q);
    if (!list) return tl::unexpected(list.error());
    auto shared = std::make_shared<const std::vector<Event>>(std::move(*list));
    std::lock_guard<std::mutex> lock(events_mu);
    if (events_by_query.size() >= 64) events_by_query.clear();  // a bound, not an LRU
    events_by_query.emplace(key, shared);
    return shared;
  }
};

std::shared_ptr<const Snapshot> Index(ArchiveData data, bool stale) {
  auto s = std::make_shared<Snapshot>();
  s->data = std::move(data);
  s->stale = stale;
  const ArchiveData& d = s->data;
  for (uint32_t i = 0; i < d.stories.size(); ++i) s->story_at.emplace(d.stories[i].id, i);
  for (uint32_t i = 0; i < d.entities.size(); ++i) s->entity_at.emplace(d.entities[i].id, i);
  s->story_mentions.resize(d.stories.size());
  s->story_entities.resize(d.stories.size());
  s->story_facts.resize(d.stories.size());
  s->story_events.resize(d.stories.size());
  for (uint32_t i = 0; i < d.mentions.size(); ++i) {
    auto st = s->story_at.find(d.mentions[i].story_id);
    auto en = s->entity_at.find(d.mentions[i].entity_id);
    if (st == s->story_at.end()) continue;
    s->story_mentions[st->second].push_back(i);
    if (en != s->entity_at.end()) s->story_entities[st->second].push_back(en->second);
  }
  for (auto& v : s->story_entities) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  for (uint32_t i = 0; i < d.facts.size(); ++i) {
    auto st = s->story_at.find(d.facts[i].story_id);
    if (st != s->story_at.end()) s->story_facts[st->second].push_back(i);
  }
  s->index = query::IndexKnowledge(d);
  for (uint32_t i = 0; i < d.events.size(); ++i) {
    for (const std::string& id : d.events[i].stories) {
      auto st = s->story_at.find(id);
      if (st != s->story_at.end()) s->story_events[st->second].push_back(i);
    }
  }
  return s;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, kReplace); }

Answer Json(const json& j, int status = 200) { return Answer{.status = status, .body = Dump(j)}; }

// Why an archive call failed, as an answer: a request past its time is
// 503, a missing thing 404, a bad query 400, anything else 500.
Answer Failure(const Error& e, Clock::time_point deadline, int seconds) {
  if (Clock::now() > deadline) {
    return Routes::Error(
        503, "the request took longer than " + std::to_string(seconds) + " s and was stopped");
  }
  switch (e.code) {
    case ErrorCode::kNotFound:
      return Routes::Error(404, e.message);
    case ErrorCode::kInvalidInput:
      return Routes::Error(400, e.message);
    default:
      std::fprintf(stderr, "annals serve: %s\n", e.message.c_str());
      return Routes::Error(500, "the archive could not be read: " + e.message);
  }
}

std::string Param(const Params& p, const std::string& key) {
  auto it = p.find(key);
  return it == p.end() ? std::string() : it->second;
}

// A non-negative integer parameter, `fallback` when absent; false when malformed.
bool IntParam(const Params& p, const std::string& key, int fallback, int* out) {
  const std::string v = Param(p, key);
  if (v.empty()) {
    *out = fallback;
    return true;
  }
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && end == v.data() + v.size() && *out >= 0;
}

// One CSV field of a JSON value: strings as they are, null as empty,
// arrays joined with "; ", RFC 4180 quoting.
std::string CsvField(const json& v) {
  std::string s;
  if (v.is_null()) {
    s = "";
  } else if (v.is_string()) {
    s = v.get<std::string>();
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      s += (i ? "; " : "") + (v[i].is_string() ? v[i].get<std::string>() : Dump(v[i]));
    }
  } else {
    s = Dump(v);
  }
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string Csv(const json& items, const std::vector<std::string>& columns) {
  std::string out;
  for (size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + columns[c];
  out += "\r\n";
  for (const json& item : items) {
    for (size_t c = 0; c < columns.size(); ++c) {
      auto it = item.find(columns[c]);
      out += (c ? "," : "") + (it == item.end() ? std::string() : CsvField(*it));
    }
    out += "\r\n";
  }
  return out;
}

enum class Format { kJson, kJsonl, kCsv, kIcs };

bool ParseFormat(const std::string& s, bool ics_ok, Format* out) {
  if (s.empty() || s == "json") {
    *out = Format::kJson;
  } else if (s == "jsonl") {
    *out = Format::kJsonl;
  } else if (s == "csv") {
    *out = Format::kCsv;
  } else if (s == "ics" && ics_ok) {
    *out = Format::kIcs;
  } else {
    return false;
  }
  return true;
}

// A listing: one page of `items` with the total (format=json), or every
// match as a download (jsonl, csv).
struct Listing {
  const char* what;                  // "stories": the download's name
  std::vector<std::string> columns;  // of the CSV
};

Answer Download(const Listing& l, const json& items, Format format) {
  Answer a;
  if (format == Format::kCsv) {
    a.content_type = "text/csv; charset=utf-8";
    a.body = Csv(items, l.columns);
    a.filename = std::string("annals-") + l.what + ".csv";
  } else {
    a.content_type = "application/x-ndjson; charset=utf-8";
    for (const json& item : items) a.body += Dump(item) + "\n";
    a.filename = std::string("annals-") + l.what + ".jsonl";
  }
  return a;
}

json SnippetParts(const std::string& snippet) {
  // The store marks matched terms with [ and ] (SQLite's snippet()).
  json parts = json::array();
  std::string cur;
  bool in = false;
  auto flush = [&] {
    if (!cur.empty()) parts.push_back({{"text", cur}, {"match", in}});
    cur.clear();
  };
  for (char c : snippet) {
    if (c == '[' && !in) {
      flush();
      in = true;
    } else if (c == ']' && in) {
      flush();
      in = false;
    } else {
      cur += c;
    }
  }
  flush();
  return parts;
}

bool ValidDay(const std::string& s) {
  if (s.empty()) return true;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::vector<uint32_t> Utf16Offsets(const std::string& text) {
  std::vector<uint32_t> out(text.size() + 1, 0);
  uint32_t u16 = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t k = 0; k < len && i + k < text.size(); ++k) out[i + k] = u16;
    u16 += len == 4 ? 2 : 1;
    i += len;
  }
  out[text.size()] = u16;
  return out;
}

struct Routes::State {
  ServeOptions options;
  // Idle connections; a request takes one (or opens one) and gives it back.
  std::mutex pool_mu;
  std::vector<std::unique_ptr<Archive>> pool;
  // The snapshot and the connection that watches for changes.
  std::mutex snap_mu;
  std::unique_ptr<Archive> watcher;
  int64_t version = -1;
  std::shared_ptr<const Snapshot> snapshot;
  // The one writing connection (allow_edits only); edits one at a time.
  std::mutex edit_mu;
  std::unique_ptr<Archive> editor;

  Result<std::unique_ptr<Archive>> Take() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!pool.empty()) {
        auto a = std::move(pool.back());
        pool.pop_back();
        return a;
      }
    }
    return Archive::OpenReadOnly(options.db);
  }
  void Give(std::unique_ptr<Archive> a) {
    a->SetDeadline({});
    std::lock_guard<std::mutex> lock(pool_mu);
    pool.push_back(std::move(a));
  }

  // The knowledge as of now: read again when another process committed.
  Result<std::shared_ptr<const Snapshot>> Knowledge() {
    std::lock_guard<std::mutex> lock(snap_mu);
    auto v = watcher->DataVersion();
    if (!v) return tl::unexpected(v.error());
    if (snapshot && *v == version) return snapshot;
    auto data = watcher->Export();
    if (!data) return tl::unexpected(data.error());
    auto stale = watcher->KnowledgeStale();
    snapshot = Index(std::move(*data), stale && *stale);
    version = *v;
    return snapshot;
  }
};

Routes::Routes(const ServeOptions& options) : state_(std::make_unique<State>()) {
  state_->options = options;
}
Routes::~Routes() = default;

Status Routes::Open() {
  auto a = Archive::OpenReadOnly(state_->options.db);
  if (!a) return tl::unexpected(a.error());
  state_->watcher = std::move(*a);
  if (state_->options.allow_edits) {
    if (state_->options.token.size() < 16) {
      return Fail(ErrorCode::kInvalidInput, "edits need a token of at least 16 characters");
    }
    auto w = Archive::Open(state_->options.db);
    if (!w) return tl::unexpected(w.error());
    state_->editor = std::move(*w);
  }
  return Ok();
}

namespace {

// Compares in time independent of where the strings differ.
bool SameToken(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (a[i] ^ (i < b.size() ? b[i] : 0)));
  }
  return diff == 0;
}

}  // namespace

Answer Routes::Correct(const std::string& body, const std::string& token) {
  State& st = *state_;
  if (!st.options.allow_edits) {
    return Error(403, "this server was started without --allow-edits: it changes nothing");
  }
  if (token.empty() || !SameToken(token, st.options.token)) {
    return Error(403, "an edit needs the token the server printed (header X-Annals-Token)");
  }
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error(400, "the body is not a JSON object");
  auto str = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string kind = str("kind"), a = str("a"), b = str("b");
  const auto force_it = j.find("force");
  const bool force = force_it != j.end() && force_it->is_boolean() && force_it->get<bool>();
  int64_t number = 0;
  if (kind == "undo") {
    const auto n = j.find("number");
    if (n == j.end() || !n->is_number_integer() || n->get<int64_t>() < 1) {
      return Error(400, "undo takes \"number\", the correction's number (from GET corrections)");
    }
    number = n->get<int64_t>();
  } else if (a.empty() || b.empty()) {
    return Error(400, "give \"a\" and \"b\"");
  }
  if (a.size() > st.options.max_query_bytes || b.size() > st.options.max_query_bytes) {
    return Error(400,
                 "a name is longer than " + std::to_string(st.options.max_query_bytes) + " bytes");
  }
  std::lock_guard<std::mutex> lock(st.edit_mu);
  Status done = Fail(ErrorCode::kInvalidInput, "kind is merge, split, rename, retype or undo");
  if (kind == "merge") {
    done = st.editor->MergeEntities(a, b, force);
  } else if (kind == "split") {
    done = st.editor->SplitEntity(a, b);
  } else if (kind == "rename") {
    done = st.editor->RenameEntity(a, b);
  } else if (kind == "retype") {
    done = st.editor->RetypeEntity(a, b);
  } else if (kind == "undo") {
    done = st.editor->UndoCorrection(number);
  }
  if (!done) {
    const ErrorCode code = done.error().code;
    const int status = code == ErrorCode::kNotFound             ? 404
                       : code == ErrorCode::kInvalidInput       ? 400
                       : code == ErrorCode::kFailedPrecondition ? 409
                                                                : 500;
    if (status == 500)
      std::fprintf(stderr, "annals serve: edit: %s\n", done.error().message.c_str());
    json err = {{"error", done.error().message}};
    // A refusal that "force": true overrides (a merge of two that look distinct).
    if (status == 409) err["needs_force"] = true;
    return Json(err, status);
  }
  if (kind == "undo") {
    std::fprintf(stderr, "annals serve: edit: undo %lld\n", static_cast<long long>(number));
    return Json({{"done", true}, {"kind", kind}, {"number", number}});
  }
  std::fprintf(stderr, "annals serve: edit: %s \"%s\" \"%s\"%s\n", kind.c_str(), a.c_str(),
               b.c_str(), force ? " (forced)" : "");
  return Json({{"done", true}, {"kind", kind}, {"a", a}, {"b", b}});
}

Answer Routes::Error(int status, const std::string& message) {
  return Json({{"error", message}}, status);
}

Answer Routes::Static(const std::string& name) {
  const Asset* a = FindAsset(name);
  if (a == nullptr) return Error(404, "not found");
  return Answer{
      .status = 200, .content_type = std::string(a->content_type), .body = std::string(a->bytes)};
}

Answer Routes::Api(const std::string& name, const std::string& rest, const Params& params) {
  State& st = *state_;
  const ServeOptions& o = st.options;
  for (const auto& [k, v] : params) {
    if (v.size() > o.max_query_bytes || k.size() > 64) {
      return Error(400, "parameter " + k.substr(0, 64) + " is longer than " +
                            std::to_string(o.max_query_bytes) + " bytes");
    }
  }
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(o.request_seconds);
  int offset = 0, limit = 0;
  if (!IntParam(params, "offset", 0, &offset) || !IntParam(params, "limit", 20, &limit) ||
      limit == 0) {
    return Error(400, "offset is a number from 0, limit a number from 1");
  }
  if (limit > o.max_page_size) {
    return Error(400, "limit is at most " + std::to_string(o.max_page_size));
  }
  Format format;
  if (!ParseFormat(Param(params, "format"), name == "events", &format)) {
    return Error(400,
                 "format is json, jsonl or csv" + std::string(name == "events" ? " or ics" : ""));
  }
  const auto off = static_cast<size_t>(offset);
  const auto lim = static_cast<size_t>(limit);
  // One page of a vector, or all of it (up to the download bound) for a download.
  auto page = [&](size_t n) -> std::pair<size_t, size_t> {
    if (format != Format::kJson) return {0, std::min(n, static_cast<size_t>(o.max_download_items))};
    const size_t b = std::min(off, n);
    return {b, std::min(n, b + lim)};
  };
  auto envelope = [&](size_t total, json items) {
    return json{
        {"total", total}, {"offset", offset}, {"limit", limit}, {"items", std::move(items)}};
  };

  auto snap = st.Knowledge();
  if (!snap) return Failure(snap.error(), deadline, o.request_seconds);
  const Snapshot& k = **snap;
  const ArchiveData& d = k.data;

  if (name == "status") {
    return Json({{"stories", d.stories.size()},
                 {"entities", d.entities.size()},
                 {"mentions", d.mentions.size()},
                 {"facts", d.facts.size()},
                 {"events", d.events.size()},
                 {"knowledge_stale", k.stale},
                 {"read_only", !o.allow_edits},
                 {"edits_allowed", o.allow_edits},
                 {"version", "annals 0.1"}});
  }

  if (name == "corrections") {
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    auto rows = (*lease)->Corrections();
    st.Give(std::move(*lease));
    if (!rows) return Failure(rows.error(), deadline, o.request_seconds);
    json items = json::array();
    for (const Correction& c : *rows) {
      items.push_back({{"number", c.number}, {"kind", c.kind}, {"a", c.a}, {"b", c.b}});
    }
    return Json(envelope(items.size(), std::move(items)));
  }

  if (name == "stories") {
    const std::string since = Param(params, "since"), until = Param(params, "until");
    if (!ValidDay(since) || !ValidDay(until)) return Error(400, "dates are written YYYY-MM-DD");
    size_t total = 0, undated = 0;
    for (const Story& s : d.stories) {
      if (s.date.empty()) {
        ++undated;
        if (!since.empty() || !until.empty()) continue;
      } else if ((!since.empty() && s.date < since) || (!until.empty() && s.date > until)) {
        continue;
      }
      ++total;
    }
    auto [b, e] = page(total);
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    (*lease)->SetDeadline(deadline);
    auto stories = (*lease)->Stories(StoryQuery{since, until, static_cast<int>(e)});
    st.Give(std::move(*lease));
    // Some reads of the store end early, without an error, when the
    // deadline interrupts them: whatever ended past it is not answered.
    if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
    if (!stories) return Failure(stories.error(), deadline, o.request_seconds);
    json items = json::array();
    for (size_t i = b; i < stories->size(); ++i) items.push_back(query::StoryJson((*stories)[i]));
    const Listing l{"stories", {"id", "date", "title", "text", "sources", "attachments", "links"}};
    if (format != Format::kJson) {
      for (json& it : items) {
        json pages = json::array();
        for (const json& s : it["sources"]) pages.push_back(s["page"]);
        it["sources"] = pages;
      }
      return Download(l, items, format);
    }
    json j = envelope(total, std::move(items));
    j["undated_left_out"] = (!since.empty() || !until.empty()) ? undated : 0;
    return Json(j);
  }

  if (name == "story") {
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    (*lease)->SetDeadline(deadline);
    auto story = (*lease)->GetStory(rest);
    st.Give(std::move(*lease));
    // Some reads of the store end early, without an error, when the
    // deadline interrupts them: whatever ended past it is not answered.
    if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
    if (!story) return Failure(story.error(), deadline, o.request_seconds);
    json j = query::StoryJson(*story);
    const std::vector<uint32_t> u16 = Utf16Offsets(story->text);
    auto at = [&](uint32_t byte) { return u16[std::min<size_t>(byte, story->text.size())]; };
    j["mentions"] = json::array();
    j["facts"] = json::array();
    j["events"] = json::array();
    auto it = k.story_at.find(story->id);
    if (it != k.story_at.end()) {
      for (uint32_t mi : k.story_mentions[it->second]) {
        const Mention& m = d.mentions[mi];
        auto en = k.entity_at.find(m.entity_id);
        if (en == k.entity_at.end()) continue;
        const Entity& e = d.entities[en->second];
        j["mentions"].push_back({{"entity", e.id},
                                 {"name", e.name},
                                 {"type", EntityTypeName(e.type)},
                                 {"begin", m.begin},
                                 {"end", m.end},
                                 {"utf16", {at(m.begin), at(m.end)}}});
      }
      for (uint32_t fi : k.story_facts[it->second]) {
        const Fact& f = d.facts[fi];
        json fj = query::FactJson(f);
        fj["sentence_utf16"] = {at(f.sentence_begin), at(f.sentence_end)};
        j["facts"].push_back(std::move(fj));
      }
      for (uint32_t ei : k.story_events[it->second]) {
        const Event& e = d.events[ei];
        json ej = query::EventJson(e);
        if (e.story_id == story->id) {
          ej["sentence_utf16"] = {at(e.sentence_begin), at(e.sentence_end)};
        }
        j["events"].push_back(std::move(ej));
      }
    }
    return Json(j);
  }

  if (name == "search") {
    const std::string q = Param(params, "q");
    const std::string since = Param(params, "since"), until = Param(params, "until");
    if (!ValidDay(since) || !ValidDay(until)) return Error(400, "dates are written YYYY-MM-DD");
    const std::string year = Param(params, "year"), entity = Param(params, "entity"),
                      event_type = Param(params, "event_type");
    EventType want_type{};
    if (!event_type.empty() && !ParseEventType(event_type, &want_type)) {
      return Error(400, "unknown event type \"" + event_type + "\"");
    }
    auto lease = st.Take();
    if (!lease) return Failure(lease.error(), deadline, o.request_seconds);
    (*lease)->SetDeadline(deadline);
    const std::string key = q + '\x1f' + since + '\x1f' + until;
    std::shared_ptr<const std::vector<RankedHit>> hits = k.CachedRanked(key);
    if (!hits) {
      auto ranked = (*lease)->SearchRanked(q, StoryQuery{since, until, 0});
      if (!ranked) {
        st.Give(std::move(*lease));
        return Failure(ranked.error(), deadline, o.request_seconds);
      }
      if (Clock::now() > deadline) {  // perhaps cut short: not kept
        st.Give(std::move(*lease));
        return Failure(annals::Error{}, deadline, o.request_seconds);
      }
      hits = std::make_shared<const std::vector<RankedHit>>(std::move(*ranked));
      k.KeepRanked(key, hits);
    }
    // Narrow by the facets chosen, then count the facets of what is left.
    std::vector<const RankedHit*> kept;
    for (const RankedHit& h : *hits) {
      const std::string y = h.date.size() >= 4 ? h.date.substr(0, 4) : "undated";
      if (!year.empty() && y != year) continue;
      auto si = k.story_at.find(h.id);
      if (!entity.empty()) {
        auto en = k.entity_at.find(entity);
        if (si == k.story_at.end() || en == k.entity_at.end()) continue;
        const auto& v = k.story_entities[si->second];
        if (!std::binary_search(v.begin(), v.end(), en->second)) continue;
      }
      if (!event_type.empty()) {
        if (si == k.story_at.end()) continue;
        bool any = false;
        for (uint32_t ei : k.story_events[si->second]) any = any || d.events[ei].type == want_type;
        if (!any) continue;
      }
      kept.push_back(&h);
    }
    // Snippets and stories only for the page shown (or the download).
    auto [b, e] = page(kept.size());
    std::vector<RankedHit> shown;
    for (size_t i = b; i < e; ++i) shown.push_back(*kept[i]);
    auto loaded = (*lease)->LoadHits(q, shown);
    st.Give(std::move(*lease));
    if (Clock::now() > deadline) return Failure(annals::Error{}, deadline, o.request_seconds);
    if (!loaded) return Failure(loaded.error(), deadline, o.request_seconds);
    std::map<std::string, int> years;
    std::unordered_map<uint32_t, int> entities;
    std::map<std::string, int> types;
    for (const RankedHit* h : kept) {
      ++years[h->date.size() >= 4 ? h->date.substr(0, 4) : "undated"];
      auto si = k.story_at.find(h->id);
      if (si == k.story_at.end()) continue;
      for (uint32_t en : k.story_entities[si->second]) ++entities[en];
      std::set<std::string> seen;
      for (uint32_t ei : k.story_events[si->second]) seen.insert(EventTypeName(d.events[ei].type));
      for (const std::string& t : seen) ++types[t];
    }
    json facets = {
        {"year", json::array()}, {"entity", json::array()}, {"event_type", json::array()}};
    for (auto it = years.rbegin(); it != years.rend(); ++it) {
      facets["year"].push_back({{"value", it->first}, {"count", it->second}});
    }
    std::vector<std::pair<int, uint32_t>> top;
    for (const auto& [en, n] : entities) top.push_back({n, en});
    std::sort(top.begin(), top.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return d.entities[a.second].name < d.entities[b.second].name;
    });
    if (top.size() > 15) top.resize(15);
    for (const auto& [n, en] : top) {
      const Entity& e = d.entities[en];
      facets["entity"].push_back(
          {{"value", e.id}, {"name", e.name}, {"type", EntityTypeName(e.type)}, {"count", n}});
    }
    for (const auto& [t, n] : types) facets["event_type"].push_back({{"value", t}, {"count", n}});
    json items = json::array();
    for (const SearchHit& h : *loaded) {
      items.push_back({{"id", h.story.id},
                       {"date", h.story.date.empty() ? json() : json(h.story.date)},
                       {"title", h.story.title.empty() ? json() : json(h.story.title)},
                       {"snippet", h.snippet},
                       {"snippet_parts", SnippetParts(h.snippet)},
                       {"score", h.score},
                       {"pages", h.story.sources.size()}});
    }
    if (format != Format::kJson) {
      return Download({"search", {"id", "date", "title", "snippet", "score", "pages"}}, items,
                      format);
    }
    json j = envelope(kept.size(), std::move(items));
    j["facets"] = std::move(facets);
    return Json(j);
  }

  if (name == "entities") {
    const std::string type_name = Param(params, "type");
    EntityType type{};
    if (!type_name.empty() && !ParseEntityType(type_name, &type)) {
      return Error(400, "unknown entity type \"" + type_name + "\"");
    }
    const std::string want = text::Fold(Param(params, "q"));
    std::vector<const Entity*> list;
    for (const Entity* e : query::ListEntities(d, type_name.empty() ? nullptr : &type)) {
      bool hit = want.empty() || text::Fold(e->name).find(want) != std::string::npos;
      for (const std::string& a : e->aliases) {
        hit = hit || text::Fold(a).find(want) != std::string::npos;
      }
      if (hit) list.push_back(e);
    }
    auto [b, e] = page(list.size());
    json items = json::array();
    for (size_t i = b; i < e; ++i) items.push_back(query::EntityJson(*list[i]));
    if (format != Format::kJson) {
      return Download(
          {"entities", {"id", "type", "name", "aliases", "mentions", "first_seen", "last_seen"}},
          items, format);
    }
    return Json(envelope(list.size(), std::move(items)));
  }

  if (name == "entity") {
    const Entity* e = nullptr;
    if (rest.empty()) {
      const std::string wanted = Param(params, "name");
      query::EntityLookup found = query::LookupEntity(d, wanted);
      if (!found.candidates.empty()) {
        // The name may mean several: say which, and pick none (409).
        json list = json::array();
        const size_t shown = std::min<size_t>(found.candidates.size(), 50);
        for (size_t i = 0; i < shown; ++i) list.push_back(query::EntityJson(*found.candidates[i]));
        return Json({{"error", "\"" + wanted + "\" may mean " +
                                   std::to_string(found.candidates.size()) + " entities"},
                     {"candidates", std::move(list)},
                     {"total", found.candidates.size()}},
                    409);
      }
      e = found.entity;
    } else {
      e = query::EntityById(d, rest);
    }
    if (e == nullptr) return Error(404, "no such entity");
    return Json(
        query::EntityProfileJson(query::BuildEntityProfile(d, *e, {.max_events = 100}, &k.index)));
  }

  if (name == "posts") {
    auto holders = query::PostHolders(d, Param(params, "organization"), Param(params, "post"));
    if (!holders) return Failure(holders.error(), deadline, o.request_seconds);
    auto [b, e] = page(holders->size());
    json items = json::array();
    for (size_t i = b; i < e; ++i) items.push_back(query::PostHolderJson((*holders)[i]));
    if (format != Format::kJson) {
      return Download({"posts",
                       {"organization", "post", "person", "first", "last", "first_story",
                        "last_story", "stories"}},
                      items, format);
    }
    return Json(envelope(holders->size(), std::move(items)));
  }

  if (name == "events") {
    events::TimelineQuery q{.entity = Param(params, "entity"),
                            .type = Param(params, "type"),
                            .place = Param(params, "place"),
                            .since = Param(params, "since"),
                            .until = Param(params, "until")};
    auto cached = k.Events(q);
    if (!cached) return Failure(cached.error(), deadline, o.request_seconds);
    const std::vector<Event>* list = cached->get();
    auto [b, e] = page(list->size());
    if (format == Format::kIcs) {
      std::span<const Event> all(list->data() + b, e - b);
      return Answer{.status = 200,
                    .content_type = "text/calendar; charset=utf-8",
                    .body = events::ToICalendar(all, d.stories, {.dtstamp = events::ICalendarNow()}),
                    .filename = "annals-events.ics"};
    }
    json items = json::array();
    for (size_t i = b; i < e; ++i) {
      json j = query::EventJson((*list)[i]);
      json titles = json::array();
      for (const std::string& id : (*list)[i].stories) {
        auto si = k.story_at.find(id);
        titles.push_back(si == k.story_at.end() ? json() : json(d.stories[si->second].title));
      }
      j["story_titles"] = std::move(titles);
      items.push_back(std::move(j));
    }
    if (format != Format::kJson) {
      return Download({"events",
                       {"id", "type", "date", "date_end", "place", "participants", "chair",
                        "stories", "story"}},
                      items, format);
    }
    return Json(envelope(list->size(), std::move(items)));
  }

  if (name == "profile") {
    const std::string org = rest.empty() ? Param(params, "organization") : rest;
    if (org.empty()) return Error(400, "give the organization: /api/v1/profile?organization=NAME");
    auto p = events::BuildProfile(d, org, {.latest_events = 10});
    if (!p) return Failure(p.error(), deadline, o.request_seconds);
    json sections = json::array();
    for (const events::ProfileSection& s : p->sections) {
      json lines = json::array();
      for (const events::ProfileLine& l : s.lines) {
        lines.push_back(
            {{"group", l.group}, {"text", l.text}, {"date", l.date}, {"story", l.story_id}});
      }
      sections.push_back({{"title", s.title}, {"lines", std::move(lines)}});
    }
    json holders = json::array();
    if (auto h = query::PostHolders(d, p->organization.name, "")) {
      for (const query::PostHolder& r : *h) holders.push_back(query::PostHolderJson(r));
    }
    // The chairing state per year, with the stories that say so.
    std::map<int, std::map<std::string, std::vector<std::string>>> chairs;
    for (const Fact& f : d.facts) {
      if (f.type != FactType::kChairs || f.year == 0) continue;
      if (!f.organization.empty() && f.organization != p->organization.name) continue;
      chairs[f.year][f.country].push_back(f.story_id);
    }
    json chair_rows = json::array();
    for (const auto& [year, states] : chairs) {
      for (const auto& [state, stories] : states) {
        chair_rows.push_back({{"year", year}, {"country", state}, {"stories", stories}});
      }
    }
    return Json({{"organization", query::EntityJson(p->organization)},
                 {"sections", std::move(sections)},
                 {"office_holders", std::move(holders)},
                 {"chairs", std::move(chair_rows)}});
  }

  if (name == "export") {
    if (format == Format::kCsv) return Error(400, "export is json or jsonl");
    json j = query::ArchiveJson(d);
    if (format == Format::kJson) {
      return Answer{.status = 200,
                    .content_type = "application/json; charset=utf-8",
                    .body = Dump(j),
                    .filename = "annals-archive.json"};
    }
    Answer a{.status = 200,
             .content_type = "application/x-ndjson; charset=utf-8",
             .filename = "annals-archive.jsonl"};
    const std::pair<const char*, const char*> kinds[] = {
        {"stories", "story"}, {"entities", "entity"}, {"facts", "fact"}, {"events", "event"}};
    for (const auto& [array, kind] : kinds) {
      for (json& item : j[array]) {
        item["kind"] = kind;
        a.body += Dump(item) + "\n";
      }
    }
    return a;
  }

  return Error(404, "no API call named \"" + name.substr(0, 40) + "\" (see docs/api.md)");
}

}  // namespace annals::serve

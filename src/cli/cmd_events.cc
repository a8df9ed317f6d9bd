// annals timeline | events | profile
#include "annals/archive.h"

#include "src/cli/commands.h"
#include "src/cli/format.h"
#include "src/common/text.h"
#include "src/events/profile.h"
#include "src/events/timeline.h"
#include "src/query/archive_json.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <unordered_map>

namespace annals::cli {
namespace {

struct EventFlags {
  events::TimelineQuery query;
  int limit = 0;
  Format format = Format::kTable;
  bool pages = false;  // the page of each story beside its id (timeline)
  bool evidence = false;  // the sentence each event was read from
};

void AddEventFilters(CLI::App* cmd, EventFlags* f, const std::vector<std::string>& formats) {
  cmd->add_option("--entity", f->query.entity,
                  "only events this entity takes part in, chairs or hosts (name or alias)");
  cmd->add_option("--type", f->query.type,
                  "only events of this type: meeting, visit, exercise, operation, statement, "
                  "interview, speech, decision, anniversary, other");
  cmd->add_option("--place", f->query.place, "only events at this place (name or alias)");
  cmd->add_option("--since", f->query.since, "only events ending on or after YYYY[-MM[-DD]]")
      ->check(CalendarDate(true));
  cmd->add_option("--until", f->query.until, "only events starting on or before YYYY[-MM[-DD]]")
      ->check(CalendarDate(true));
  AddCountOption(cmd, "--limit", &f->limit, "at most N events, the latest (0: all)", 0,
                 1'000'000'000);
  AddFormatOption(cmd, &f->format, formats);
}

int Report(const std::string& what, const Error& e) {
  (void)ReportError(what, e.message);
  return e.code == ErrorCode::kInvalidInput ? 2 : 1;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::string When(const Event& e) {
  return e.date_end.empty() ? e.date : e.date + " \xE2\x80\x93 " + e.date_end;
}

// The pages of `ids` (StoryPages), in their order; "" for a story without one.
std::vector<std::string> PagesOf(const std::vector<std::string>& ids,
                                 const std::unordered_map<std::string, std::string>& pages) {
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    auto it = pages.find(id);
    out.push_back(it == pages.end() ? std::string() : it->second);
  }
  return out;
}

// `flat`: every field, for export (annals events); else the reader's columns.
// `all`: how many events matched before --limit; `with_pages`: the page of
// each story beside its id; `ctx`: --wide.
void PrintEvents(const std::vector<Event>& events, const ArchiveData& data, Format format,
                 bool flat, size_t all, bool with_pages, bool with_evidence,
                 const Context& ctx) {
  std::unordered_map<std::string, std::string> pages;
  if (with_pages) pages = StoryPages(data.stories);
  std::unordered_map<std::string, const Story*> stories;
  if (with_evidence) stories = query::StoriesById(data.stories);
  auto evidence = [&](const Event& e) {
    auto it = stories.find(e.story_id);
    return query::EvidenceOf(it == stories.end() ? nullptr : it->second, e.sentence_begin,
                             e.sentence_end);
  };
  if (format == Format::kJson || format == Format::kJsonl) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Event& e : events) {
      nlohmann::json j = query::EventJson(e);
      if (with_pages) j["pages"] = PagesOf(e.stories, pages);
      if (with_evidence) j["evidence"] = query::EvidenceJson(evidence(e));
      if (flat) {
        j["story_id"] = e.story_id;
        j["sentence_begin"] = e.sentence_begin;
        j["sentence_end"] = e.sentence_end;
      }
      arr.push_back(std::move(j));
    }
    PrintJson(std::cout, arr, format);
    return;
  }
  if (format == Format::kIcs) {
    std::cout << events::ToICalendar(events, data.stories, {.dtstamp = events::ICalendarNow()});
    return;
  }
  Table t;
  if (flat) {
    t.header = {"id",    "type",    "date",     "date_end",       "place",       "participants",
                "chair", "stories", "story_id", "sentence_begin", "sentence_end"};
    for (const Event& e : events) {
      t.rows.push_back({e.id, EventTypeName(e.type), e.date, e.date_end, e.place,
                        Join(e.participants, "; "), e.chair, Join(e.stories, "; "), e.story_id,
                        std::to_string(e.sentence_begin), std::to_string(e.sentence_end)});
    }
  } else {
    t.header = {"date", "type", "place", "participants", "chair", "stories"};
    if (with_pages) t.header.push_back("pages");
    for (const Event& e : events) {
      t.rows.push_back({When(e), EventTypeName(e.type), e.place, Join(e.participants, "; "),
                        e.chair, Join(e.stories, " ")});
      if (with_pages) t.rows.back().push_back(Join(PagesOf(e.stories, pages), " "));
    }
  }
  if (flat && with_pages) {
    t.header.push_back("pages");
    for (size_t i = 0; i < events.size(); ++i) {
      t.rows[i].push_back(Join(PagesOf(events[i].stories, pages), "; "));
    }
  }
  if (with_evidence) {
    t.header.push_back("evidence");
    for (size_t i = 0; i < events.size(); ++i) t.rows[i].push_back(evidence(events[i]).sentence);
  }
  if (format == Format::kCsv) {
    PrintCsv(std::cout, t);
  } else {
    PrintTable(std::cout, t, ctx.wide ? kWholeCells : 60);
    if (all != events.size()) std::cout << events.size() << " of ";
    std::cout << all << (all == 1 ? " event\n" : " events\n");
  }
}

void RunEvents(const Context& ctx, const EventFlags& f, bool flat, int* exit_code) {
  auto data = LoadArchive(ctx.db);
  if (!data) {
    *exit_code = Report("cannot read the archive", data.error());
    return;
  }
  auto events = events::FilterEvents(*data, f.query);
  if (!events) {
    *exit_code = Report("bad query", events.error());
    return;
  }
  const size_t all = events->size();
  if (f.limit > 0 && events->size() > static_cast<size_t>(f.limit)) {
    events->erase(events->begin(), events->end() - f.limit);
  }
  PrintEvents(*events, *data, f.format, flat, all, f.pages, f.evidence, ctx);
}

// `pages`: StoryPages, to show each line's page beside its story (empty: none);
// `stories`: StoriesById, to show the sentence each line was read from
// (empty: none); `cut`: cut long lines to fit a terminal.
void PrintProfile(const events::OrganizationProfile& p, Format format,
                  const std::unordered_map<std::string, std::string>& pages,
                  const std::unordered_map<std::string, const Story*>& stories, bool cut) {
  auto page = [&](const std::string& story) {
    auto it = pages.find(story);
    return it == pages.end() ? std::string() : it->second;
  };
  auto evidence = [&](const events::ProfileLine& l) {
    auto it = stories.find(l.sentence_story);
    return query::EvidenceOf(it == stories.end() ? nullptr : it->second, l.sentence_begin,
                             l.sentence_end);
  };
  if (format == Format::kJson) {
    nlohmann::json sections = nlohmann::json::array();
    for (const events::ProfileSection& s : p.sections) {
      nlohmann::json lines = nlohmann::json::array();
      for (const events::ProfileLine& l : s.lines) {
        lines.push_back(
            {{"group", l.group}, {"text", l.text}, {"date", l.date}, {"story", l.story_id}});
        if (!pages.empty()) lines.back()["page"] = page(l.story_id);
        if (!stories.empty()) lines.back()["evidence"] = query::EvidenceJson(evidence(l));
      }
      sections.push_back({{"title", s.title}, {"lines", std::move(lines)}});
    }
    nlohmann::json j = {{"organization", query::EntityJson(p.organization)},
                        {"sections", std::move(sections)}};
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << p.organization.name;
  if (!p.organization.aliases.empty()) {
    std::cout << " (" << Join(p.organization.aliases, ", ") << ")";
  }
  std::cout << "\n";
  for (const events::ProfileSection& s : p.sections) {
    std::cout << "\n" << s.title << (s.lines.empty() ? ": none found\n" : "\n");
    size_t text_width = 0, date_width = 0;
    const size_t width = cut ? 70 : kWholeCells;
    for (const events::ProfileLine& l : s.lines) {
      text_width = std::max(text_width, text::CodePoints(Ellipsize(l.text, width)));
      date_width = std::max(date_width, text::CodePoints(l.date));
    }
    std::string group;
    for (const events::ProfileLine& l : s.lines) {
      const bool grouped = !l.group.empty() && l.group != l.text && l.group != l.date;
      if (grouped && l.group != group) std::cout << "  " << l.group << "\n";
      group = l.group;
      const std::string text = Ellipsize(l.text, width);
      std::string story = l.story_id.empty() ? "" : "[" + l.story_id + "]";
      if (!pages.empty() && !l.story_id.empty()) story += " " + page(l.story_id);
      std::cout << (grouped ? "    " : "  ") << text
                << std::string(text_width - text::CodePoints(text) + 2, ' ') << l.date
                << std::string(date_width - text::CodePoints(l.date) + 2, ' ') << story << "\n";
      if (stories.empty()) continue;
      const std::string sentence = evidence(l).sentence;
      if (sentence.empty()) continue;
      std::cout << (grouped ? "      " : "    ") << "\xE2\x80\x9C"
                << Ellipsize(text::Squeeze(sentence), width) << "\xE2\x80\x9D\n";
    }
  }
}

}  // namespace

void RegisterEventCommands(CLI::App& app, Context* ctx) {
  // timeline
  {
    auto* cmd = app.add_subcommand("timeline",
                                   "events in date order, with place, participants, "
                                   "chair and the stories that report them");
    auto f = std::make_shared<EventFlags>();
    cmd->add_option("--db", ctx->db, "archive file");
    AddEventFilters(cmd, f.get(), {"table", "json", "jsonl", "csv", "ics"});
    cmd->add_flag("--pages", f->pages, "the page (address or file) of each story beside its id");
    cmd->add_flag("--evidence", f->evidence,
                  "the sentence each event was read from (cut to fit a terminal unless --wide)");
    cmd->callback([=] { RunEvents(*ctx, *f, false, &ctx->exit_code); });
  }
  // events
  {
    auto* cmd = app.add_subcommand("events", "every event as a flat record, for export");
    auto f = std::make_shared<EventFlags>();
    cmd->add_option("--db", ctx->db, "archive file");
    AddEventFilters(cmd, f.get(), {"jsonl", "json", "csv", "ics", "table"});
    cmd->add_flag("--pages", f->pages, "the pages of the stories that report each event");
    cmd->add_flag("--evidence", f->evidence,
                  "the sentence each event was read from (cut to fit a terminal unless --wide)");
    cmd->callback([=] { RunEvents(*ctx, *f, true, &ctx->exit_code); });
  }
  // profile
  {
    auto* cmd = app.add_subcommand(
        "profile",
        "the organization rebuilt from its pages: members, bodies, office holders, "
        "chairs, forces, exercises, operations, documents, latest events");
    auto name = std::make_shared<std::string>();
    auto format = std::make_shared<Format>(Format::kTable);
    auto options = std::make_shared<events::ProfileOptions>();
    auto with_pages = std::make_shared<bool>(false);
    auto with_evidence = std::make_shared<bool>(false);
    cmd->add_option("organization", *name, "name or acronym of the organization")->required();
    cmd->add_option("--db", ctx->db, "archive file");
    cmd->add_option("--latest", options->latest_events, "how many latest events to list")
        ->check(WholeNumber(0, 1'000'000'000))
        ->capture_default_str();
    AddFormatOption(cmd, format.get(), {"table", "json"});
    cmd->add_flag("--pages", *with_pages, "the page (address or file) of each story beside its id");
    cmd->add_flag("--evidence", *with_evidence,
                  "under each line read from a fact or an event, its sentence (cut to fit a "
                  "terminal unless --wide)");
    cmd->callback([=] {
      // The archive without its stories' texts (ExportHeads: at 30,000
      // stories 256 MB of text a profile does not read), then with
      // --evidence the texts of the stories its lines' sentences are in.
      // The texts read below are those of the stories read here, whatever
      // an ingest commits meanwhile (issue 24).
      auto archive = OpenSnapshot(ctx->db, /*reads_knowledge=*/true);
      if (!archive) {
        ctx->exit_code = Report("cannot read the archive", archive.error());
        return;
      }
      std::vector<std::pair<int64_t, std::string>> rowids;
      auto data = (*archive)->ExportHeads(&rowids);
      if (!data) {
        ctx->exit_code = Report("cannot read the archive", data.error());
        return;
      }
      auto profile = events::BuildProfile(*data, *name, *options);
      if (!profile) {
        ctx->exit_code = Report("profile", profile.error());
        return;
      }
      std::unordered_map<std::string, std::string> pages;
      if (*with_pages) pages = StoryPages(data->stories);
      std::unordered_map<std::string, const Story*> stories;
      if (*with_evidence) {
        std::vector<std::string> ids;
        for (const events::ProfileSection& s : profile->sections) {
          for (const events::ProfileLine& l : s.lines) {
            if (!l.sentence_story.empty()) ids.push_back(l.sentence_story);
          }
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        auto texts = (*archive)->StoryTexts(ids);
        if (!texts) {
          ctx->exit_code = Report("cannot read the archive", texts.error());
          return;
        }
        std::unordered_map<std::string_view, std::string*> text_of;
        for (size_t i = 0; i < ids.size() && i < texts->size(); ++i) text_of[ids[i]] = &(*texts)[i];
        for (Story& st : data->stories) {
          auto it = text_of.find(st.id);
          if (it != text_of.end()) st.text = *it->second;
        }
        stories = query::StoriesById(data->stories);
      }
      PrintProfile(*profile, *format, pages, stories, CutForTerminal(ctx->wide));
    });
  }
}

}  // namespace annals::cli

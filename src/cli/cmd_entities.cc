// annals entities | entity (profile, merge, split, rename) | posts
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>

#include "annals/archive.h"
#include "src/cli/commands.h"
#include "src/cli/format.h"
#include "src/common/text.h"
#include "src/query/archive_json.h"
#include "src/query/knowledge.h"

namespace annals::cli {
namespace {

int Report(const std::string& what, const Error& e) {
  (void)ReportError(what, e.message);
  return 1;
}

Result<std::unique_ptr<Archive>> OpenExisting(const Context& ctx, Access access = Access::kWrite) {
  return OpenArchiveFile(ctx.db, access, true);
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::string DateOr(const std::string& d) { return d.empty() ? "----------" : d; }

void NoEntity(Context* ctx, const std::string& name) {
  std::fprintf(stderr, "annals: no entity named \"%s\"\n", Shown(name).c_str());
  ctx->exit_code = 1;
}

void PrintRows(const Table& t, Format format, bool wide) {
  if (format == Format::kCsv) {
    PrintCsv(std::cout, t);
  } else {
    PrintTable(std::cout, t, wide ? kWholeCells : 60);
  }
}

// ---- annals entities ----
struct ListFlags {
  std::string type;
  int top = 0;
  Format format = Format::kTable;
};

void ListEntities(const ListFlags& f, Context* ctx) {
  EntityType type{};
  if (!f.type.empty() && !ParseEntityType(f.type, &type)) {
    std::fprintf(stderr,
                 "annals: unknown entity type \"%s\" (person, organization, country, place, "
                 "exercise, operation, document)\n",
                 Shown(f.type).c_str());
    ctx->exit_code = 2;
    return;
  }
  auto data = LoadArchive(ctx->db);
  if (!data) {
    ctx->exit_code = Report("entities", data.error());
    return;
  }
  std::vector<const Entity*> list = query::ListEntities(*data, f.type.empty() ? nullptr : &type);
  const size_t all = list.size();
  if (f.top > 0 && list.size() > static_cast<size_t>(f.top)) list.resize(static_cast<size_t>(f.top));
  if (f.format == Format::kJson || f.format == Format::kJsonl) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Entity* e : list) {
      nlohmann::json j = query::EntityJson(*e);
      arr.push_back(std::move(j));
    }
    PrintJson(std::cout, arr, f.format);
    return;
  }
  Table t;
  t.header = {"name", "type", "mentions", "first seen", "last seen", "aliases"};
  // CSV leaves a missing value empty; a table shows a dash line.
  const auto date = [&](const std::string& d) { return f.format == Format::kCsv ? d : DateOr(d); };
  for (const Entity* e : list) {
    t.rows.push_back({e->name, EntityTypeName(e->type), std::to_string(e->mentions),
                      date(e->first_seen), date(e->last_seen), Join(e->aliases, "; ")});
  }
  PrintRows(t, f.format, ctx->wide);
  if (f.format == Format::kTable) {
    if (all != list.size()) std::cout << list.size() << " of ";
    std::cout << all << (all == 1 ? " entity\n" : " entities\n");
  }
}

// ---- annals entity NAME ----
void Profile(const std::string& name, Format format, Context* ctx) {
  const size_t cut = ctx->wide ? kWholeCells : 60;
  auto data = LoadArchive(ctx->db);
  if (!data) {
    ctx->exit_code = Report("entity", data.error());
    return;
  }
  const query::EntityLookup found = query::LookupEntity(*data, name);
  if (!found.candidates.empty()) {
    // An ambiguous name: the entities it may mean, none picked.
    std::fprintf(stderr, "annals: entity: \"%s\" may mean %zu entities; give one of these names:\n",
                 Shown(name).c_str(), found.candidates.size());
    Table t;
    t.header = {"name", "type", "mentions", "aliases"};
    for (const Entity* c : found.candidates) {
      t.rows.push_back(
          {c->name, EntityTypeName(c->type), std::to_string(c->mentions), Join(c->aliases, "; ")});
    }
    std::ostringstream table;
    PrintTable(table, t);
    std::fputs(table.str().c_str(), stderr);
    ctx->exit_code = 1;
    return;
  }
  const Entity* e = found.entity;
  if (e == nullptr) {
    NoEntity(ctx, name);
    return;
  }
  const query::EntityProfile profile = query::BuildEntityProfile(*data, *e);
  const auto& posts = profile.posts;
  const auto& stories = profile.stories;
  const auto& co = profile.co_mentioned;
  if (format == Format::kJson || format == Format::kJsonl) {
    nlohmann::json j = query::EntityProfileJson(profile);
    PrintJson(std::cout, format == Format::kJsonl ? nlohmann::json::array({j}) : j, format);
    return;
  }
  std::cout << e->name << " (" << EntityTypeName(e->type) << ")\n";
  std::cout << "  mentions: " << e->mentions << ", first seen " << DateOr(e->first_seen)
            << ", last seen " << DateOr(e->last_seen) << "\n";
  if (!e->aliases.empty()) std::cout << "  aliases: " << Join(e->aliases, "; ") << "\n";
  if (!posts.empty()) {
    std::cout << "\nPosts held\n";
    Table t;
    t.header = {"post", "organization", "first", "last", "stories"};
    for (const query::PostSpan& p : posts) {
      t.rows.push_back({p.post, p.organization, DateOr(p.first), DateOr(p.last),
                        std::to_string(p.stories)});
    }
    PrintTable(std::cout, t, cut);
  }
  std::cout << "\nStories (newest first)\n";
  Table st;
  st.header = {"date", "id", "title"};
  for (const Story* s : stories) {
    st.rows.push_back({DateOr(s->date), s->id, s->title.empty() ? Ellipsize(s->text, 60) : s->title});
  }
  PrintTable(std::cout, st, cut);
  if (!co.empty()) {
    std::cout << "\nMentioned with\n";
    Table ct;
    ct.header = {"name", "type", "shared stories"};
    for (const auto& [n, o] : co) ct.rows.push_back({o->name, EntityTypeName(o->type), std::to_string(n)});
    PrintTable(std::cout, ct, cut);
  }
}

// ---- annals posts ----
struct PostFlags {
  std::string organization, post;
  Format format = Format::kTable;
  bool pages = false;     // the page of each story beside its id
  bool evidence = false;  // the sentence each row rests on
  int limit = 0;          // at most this many rows (0: all)
  int offset = 0;         // rows skipped first
};

void Posts(const PostFlags& f, Context* ctx) {
  // Only what the rows need: the facts of posts held and the entities (for
  // --organization); the stories' pages for --pages and --evidence; the
  // texts of the stories a chunk of rows rests on, read chunk by chunk.
  // Reading the whole archive (Export) cost 10 GB at 100,000 stories.
  // The texts read chunk by chunk below are those of the stories read here,
  // whatever an ingest commits meanwhile (issue 24).
  auto archive = OpenSnapshot(ctx->db, /*reads_knowledge=*/true);
  if (!archive) {
    ctx->exit_code = Report("posts", archive.error());
    return;
  }
  auto data = (*archive)->ExportPostFacts(f.pages || f.evidence);
  if (!data) {
    ctx->exit_code = Report("posts", data.error());
    return;
  }
  auto holders = query::PostHolders(*data, f.organization, f.post);
  if (!holders) {
    NoEntity(ctx, f.organization);
    return;
  }
  const std::vector<query::PostHolder>& rows = *holders;
  const size_t total = rows.size();
  const size_t begin = std::min(total, static_cast<size_t>(f.offset));
  const size_t end = f.limit > 0 ? std::min(total, begin + static_cast<size_t>(f.limit)) : total;
  std::unordered_map<std::string, std::string> pages;
  if (f.pages) pages = StoryPages(data->stories);
  auto page = [&](const std::string& story) {
    auto it = pages.find(story);
    return it == pages.end() ? std::string() : it->second;
  };
  std::unordered_map<std::string, const Story*> heads;
  if (f.evidence) heads = query::StoriesById(data->stories);
  // The evidence of rows [from, to), their stories' texts read at once.
  auto evidence = [&](size_t from, size_t to) -> Result<std::vector<query::Evidence>> {
    std::vector<query::Evidence> out;
    if (!f.evidence) return out;
    std::vector<std::string> ids;
    for (size_t i = from; i < to; ++i) ids.push_back(rows[i].span.first_story);
    auto texts = (*archive)->StoryTexts(ids);
    if (!texts) return tl::unexpected(texts.error());
    std::vector<Story> stories(ids.size());
    std::unordered_map<std::string, const Story*> by_id;
    for (size_t i = 0; i < ids.size(); ++i) {
      auto it = heads.find(ids[i]);
      if (it == heads.end()) continue;
      stories[i] = *it->second;
      stories[i].text = std::move((*texts)[i]);
      by_id.emplace(ids[i], &stories[i]);
    }
    for (size_t i = from; i < to; ++i) out.push_back(query::PostHolderEvidence(rows[i], by_id));
    return out;
  };
  constexpr size_t kChunk = 512;  // rows whose texts are read at once
  const bool json = f.format == Format::kJson || f.format == Format::kJsonl;
  JsonArrayOut out(std::cout, f.format);
  Table t;
  t.header = {"organization", "post", "person", "first", "last", "story"};
  if (f.pages) t.header.push_back("page");
  if (f.evidence) t.header.push_back("evidence");
  const bool csv = f.format == Format::kCsv;  // CSV leaves a missing value empty
  for (size_t from = begin; from < end; from += kChunk) {
    const size_t to = std::min(end, from + kChunk);
    auto ev = evidence(from, to);
    if (!ev) {
      ctx->exit_code = Report("posts", ev.error());
      return;
    }
    for (size_t i = from; i < to; ++i) {
      const query::PostHolder& r = rows[i];
      if (json) {
        nlohmann::json j = query::PostHolderJson(rows, i);
        if (f.evidence) j["evidence"] = query::EvidenceJson((*ev)[i - from]);
        if (f.pages) {
          j["first_page"] = page(r.span.first_story);
          j["last_page"] = page(r.span.last_story);
        }
        out.Add(j);
        continue;
      }
      t.rows.push_back({r.organization.empty() && !csv ? "-" : r.organization, r.post, r.person,
                        csv ? r.span.first : DateOr(r.span.first),
                        csv ? r.span.last : DateOr(r.span.last), r.span.first_story});
      if (f.pages) t.rows.back().push_back(page(r.span.first_story));
      if (f.evidence) t.rows.back().push_back((*ev)[i - from].sentence);
    }
  }
  if (json) {
    out.Close();
    return;
  }
  PrintRows(t, f.format, ctx->wide);
  if (f.format == Format::kTable) {
    if (end - begin != total) std::cout << end - begin << " of ";
    std::cout << total << (total == 1 ? " post holder" : " post holders");
    if (begin > 0 && end > begin) std::cout << ", from row " << begin + 1;
    std::cout << "\n";
  }
  // Holders of one post attested at the same time: listed under the table
  // (on stderr for CSV, whose stdout is the rows alone).
  std::ostream& notes = csv ? std::cerr : std::cout;
  bool header = false;
  for (size_t i = begin; i < end; ++i) {
    const query::PostHolder& r = rows[i];
    const std::vector<std::string> overlaps = query::HolderOverlaps(rows, i);
    if (overlaps.empty()) continue;
    if (!header) {
      notes << "\nHeld at the same time (a misread fact, or a post with several seats: "
               "check with --evidence)\n";
      header = true;
    }
    std::string others;
    for (const std::string& o : overlaps) others += (others.empty() ? "" : ", ") + o;
    notes << "  " << r.person << ", " << r.post
          << (r.organization.empty() ? "" : " (" + r.organization + ")") << " "
          << DateOr(r.span.first) << " to " << DateOr(r.span.last) << ": with " << others << "\n";
  }
}

// ---- corrections ----
void Correct(Context* ctx, const char* what, const std::function<Status(Archive*)>& apply,
             const char* done = "done: the correction is stored and applied; it stays after new "
                                "ingests") {
  auto archive = OpenExisting(*ctx);
  if (!archive) {
    ctx->exit_code = Report(what, archive.error());
    return;
  }
  (*archive)->OnWait(
      [](const std::string& m) { std::fprintf(stderr, "annals: %s\n", m.c_str()); });
  Status st = apply(archive->get());
  if (!st) {
    std::string message = st.error().message;
    if (st.error().code == ErrorCode::kFailedPrecondition) {
      message += "; to merge them anyway, add --force";
    }
    (void)ReportError(what, message);
    ctx->exit_code = 1;
    return;
  }
  std::cout << done << "\n";
}

// ---- annals entity corrections ----
void ListCorrections(Format format, Context* ctx) {
  auto archive = OpenExisting(*ctx, Access::kRead);
  if (!archive) {
    ctx->exit_code = Report("entity corrections", archive.error());
    return;
  }
  auto rows = (*archive)->Corrections();
  if (!rows) {
    ctx->exit_code = Report("entity corrections", rows.error());
    return;
  }
  if (format == Format::kJson || format == Format::kJsonl) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Correction& c : *rows) {
      arr.push_back({{"number", c.number}, {"kind", c.kind}, {"a", c.a}, {"b", c.b}});
    }
    PrintJson(std::cout, arr, format);
    return;
  }
  Table t;
  t.header = {"number", "correction", "entity", "with"};
  for (const Correction& c : *rows) t.rows.push_back({std::to_string(c.number), c.kind, c.a, c.b});
  if (format == Format::kTable && rows->empty()) {
    std::cout << "no corrections stored\n";
    return;
  }
  PrintRows(t, format, ctx->wide);
}

}  // namespace

void RegisterEntityCommands(CLI::App& app, Context* ctx) {
  // Flags are shared with the callbacks that read them (the CLI11 idiom of cmd_stories.cc).
  auto list_flags = std::make_shared<ListFlags>();
  CLI::App* entities = app.add_subcommand("entities", "entities with mention counts, first and last seen");
  entities->add_option("--type", list_flags->type,
                       "only this type: person, organization, country, place, exercise, "
                       "operation, document");
  AddCountOption(entities, "--top", &list_flags->top, "only the N most mentioned (0: all)", 0,
                 1'000'000'000);
  AddFormatOption(entities, &list_flags->format, {"table", "json", "jsonl", "csv"});
  entities->callback([list_flags, ctx] { ListEntities(*list_flags, ctx); });

  struct EntityFlags {
    std::string name;
    Format format = Format::kTable;
    std::string a, b, alias, new_name, type;
    bool force = false;
    int number = 0;
  };
  auto ef = std::make_shared<EntityFlags>();
  CLI::App* entity = app.add_subcommand(
      "entity",
      "the profile of one entity, found by any alias; or merge, split, rename, retype, undo");
  entity->add_option("name", ef->name, "name or alias of the entity");
  AddFormatOption(entity, &ef->format, {"table", "json"});
  entity->require_subcommand(0, 1);

  CLI::App* merge = entity->add_subcommand("merge", "fold entity B into entity A");
  merge->add_option("a", ef->a, "the entity kept (any alias)")->required();
  merge->add_option("b", ef->b, "the entity folded into it (any alias)")->required();
  merge->add_flag("--force", ef->force,
                  "merge even two entities of different types, or two people who held one "
                  "post at the same time");
  merge->callback([ef, ctx] {
    Correct(ctx, "entity merge",
            [ef](Archive* a) { return a->MergeEntities(ef->a, ef->b, ef->force); });
  });
  CLI::App* split = entity->add_subcommand("split", "make one alias of an entity an entity of its own");
  split->add_option("name", ef->a, "the entity (any alias)")->required();
  split->add_option("--alias", ef->alias, "the alias to split off")->required();
  split->callback([ef, ctx] {
    Correct(ctx, "entity split", [ef](Archive* a) { return a->SplitEntity(ef->a, ef->alias); });
  });
  CLI::App* rename = entity->add_subcommand("rename", "give an entity a new canonical name");
  rename->add_option("a", ef->a, "the entity (any alias)")->required();
  rename->add_option("new_name", ef->new_name, "its new name")->required();
  rename->callback([ef, ctx] {
    Correct(ctx, "entity rename",
            [ef](Archive* a) { return a->RenameEntity(ef->a, ef->new_name); });
  });
  CLI::App* retype = entity->add_subcommand("retype", "give an entity another type");
  retype->add_option("name", ef->a, "the entity (any alias)")->required();
  retype->add_option("type", ef->type,
                     "person, organization, country, place, exercise, operation or document")
      ->required()
      ->check(CLI::IsMember(
          {"person", "organization", "country", "place", "exercise", "operation", "document"}));
  retype->callback([ef, ctx] {
    Correct(ctx, "entity retype", [ef](Archive* a) { return a->RetypeEntity(ef->a, ef->type); });
  });
  auto corrections_format = std::make_shared<Format>(Format::kTable);
  CLI::App* corrections =
      entity->add_subcommand("corrections", "the corrections stored, numbered, oldest first");
  AddFormatOption(corrections, corrections_format.get(), {"table", "json", "jsonl", "csv"});
  corrections->callback(
      [corrections_format, ctx] { ListCorrections(*corrections_format, ctx); });
  CLI::App* undo = entity->add_subcommand(
      "undo", "remove correction N (see entity corrections) and relate without it");
  AddCountOption(undo, "number", &ef->number, "the correction's number", 1,
                 std::numeric_limits<int>::max())
      ->required();
  undo->callback([ef, ctx] {
    Correct(
        ctx, "entity undo", [ef](Archive* a) { return a->UndoCorrection(ef->number); },
        "done: the correction is removed, and the entities are rebuilt without it");
  });
  entity->callback([ef, entity, ctx] {
    if (!entity->get_subcommands().empty()) return;
    if (ef->name.empty()) {
      std::fprintf(stderr,
                   "annals: entity: give a NAME, or merge, split, rename, retype, corrections, "
                   "undo\n");
      ctx->exit_code = 2;
      return;
    }
    Profile(ef->name, ef->format, ctx);
  });

  auto pf = std::make_shared<PostFlags>();
  CLI::App* posts = app.add_subcommand("posts", "who held which post, first and last attested");
  posts->add_option("--organization", pf->organization, "only posts of this organization or state");
  posts->add_option("--post", pf->post, "only posts whose name contains this text");
  AddFormatOption(posts, &pf->format, {"table", "json", "jsonl", "csv"});
  posts->add_flag("--pages", pf->pages, "the page (address or file) of each story beside its id");
  posts->add_flag("--evidence", pf->evidence,
                  "the sentence each row rests on (cut to fit a terminal unless --wide)");
  AddCountOption(posts, "--limit", &pf->limit, "at most N rows (0: all)", 0,
                 std::numeric_limits<int>::max());
  AddCountOption(posts, "--offset", &pf->offset, "skip the first N rows", 0,
                 std::numeric_limits<int>::max());
  posts->callback([pf, ctx] { Posts(*pf, ctx); });
}

}  // namespace annals::cli

// annals entities | entity (profile, merge, split, rename) | posts
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "annals/archive.h"
#include "src/cli/commands.h"
#include "src/cli/format.h"
#include "src/common/text.h"
#include "src/query/archive_json.h"

namespace annals::cli {
namespace {

int Report(const std::string& what, const Error& e) {
  (void)ReportError(what, e.message);
  return 1;
}

Result<std::unique_ptr<Archive>> OpenExisting(const Context& ctx, Access access = Access::kWrite) {
  return OpenArchiveFile(ctx.db, access, true);
}

Result<ArchiveData> Load(const Context& ctx) {
  auto archive = OpenExisting(ctx, Access::kRead);
  if (!archive) return tl::unexpected(archive.error());
  WarnIfKnowledgeStale(**archive);
  return (*archive)->Export();
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::string DateOr(const std::string& d) { return d.empty() ? "----------" : d; }

// The entity named `name` (its name or any alias, case and punctuation
// folded): the one whose canonical name it is, else the most mentioned.
const Entity* FindEntity(const ArchiveData& data, const std::string& name) {
  const std::string f = text::Fold(name);
  if (f.empty()) return nullptr;
  const Entity* best = nullptr;
  bool best_canonical = false;
  for (const Entity& e : data.entities) {
    const bool canonical = text::Fold(e.name) == f;
    bool hit = canonical;
    for (const std::string& a : e.aliases) hit = hit || text::Fold(a) == f;
    if (!hit) continue;
    if (best == nullptr || (canonical && !best_canonical) ||
        (canonical == best_canonical && e.mentions > best->mentions)) {
      best = &e;
      best_canonical = canonical;
    }
  }
  if (best != nullptr) return best;
  // A surname alone finds the one person of the archive who bears it.
  for (const Entity& e : data.entities) {
    if (e.type != EntityType::kPerson) continue;
    const std::string n = text::Fold(e.name);
    const size_t sp = n.rfind(' ');
    if (sp == std::string::npos || n.substr(sp + 1) != f) continue;
    if (best != nullptr) return nullptr;  // two people of that name: ambiguous
    best = &e;
  }
  return best;
}

void NoEntity(Context* ctx, const std::string& name) {
  std::fprintf(stderr, "annals: no entity named \"%s\"\n", Shown(name).c_str());
  ctx->exit_code = 1;
}

void PrintRows(const Table& t, Format format) {
  if (format == Format::kCsv) {
    PrintCsv(std::cout, t);
  } else {
    PrintTable(std::cout, t);
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
  auto data = Load(*ctx);
  if (!data) {
    ctx->exit_code = Report("entities", data.error());
    return;
  }
  std::vector<const Entity*> list;
  for (const Entity& e : data->entities) {
    if (f.type.empty() || e.type == type) list.push_back(&e);
  }
  std::stable_sort(list.begin(), list.end(), [](const Entity* a, const Entity* b) {
    if (a->mentions != b->mentions) return a->mentions > b->mentions;
    return a->name < b->name;
  });
  if (f.top > 0 && list.size() > static_cast<size_t>(f.top)) list.resize(static_cast<size_t>(f.top));
  if (f.format == Format::kJson || f.format == Format::kJsonl) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Entity* e : list) {
      nlohmann::json j = query::EntityJson(*e);
      j["id"] = e->id;
      j["mentions"] = e->mentions;
      j["first_seen"] = e->first_seen.empty() ? nlohmann::json() : nlohmann::json(e->first_seen);
      j["last_seen"] = e->last_seen.empty() ? nlohmann::json() : nlohmann::json(e->last_seen);
      arr.push_back(std::move(j));
    }
    PrintJson(std::cout, arr, f.format);
    return;
  }
  Table t;
  t.header = {"name", "type", "mentions", "first seen", "last seen", "aliases"};
  for (const Entity* e : list) {
    t.rows.push_back({e->name, EntityTypeName(e->type), std::to_string(e->mentions),
                      DateOr(e->first_seen), DateOr(e->last_seen), Join(e->aliases, "; ")});
  }
  PrintRows(t, f.format);
}

// ---- annals entity NAME ----
struct PostSpan {
  std::string post, organization;
  std::string first, last;  // story dates
  std::string first_story, last_story;
  int stories = 0;
};

// Widens [first, last] with one attestation (undated ones only count).
void Attest(PostSpan* p, const Fact& f) {
  ++p->stories;
  if (f.date.empty()) {
    if (p->first_story.empty()) p->first_story = p->last_story = f.story_id;
    return;
  }
  if (p->first.empty() || f.date < p->first) {
    p->first = f.date;
    p->first_story = f.story_id;
  }
  if (p->last.empty() || f.date > p->last) {
    p->last = f.date;
    p->last_story = f.story_id;
  }
}

void Profile(const std::string& name, Format format, Context* ctx) {
  auto data = Load(*ctx);
  if (!data) {
    ctx->exit_code = Report("entity", data.error());
    return;
  }
  const Entity* e = FindEntity(*data, name);
  if (e == nullptr) {
    NoEntity(ctx, name);
    return;
  }
  // Posts held, with the earliest and latest story that states them.
  std::map<std::pair<std::string, std::string>, PostSpan> posts;
  for (const Fact& f : data->facts) {
    if (f.type != FactType::kHoldsPost || f.person != e->name) continue;
    PostSpan& p = posts[{text::Fold(f.post), f.organization}];
    if (p.post.empty()) {
      p.post = f.post;
      p.organization = f.organization;
    }
    Attest(&p, f);
  }
  // Stories that mention it, newest first; entities mentioned with it.
  std::set<std::string> story_ids;
  for (const Mention& m : data->mentions) {
    if (m.entity_id == e->id) story_ids.insert(m.story_id);
  }
  std::vector<const Story*> stories;
  for (const Story& s : data->stories) {
    if (story_ids.count(s.id)) stories.push_back(&s);
  }
  std::stable_sort(stories.begin(), stories.end(),
                   [](const Story* a, const Story* b) { return a->date > b->date; });
  std::map<std::string, std::set<std::string>> with;  // entity id -> shared stories
  for (const Mention& m : data->mentions) {
    if (m.entity_id != e->id && story_ids.count(m.story_id)) with[m.entity_id].insert(m.story_id);
  }
  std::vector<std::pair<int, const Entity*>> co;
  for (const Entity& o : data->entities) {
    auto it = with.find(o.id);
    if (it != with.end()) co.push_back({static_cast<int>(it->second.size()), &o});
  }
  std::stable_sort(co.begin(), co.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second->mentions > b.second->mentions;
  });
  if (co.size() > 10) co.resize(10);

  if (format == Format::kJson || format == Format::kJsonl) {
    nlohmann::json j = query::EntityJson(*e);
    j["id"] = e->id;
    j["mentions"] = e->mentions;
    j["first_seen"] = e->first_seen;
    j["last_seen"] = e->last_seen;
    j["posts"] = nlohmann::json::array();
    for (const auto& [k, p] : posts) {
      j["posts"].push_back({{"post", p.post}, {"organization", p.organization},
                            {"first", p.first}, {"last", p.last},
                            {"first_story", p.first_story}, {"last_story", p.last_story},
                            {"stories", p.stories}});
    }
    j["stories"] = nlohmann::json::array();
    for (const Story* s : stories) {
      j["stories"].push_back({{"id", s->id}, {"date", s->date}, {"title", s->title}});
    }
    j["co_mentioned"] = nlohmann::json::array();
    for (const auto& [n, o] : co) {
      j["co_mentioned"].push_back({{"name", o->name}, {"type", EntityTypeName(o->type)},
                                   {"stories", n}});
    }
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
    for (const auto& [k, p] : posts) {
      t.rows.push_back({p.post, p.organization, DateOr(p.first), DateOr(p.last),
                        std::to_string(p.stories)});
    }
    PrintTable(std::cout, t);
  }
  std::cout << "\nStories (newest first)\n";
  Table st;
  st.header = {"date", "id", "title"};
  for (const Story* s : stories) {
    st.rows.push_back({DateOr(s->date), s->id, s->title.empty() ? Ellipsize(s->text, 60) : s->title});
  }
  PrintTable(std::cout, st);
  if (!co.empty()) {
    std::cout << "\nMentioned with\n";
    Table ct;
    ct.header = {"name", "type", "shared stories"};
    for (const auto& [n, o] : co) ct.rows.push_back({o->name, EntityTypeName(o->type), std::to_string(n)});
    PrintTable(std::cout, ct);
  }
}

// ---- annals posts ----
struct PostFlags {
  std::string organization, post;
  Format format = Format::kTable;
};

void Posts(const PostFlags& f, Context* ctx) {
  auto data = Load(*ctx);
  if (!data) {
    ctx->exit_code = Report("posts", data.error());
    return;
  }
  std::string org_name;
  if (!f.organization.empty()) {
    const Entity* o = FindEntity(*data, f.organization);
    if (o == nullptr) {
      NoEntity(ctx, f.organization);
      return;
    }
    org_name = o->name;
  }
  const std::string want_post = text::Fold(f.post);
  // (organization, post) -> holder -> span
  std::map<std::pair<std::string, std::string>, std::map<std::string, PostSpan>> by_post;
  std::map<std::pair<std::string, std::string>, std::string> post_text;
  for (const Fact& x : data->facts) {
    if (x.type != FactType::kHoldsPost) continue;
    if (!org_name.empty() && x.organization != org_name) continue;
    const std::string fp = text::Fold(x.post);
    if (!want_post.empty() && fp.find(want_post) == std::string::npos) continue;
    const auto key = std::make_pair(x.organization, fp);
    post_text.emplace(key, x.post);
    PostSpan& p = by_post[key][x.person];
    p.post = x.post;
    p.organization = x.organization;
    Attest(&p, x);
  }
  struct Row {
    std::string organization, post, person;
    PostSpan span;
  };
  std::vector<Row> rows;
  for (const auto& [key, holders] : by_post) {
    std::vector<Row> group;
    for (const auto& [person, span] : holders) group.push_back({key.first, post_text[key], person, span});
    // Holders in the order they are attested.
    std::stable_sort(group.begin(), group.end(), [](const Row& a, const Row& b) {
      return std::tie(a.span.first, a.span.last) < std::tie(b.span.first, b.span.last);
    });
    for (Row& r : group) rows.push_back(std::move(r));
  }
  if (f.format == Format::kJson || f.format == Format::kJsonl) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Row& r : rows) {
      arr.push_back({{"organization", r.organization.empty() ? nlohmann::json() : nlohmann::json(r.organization)},
                     {"post", r.post}, {"person", r.person}, {"first", r.span.first},
                     {"last", r.span.last}, {"first_story", r.span.first_story},
                     {"last_story", r.span.last_story}, {"stories", r.span.stories}});
    }
    PrintJson(std::cout, arr, f.format);
    return;
  }
  Table t;
  t.header = {"organization", "post", "person", "first", "last", "story"};
  for (const Row& r : rows) {
    t.rows.push_back({r.organization.empty() ? "-" : r.organization, r.post, r.person,
                      DateOr(r.span.first), DateOr(r.span.last), r.span.first_story});
  }
  PrintRows(t, f.format);
}

// ---- corrections ----
void Correct(Context* ctx, const char* what,
             const std::function<Status(Archive*)>& apply) {
  auto archive = OpenExisting(*ctx);
  if (!archive) {
    ctx->exit_code = Report(what, archive.error());
    return;
  }
  Status st = apply(archive->get());
  if (!st) {
    (void)ReportError(what, st.error().message);
    ctx->exit_code = 1;
    return;
  }
  std::cout << "done: the correction is stored and applied; it stays after new ingests\n";
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
    std::string a, b, alias, new_name;
  };
  auto ef = std::make_shared<EntityFlags>();
  CLI::App* entity = app.add_subcommand(
      "entity", "the profile of one entity, found by any alias; or merge, split, rename");
  entity->add_option("name", ef->name, "name or alias of the entity");
  AddFormatOption(entity, &ef->format, {"table", "json"});
  entity->require_subcommand(0, 1);

  CLI::App* merge = entity->add_subcommand("merge", "fold entity B into entity A");
  merge->add_option("a", ef->a, "the entity kept (any alias)")->required();
  merge->add_option("b", ef->b, "the entity folded into it (any alias)")->required();
  merge->callback([ef, ctx] {
    Correct(ctx, "entity merge", [ef](Archive* a) { return a->MergeEntities(ef->a, ef->b); });
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
  entity->callback([ef, entity, ctx] {
    if (!entity->get_subcommands().empty()) return;
    if (ef->name.empty()) {
      std::fprintf(stderr, "annals: entity: give a NAME, or merge, split, rename\n");
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
  posts->callback([pf, ctx] { Posts(*pf, ctx); });
}

}  // namespace annals::cli

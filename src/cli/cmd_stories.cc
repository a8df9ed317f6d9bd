// annals ingest | stories | search | show | export | extract
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "annals/archive.h"
#include "src/text/lang_data.h"
#include "src/cli/commands.h"
#include "src/cli/format.h"
#include "src/cli/interrupt.h"
#include "src/query/archive_json.h"

namespace annals::cli {
namespace {

// The largest --limit, --batch: any count a person means fits far below it.
constexpr int kMaxCount = 1'000'000'000;
constexpr int kMaxThreads = 1024;

struct StoryFlags {
  std::string since, until;
  int limit = 0;
  Format format = Format::kTable;
};

void AddStoryFilters(CLI::App* cmd, StoryFlags* f, int default_limit) {
  f->limit = default_limit;
  cmd->add_option("--since", f->since, "only stories dated on or after YYYY-MM-DD")
      ->check(CalendarDate(false));
  cmd->add_option("--until", f->until, "only stories dated on or before YYYY-MM-DD")
      ->check(CalendarDate(false));
  AddCountOption(cmd, "--limit", &f->limit, "at most N stories (0: all)", 0, kMaxCount);
  AddFormatOption(cmd, &f->format, {"table", "json", "jsonl", "csv"});
}

void AddThreadsFlag(CLI::App* cmd, PipelineOptions* o) {
  AddCountOption(cmd, "--threads", &o->threads, "worker threads (0: all cores)", 0, kMaxThreads);
}

void AddPipelineFlags(CLI::App* cmd, PipelineOptions* o) {
  AddThreadsFlag(cmd, o);
  cmd->add_option("--batch", o->batch_pages, "pages per transaction")
      ->check(WholeNumber(1, kMaxCount))
      ->capture_default_str();
  // Pages are held whole in memory and their texts are addressed with 32-bit
  // offsets; 2047 MB keeps every size a page gives under 2^31.
  cmd->add_option_function<uint64_t>(
         "--max-page-mb", [o](uint64_t mb) { o->read.max_page_bytes = mb << 20; },
         "skip pages larger than this many MB (1 to 2047; default " +
             std::to_string(o->read.max_page_bytes >> 20) + ")")
      ->check(WholeNumber(1, 2047));
  // The environment names a model for runs that cannot pass options
  // (scripts/line_model_loso.sh scores through score_sites.py).
  if (const char* env = std::getenv("ANNALS_LINE_MODEL"); env != nullptr) {
    o->segment.line_model_file = env;
  }
  cmd->add_option("--line-model", o->segment.line_model_file,
                  "read the text segmenter's line model from this file (data/segment/"
                  "line_model.tsv's format) instead of the embedded one; default: "
                  "$ANNALS_LINE_MODEL");
}

int Error(const std::string& what, const Error& e) { return ReportError(what, e.message); }

// 0 when everything written to `os` (and stdout's buffer) reached its file;
// else says why on stderr and returns 1: a full disk or a closed pipe must
// not pass for a complete output.
int CheckWritten(std::ostream& os, const std::string& what) {
  errno = 0;
  os.flush();
  const bool failed =
      !os || (&os == &std::cout && (std::fflush(stdout) != 0 || std::ferror(stdout)));
  if (!failed) return 0;
  std::fprintf(stderr, "annals: cannot write %s: %s\n", what.c_str(),
               errno ? std::strerror(errno) : "write error");
  return 1;
}

Result<std::unique_ptr<Archive>> OpenArchive(const Context& ctx, bool must_exist,
                                             Access access = Access::kWrite) {
  return OpenArchiveFile(ctx.db, access, must_exist);
}

std::string DateOr(const std::string& d) { return d.empty() ? "----------" : d; }

// `total`: how many there are in all (-1: as many as listed); `left_out`:
// the undated stories a --since/--until left out.
void PrintStories(const std::vector<Story>& stories, Format format,
                  const std::vector<std::string>& snippets = {}, int64_t total = -1,
                  int64_t left_out = 0, bool wide = false) {
  if (format == Format::kJson || format == Format::kJsonl) {
    nlohmann::json arr = nlohmann::json::array();
    for (size_t i = 0; i < stories.size(); ++i) {
      nlohmann::json j = query::StoryJson(stories[i]);
      if (i < snippets.size()) j["snippet"] = snippets[i];
      arr.push_back(std::move(j));
    }
    PrintJson(std::cout, arr, format);
    return;
  }
  Table t;
  t.header = {"id", "date", "title", snippets.empty() ? "text" : "snippet", "pages"};
  for (size_t i = 0; i < stories.size(); ++i) {
    const Story& s = stories[i];
    std::string title = s.title.empty() ? "" : s.title;
    std::string body = i < snippets.size() ? snippets[i] : s.text;
    // CSV leaves a missing date empty; a table shows a dash line.
    t.rows.push_back({s.id, format == Format::kCsv ? s.date : DateOr(s.date), title, body,
                      std::to_string(s.sources.size())});
  }
  if (format == Format::kCsv) {
    PrintCsv(std::cout, t);
  } else {
    PrintTable(std::cout, t, format == Format::kTable && !wide ? 70 : kWholeCells);
    const auto all = total >= 0 ? static_cast<size_t>(total) : stories.size();
    if (all != stories.size()) std::cout << stories.size() << " of ";
    std::cout << all << (all == 1 ? " story" : " stories");
    if (left_out > 0) {
      std::cout << "; " << left_out << (left_out == 1 ? " undated story" : " undated stories")
                << " left out by --since/--until";
    }
    std::cout << "\n";
  }
}

// A one-line progress bar on stderr, redrawn in place.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Update(int done, int total, double mb, int stories, double seconds) {
    if (!enabled_) return;
    const int width = 30;
    int filled = total > 0 ? done * width / total : 0;
    std::fprintf(stderr, "\r[%s%s] %d/%d pages  %.1f MB  %d stories  %.1f MB/s ",
                 std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(width - filled), '.').c_str(), done, total, mb,
                 stories, seconds > 0 ? mb / seconds : 0.0);
    std::fflush(stderr);
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
};

void PrintSummary(const IngestReport& r, FILE* out) {
  std::fprintf(out, "pages read: %d (%.2f MB), unchanged: %d, skipped: %d\n", r.pages_read,
               r.megabytes, r.pages_unchanged, r.pages_skipped);
  if (r.pages_changed > 0) {
    std::fprintf(out, "  %d page%s changed: their stories were rebuilt\n", r.pages_changed,
                 r.pages_changed == 1 ? "" : "s");
  }
  if (r.pages_changed_same > 0) {
    std::fprintf(out, "  %d page%s changed with the same stories: kept as they were\n",
                 r.pages_changed_same, r.pages_changed_same == 1 ? "" : "s");
  }
  for (const SkippedInput& s : r.skipped) {
    std::fprintf(out, "  skipped %s: %s\n", Shown(s.name).c_str(), Shown(s.reason).c_str());
  }
  for (const SkippedInput& w : r.warnings) {
    std::fprintf(out, "  warning %s: %s\n", Shown(w.name).c_str(), Shown(w.reason).c_str());
  }
  if (r.records_read > 0) {
    std::fprintf(out, "WARC records read: %d, not pages: %d\n", r.records_read, r.records_skipped);
    for (const auto& [reason, n] : r.records_skipped_by_reason) {
      std::fprintf(out, "  %d %s\n", n, Shown(reason).c_str());
    }
  }
  std::fprintf(out, "stories new: %d, seen again: %d, updated: %d\n", r.stories_new,
               r.stories_seen_again, r.stories_updated);
  if (r.stories_rebuilt > 0) {
    std::fprintf(out,
                 "  %d stor%s built again: a paragraph that joined their sightings is too common in the "
                 "archive to join them\n",
                 r.stories_rebuilt, r.stories_rebuilt == 1 ? "y" : "ies");
  }
  std::fprintf(out,
               "time: %.2f s (read %.2f, parse %.2f, dedup %.2f, store %.2f, relate %.2f, "
               "events %.2f)\n",
               r.wall_s, r.read_s, r.parse_s, r.dedup_s, r.store_s, r.relate_s, r.events_s);
}

// The archive JSON as one document, or one record a line with its "kind".
void PrintArchive(std::ostream& os, const ArchiveData& data, Format format) {
  nlohmann::json j = query::ArchiveJson(data);
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  if (format != Format::kJsonl) {
    os << j.dump(1, ' ', false, kReplace) << "\n";
    return;
  }
  const std::pair<const char*, const char*> kinds[] = {
      {"stories", "story"}, {"entities", "entity"}, {"facts", "fact"}, {"events", "event"}};
  for (const auto& [array, kind] : kinds) {
    for (auto& item : j[array]) {
      item["kind"] = kind;
      os << item.dump(-1, ' ', false, kReplace) << "\n";
    }
  }
}

}  // namespace

void RegisterStoryCommands(CLI::App& app, Context* ctx) {
  // ingest
  {
    auto* cmd = app.add_subcommand("ingest", "add pages (files, directories, -, WARC) to the archive");
    auto inputs = std::make_shared<std::vector<std::string>>();
    auto opts = std::make_shared<PipelineOptions>();
    auto quiet = std::make_shared<bool>(false);
    auto stories_only = std::make_shared<bool>(false);
    cmd->add_option("inputs", *inputs, "files, directories (recursive), - for stdin")->required();
    cmd->add_option("--db", ctx->db, "archive file");
    cmd->add_flag("--quiet,-q", *quiet, "print nothing but errors");
    cmd->add_flag("--stories-only", *stories_only,
                  "store the stories, but leave entities, facts and events to `annals relate`");
    AddPipelineFlags(cmd, opts.get());
    cmd->callback([=] {
      opts->relate = !*stories_only;
      // Inputs that are all missing make no archive (a typo must not leave
      // an empty annals.db behind).
      if (std::none_of(inputs->begin(), inputs->end(), [](const std::string& in) {
            std::error_code ec;
            return in == "-" || std::filesystem::exists(in, ec);
          })) {
        for (const std::string& in : *inputs) {
          std::fprintf(stderr, "annals: skipped %s: no such file or directory\n", in.c_str());
        }
        std::fprintf(stderr, "annals: no page could be read\n");
        ctx->exit_code = 1;
        return;
      }
      auto archive = OpenArchive(*ctx, false);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      InterruptFlag interrupt;  // SIGINT / SIGTERM: stop after storing what was read
      opts->stop = interrupt.flag();
      ProgressBar bar(!*quiet && isatty(STDERR_FILENO));
      auto start = std::chrono::steady_clock::now();
      auto report = (*archive)->Ingest(*inputs, *opts, [&](int done, int total, double mb, int n) {
        bar.Update(done, total, mb, n,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      });
      bar.Done();
      if (!report) {
        ctx->exit_code = Error("ingest failed", report.error());
        return;
      }
      if (!*quiet) PrintSummary(*report, stdout);
      if (interrupt.signal() != 0) {
        std::fprintf(stderr,
                     "annals: interrupted; %d pages stored; run the same command again to "
                     "continue\n",
                     report->pages_read);
        ctx->exit_code = interrupt.ExitCode();
        return;
      }
      if (!*quiet && *stories_only) {
        if (auto stale = (*archive)->KnowledgeStale(); stale && *stale) {
          std::printf("entities, facts and events not rebuilt (--stories-only): "
                      "run `annals relate` when the ingests are done\n");
        }
      }
      if (report->pages_read == 0 && report->pages_unchanged == 0) {
        std::fprintf(stderr, "annals: no page could be read\n");
        ctx->exit_code = 1;
      }
    });
  }
  // relate
  {
    auto* cmd = app.add_subcommand(
        "relate", "rebuild entities, facts and events from every story (after ingest --stories-only)");
    auto opts = std::make_shared<PipelineOptions>();
    auto quiet = std::make_shared<bool>(false);
    cmd->add_option("--db", ctx->db, "archive file");
    cmd->add_flag("--quiet,-q", *quiet, "print nothing but errors");
    cmd->add_flag("--full", opts->relate_full,
                  "read every story again, not only those new or changed since the last relate "
                  "(the result is the same)");
    AddThreadsFlag(cmd, opts.get());
    cmd->callback([=] {
      auto archive = OpenArchive(*ctx, true);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      InterruptFlag interrupt;  // SIGINT / SIGTERM: stop relate, roll it back
      opts->stop = interrupt.flag();
      auto r = (*archive)->Relate(*opts);
      if (!r) {
        ctx->exit_code = Error("relate failed", r.error());
        return;
      }
      if (interrupt.signal() != 0 && r->interrupted) {
        std::fprintf(stderr,
                     "annals: interrupted; relate rolled back, the stories are stored; run the "
                     "same command again to continue\n");
        ctx->exit_code = interrupt.ExitCode();
        return;
      }
      if (*quiet) return;
      auto n = (*archive)->Stats();
      if (n) {
        std::printf("stories: %lld, entities: %lld, mentions: %lld, facts: %lld, events: %lld\n",
                    static_cast<long long>(n->stories), static_cast<long long>(n->entities),
                    static_cast<long long>(n->mentions), static_cast<long long>(n->facts),
                    static_cast<long long>(n->events));
      }
      std::printf("time: %.2f s (store %.2f, relate %.2f, events %.2f)\n", r->wall_s, r->store_s,
                  r->relate_s, r->events_s);
    });
  }
  // stories
  {
    auto* cmd = app.add_subcommand("stories", "list stories, newest first");
    auto f = std::make_shared<StoryFlags>();
    cmd->add_option("--db", ctx->db, "archive file");
    AddStoryFilters(cmd, f.get(), 50);
    auto language = std::make_shared<std::string>();
    cmd->add_option("--language", *language,
                    "only stories in this language (detected from their text)")
        ->check(CLI::IsMember(text::Languages()));
    cmd->callback([=] {
      // The listing and its total from one snapshot (issue 24).
      auto archive = OpenSnapshot(ctx->db, /*reads_knowledge=*/false);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      const StoryQuery query{f->since, f->until, f->limit, *language};
      auto stories = (*archive)->Stories(query);
      if (!stories) {
        ctx->exit_code = Error("cannot list stories", stories.error());
        return;
      }
      auto n = (*archive)->CountStories(query);
      if (!n) {
        ctx->exit_code = Error("cannot count stories", n.error());
        return;
      }
      const bool dated = !f->since.empty() || !f->until.empty();
      PrintStories(*stories, f->format, {}, n->matching, dated ? n->undated : 0, ctx->wide);
      ctx->exit_code = CheckWritten(std::cout, "the stories");
    });
  }
  // search
  {
    auto* cmd = app.add_subcommand(
        "search", "full-text search: words, \"phrases\", prefix*, AND / OR / NOT, (groups)");
    auto f = std::make_shared<StoryFlags>();
    auto q = std::make_shared<std::string>();
    cmd->add_option("query", *q, "the query")->required();
    cmd->add_option("--db", ctx->db, "archive file");
    AddStoryFilters(cmd, f.get(), 20);
    cmd->callback([=] {
      // The matches and their total from one snapshot (issue 24).
      auto archive = OpenSnapshot(ctx->db, /*reads_knowledge=*/false);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      auto hits = (*archive)->Search(*q, StoryQuery{f->since, f->until, f->limit});
      if (!hits) {
        ctx->exit_code = Error("search", hits.error());
        return;
      }
      if (f->format == Format::kJsonl) {
        // A line per match, written as it is made: a JSON array of every
        // match (20,000 stories: 145 MB) made first doubled the memory.
        for (const SearchHit& h : *hits) {
          nlohmann::json j = query::StoryJson(h.story);
          j["snippet"] = h.snippet;
          std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
          if (!std::cout) break;
        }
        ctx->exit_code = CheckWritten(std::cout, "the results");
        return;
      }
      // How many match in all (ranking every match costs little: no snippets).
      int64_t total = static_cast<int64_t>(hits->size());
      if (f->limit > 0 && total == f->limit) {
        auto all = (*archive)->SearchRanked(*q, StoryQuery{f->since, f->until, 0});
        if (all) total = static_cast<int64_t>(all->size());
      }
      std::vector<Story> stories;
      std::vector<std::string> snippets;
      for (auto& h : *hits) {
        stories.push_back(std::move(h.story));
        snippets.push_back(std::move(h.snippet));
      }
      PrintStories(stories, f->format, snippets, total, 0, ctx->wide);
      ctx->exit_code = CheckWritten(std::cout, "the results");
    });
  }
  // show
  {
    auto* cmd = app.add_subcommand("show", "one story in full, with its sources");
    auto id = std::make_shared<std::string>();
    auto format = std::make_shared<Format>();
    cmd->add_option("story_id", *id, "the story id")->required();
    cmd->add_option("--db", ctx->db, "archive file");
    AddFormatOption(cmd, format.get(), {"table", "json"});
    cmd->callback([=] {
      auto archive = OpenArchive(*ctx, true, Access::kRead);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      auto s = (*archive)->GetStory(*id);
      if (!s) {
        ctx->exit_code = Error("show", s.error());
        return;
      }
      if (*format == Format::kJson) {
        std::cout << query::StoryJson(*s).dump(2) << "\n";
        return;
      }
      std::cout << "id:     " << s->id << "\ndate:   " << DateOr(s->date) << "\n";
      if (!s->title.empty()) std::cout << "title:  " << s->title << "\n";
      std::cout << "\n" << s->text << "\n\n";
      for (const auto& a : s->attachments) std::cout << "attachment: " << Shown(a, 1000) << "\n";
      for (const auto& l : s->links) std::cout << "link:       " << Shown(l, 1000) << "\n";
      for (const auto& src : s->sources) {
        std::cout << "seen on:    " << Shown(src.page, 1000) << " (" << SourceRoleName(src.role)
                  << ")\n";
      }
    });
  }
  // export
  {
    auto* cmd = app.add_subcommand("export", "write the archive JSON (SCHEMA.md)");
    auto format = std::make_shared<Format>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("--db", ctx->db, "archive file");
    cmd->add_option("-o,--output", *out, "write to FILE instead of standard output");
    AddFormatOption(cmd, format.get(), {"json", "jsonl"});
    cmd->callback([=] {
      auto archive = OpenArchive(*ctx, true, Access::kRead);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      WarnIfKnowledgeStale(**archive);
      auto data = (*archive)->Export();
      if (!data) {
        ctx->exit_code = Error("export", data.error());
        return;
      }
      if (out->empty()) {
        PrintArchive(std::cout, *data, *format);
        ctx->exit_code = CheckWritten(std::cout, "the export");
        return;
      }
      // A device or a pipe (-o /dev/stdout) is written as it is.
      std::error_code ec;
      const auto kind = std::filesystem::status(*out, ec).type();
      if (kind != std::filesystem::file_type::not_found &&
          kind != std::filesystem::file_type::regular) {
        std::ofstream direct(*out, std::ios::binary);
        PrintArchive(direct, *data, *format);
        ctx->exit_code = CheckWritten(direct, *out);
        return;
      }
      // A file is written beside it, then renamed over it (through a
      // symbolic link, to its target): an export that fails (a full disk)
      // leaves no partial file, and an older export where it was.
      const std::filesystem::path target = std::filesystem::weakly_canonical(*out, ec);
      std::string tmp = (ec ? std::filesystem::path(*out) : target).string() + ".XXXXXX";
      const int fd = mkstemp(tmp.data());
      if (fd < 0) {
        std::fprintf(stderr, "annals: cannot write %s: %s\n", Shown(*out).c_str(), std::strerror(errno));
        ctx->exit_code = 1;
        return;
      }
      const mode_t mask = umask(0);  // mkstemp's 0600, made what a new file gets
      umask(mask);
      (void)fchmod(fd, 0666 & ~mask);
      close(fd);
      std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
      PrintArchive(file, *data, *format);
      const int written = CheckWritten(file, *out);
      file.close();
      if (written != 0 || !file) {
        if (written == 0) std::fprintf(stderr, "annals: cannot write %s\n", Shown(*out).c_str());
        std::filesystem::remove(tmp, ec);
        ctx->exit_code = 1;
        return;
      }
      std::filesystem::rename(tmp, tmp.substr(0, tmp.size() - 7), ec);
      if (ec) {
        std::fprintf(stderr, "annals: cannot write %s: %s\n", Shown(*out).c_str(), ec.message().c_str());
        std::filesystem::remove(tmp, ec);
        ctx->exit_code = 1;
      }
    });
  }
  // check
  {
    auto* cmd = app.add_subcommand(
        "check", "check the archive file for damage and say what it affects (exit 1 if damaged)");
    cmd->add_option("--db", ctx->db, "archive file");
    cmd->callback([=] {
      auto archive = OpenArchive(*ctx, true);
      if (!archive) {
        ctx->exit_code = Error("cannot open the archive", archive.error());
        return;
      }
      auto problems = (*archive)->Check();
      if (!problems) {
        ctx->exit_code = Error("check", problems.error());
        return;
      }
      if (problems->empty()) {
        std::printf("%s: ok\n", ctx->db.c_str());
        return;
      }
      std::printf("%s: the archive is damaged\n", ctx->db.c_str());
      for (const std::string& p : *problems) std::printf("  %s\n", p.c_str());
      ctx->exit_code = 1;
    });
  }
  // extract
  {
    auto* cmd = app.add_subcommand(
        "extract", "the archive JSON of some pages, without a database (or --text: article text)");
    auto inputs = std::make_shared<std::vector<std::string>>();
    auto opts = std::make_shared<PipelineOptions>();
    auto format = std::make_shared<Format>();
    auto text_only = std::make_shared<bool>(false);
    auto no_relate = std::make_shared<bool>(false);
    auto explain_dates = std::make_shared<bool>(false);
    auto dump_lines = std::make_shared<bool>(false);
    cmd->add_option("inputs", *inputs, "pages: files, directories, - for stdin")->required();
    cmd->add_flag("--explain-dates", *explain_dates,
                  "print how each HTML page's publication date was chosen, with the evidence");
    cmd->add_flag("--text", *text_only, "print the article text of each page");
    cmd->add_flag("--dump-lines", *dump_lines,
                  "print each text page's lines with the features the line model reads (TSV), "
                  "the pages read as one crawl");
    cmd->add_flag("--stories-only", *no_relate, "skip entities, facts and events");
    AddFormatOption(cmd, format.get(), {"json", "jsonl"});
    AddPipelineFlags(cmd, opts.get());
    cmd->callback([=] {
      if (*explain_dates) {
        int failures = 0;
        for (const std::string& path : *inputs) {
          auto text = Archive::ExplainDates(path, *opts);
          if (!text) {
            std::fprintf(stderr, "annals: %s: %s\n", path.c_str(), text.error().message.c_str());
            ++failures;
            continue;
          }
          std::cout << *text;
        }
        ctx->exit_code = failures == static_cast<int>(inputs->size()) ? 1 : 0;
        return;
      }
      if (*dump_lines) {
        auto rows = Archive::DumpLines(*inputs, *opts);
        if (!rows) {
          ctx->exit_code = Error("extract", rows.error());
          return;
        }
        std::cout << *rows;
        ctx->exit_code = CheckWritten(std::cout, "the lines");
        return;
      }
      if (*text_only) {
        int failures = 0;
        for (const std::string& path : *inputs) {
          auto text = Archive::ArticleText(path, *opts);
          if (!text) {
            (void)ReportError(path, text.error().message);
            ++failures;
            continue;
          }
          if (*format == Format::kJsonl) {
            nlohmann::json j = {{"file", std::filesystem::path(path).filename().string()},
                                {"text", *text}};
            std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
          } else {
            if (inputs->size() > 1) std::cout << "==> " << Shown(path, 1000) << " <==\n";
            std::cout << *text << "\n";
          }
        }
        ctx->exit_code = failures == static_cast<int>(inputs->size()) ? 1 : 0;
        return;
      }
      opts->relate = !*no_relate;
      IngestReport report;
      auto data = ExtractPages(*inputs, *opts, &report);
      if (!data) {
        ctx->exit_code = Error("extract", data.error());
        return;
      }
      for (const SkippedInput& s : report.skipped) {
        std::fprintf(stderr, "annals: skipped %s: %s\n", Shown(s.name).c_str(),
                     Shown(s.reason).c_str());
      }
      for (const SkippedInput& w : report.warnings) {
        std::fprintf(stderr, "annals: warning %s: %s\n", Shown(w.name).c_str(),
                     Shown(w.reason).c_str());
      }
      PrintArchive(std::cout, *data, *format);
      if (report.pages_read == 0) ctx->exit_code = 1;
    });
  }
}

}  // namespace annals::cli

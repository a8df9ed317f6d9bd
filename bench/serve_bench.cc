// serve_bench: `annals serve` under load on loopback. An archive built from
// --pages (with entities, facts and events) is served in this process; 16
// clients, each on its own keep-alive connection, send requests of one kind
// as fast as the answers come: search (the words of bench/gen_site.py's
// vocabulary, first page with facets), search_cold (as search, but each
// request a query not asked before: words and pairs of words of the
// archive, so no kept ranking serves it), story (random stories), entity
// (random entities' profiles) and events (random pages of the calendar);
// entity_again and events_again ask 100 of each again and again.
// SERVE_BENCH_TEXT_CACHE_MB sets the server's cache of texts (0: none).
//
// Counters per kind: requests, p50_ms and p99_ms (latency of one request,
// as a client sees it), errors (any answer but 200, or none). Check: no
// errors. The goal of issue 22 is a p99 under 50 ms for these calls.
//
// usage: serve_bench --pages=DIR [--db=FILE] [--workdir=DIR] [--benchmark_...]
#include "annals/archive.h"
#include "annals/options.h"

#include "bench/bench_util.h"
#include "src/serve/server.h"

#include <algorithm>
#include <atomic>
#include <benchmark/benchmark.h>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <httplib.h>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace annals::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kClients = 16;
constexpr int kRequestsPerClient = 100;

BenchArgs args;
std::string db_path;
std::unique_ptr<serve::Server> server;
std::thread server_thread;
std::vector<std::string> story_ids, entity_ids;
// search_cold: a query no request asked before (the server's kept rankings
// never serve it): the archive's words in at least 1% of the stories, alone
// and then two at a time, one per request of the run.
std::vector<std::string> cold_queries;
int events_total = 0;

// Words of bench/gen_site.py's vocabulary, from rare to common (as search_bench).
const std::vector<std::string> kQueries = {"Cormorant", "fisheries", "\"undersea cables\"",
                                           "lighthouse*", "piracy AND Dakar"};

// `n` distinct queries from the stories' words (ASCII letters, 4 or more,
// lower case) found in at least 1% of them: each word alone, then pairs of
// them (both must match), in an order shuffled with a fixed seed.
std::vector<std::string> ColdQueries(const std::vector<Story>& stories, size_t n) {
  std::map<std::string, size_t> df;
  for (const Story& s : stories) {
    std::set<std::string> seen;
    std::string w;
    for (const std::string* t : {&s.title, &s.text}) {
      for (size_t i = 0; i <= t->size(); ++i) {
        const char c = i < t->size() ? (*t)[i] : ' ';
        if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
          w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        } else {
          if (w.size() >= 4) seen.insert(w);
          w.clear();
        }
      }
    }
    for (const std::string& x : seen) ++df[x];
  }
  std::vector<std::string> words;
  for (const auto& [w, k] : df) {
    if (k * 100 >= stories.size()) words.push_back(w);
  }
  std::vector<std::string> out;
  std::set<std::string> have;
  for (const std::string& w : words) {
    if (out.size() < n && have.insert(w).second) out.push_back(w);
  }
  std::mt19937 rng(1);
  for (size_t tries = 0; out.size() < n && words.size() > 1 && tries < 100 * n; ++tries) {
    const std::string q = words[rng() % words.size()] + " " + words[rng() % words.size()];
    if (have.insert(q).second) out.push_back(q);
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

// Builds (or reuses) the archive and starts the server; false after printing why.
bool Setup() {
  db_path = args.db.empty() ? TempArchivePath(args.workdir, "serve_bench") : args.db;
  if (db_path.empty()) return false;
  {
    // An archive ready to serve is only read (it may be one that a newer
    // build would upgrade, which writes): opened for writing only to ingest.
    auto a = fs::exists(db_path) ? Archive::OpenReadOnly(db_path) : Archive::Open(db_path);
    if (!a) {
      std::fprintf(stderr, "serve_bench: %s\n", a.error().message.c_str());
      return false;
    }
    auto n = (*a)->Stats();
    auto stale = (*a)->KnowledgeStale();
    if (!n || n->stories == 0 || !stale || *stale) {
      a = Archive::Open(db_path);
      if (!a) {
        std::fprintf(stderr, "serve_bench: %s\n", a.error().message.c_str());
        return false;
      }
      std::fprintf(stderr, "serve_bench: ingesting %s into %s\n", args.pages.c_str(),
                   db_path.c_str());
      auto r = (*a)->Ingest({args.pages}, PipelineOptions{});
      if (!r) {
        std::fprintf(stderr, "serve_bench: ingest: %s\n", r.error().message.c_str());
        return false;
      }
    }
    // The story ids straight from the archive: paging through /stories
    // reads the stories before each page again (100,000 stories: hours).
    auto stories = (*a)->Stories(StoryQuery{});
    if (!stories) return false;
    for (const Story& s : *stories) story_ids.push_back(s.id);
    cold_queries = ColdQueries(*stories, kClients * kRequestsPerClient);
  }
  serve::ServeOptions o;
  o.db = db_path;
  o.port = 0;
  // SERVE_BENCH_TEXT_CACHE_MB=0: the server without its cache of texts, to
  // compare in one binary (unset: ServeOptions' default).
  if (const char* mb = std::getenv("SERVE_BENCH_TEXT_CACHE_MB")) {
    o.text_cache_bytes = static_cast<size_t>(std::strtoull(mb, nullptr, 10)) << 20;
  }
  auto s = serve::Server::Start(o);
  if (!s) {
    std::fprintf(stderr, "serve_bench: %s\n", s.error().message.c_str());
    return false;
  }
  server = std::move(*s);
  server_thread = std::thread([] { (void)server->Run(); });
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(300, 0);
  // Start to first answers: what the page asks first (status, the first
  // stories), then a call that needs the knowledge's snapshot.
  {
    auto since = [t0 = std::chrono::steady_clock::now()] {
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
          .count();
    };
    std::string line;
    for (const char* path : {"/api/v1/status", "/api/v1/stories?limit=20",
                             "/api/v1/entities?limit=1"}) {
      auto r = c.Get(path);
      if (!r || r->status != 200) return false;
      line += std::string(" ") + path + " " + std::to_string(static_cast<int>(since())) + " ms;";
    }
    std::fprintf(stderr, "serve_bench: answered after start:%s\n", line.c_str());
  }
  // The targets: every story and entity id, the number of events.
  for (int off = 0;; off += 200) {
    auto r = c.Get(("/api/v1/entities?limit=200&offset=" + std::to_string(off)).c_str());
    if (!r || r->status != 200) return false;
    auto j = nlohmann::json::parse(r->body);
    for (const auto& e : j["items"]) entity_ids.push_back(e["id"]);
    if (j["items"].size() < 200) break;
  }
  auto r = c.Get("/api/v1/events?limit=1");
  if (!r || r->status != 200) return false;
  events_total = nlohmann::json::parse(r->body)["total"];
  std::fprintf(stderr, "serve_bench: %zu stories, %zu entities, %d events, %zu cold queries\n",
               story_ids.size(), entity_ids.size(), events_total, cold_queries.size());
  return !story_ids.empty() && !entity_ids.empty() && !cold_queries.empty();
}

std::string Escape(const std::string& s) { return httplib::detail::encode_query_param(s); }

// The path of the i-th request of kind `kind` from a client's generator.
std::string Target(const std::string& kind, std::mt19937* rng, size_t nth) {
  auto pick = [&](size_t n) { return static_cast<size_t>((*rng)() % n); };
  if (kind == "search") return "/api/v1/search?q=" + Escape(kQueries[pick(kQueries.size())]);
  if (kind == "search_cold") {
    return "/api/v1/search?q=" + Escape(cold_queries[nth % cold_queries.size()]);
  }
  if (kind == "story") return "/api/v1/story/" + story_ids[pick(story_ids.size())];
  if (kind == "entity") return "/api/v1/entity/" + entity_ids[pick(entity_ids.size())];
  // Pages asked again: 100 entities' profiles (every n/100th of the list,
  // most mentioned first), each some 16 times in a run (an analyst's team
  // going back to the same people), and 100 pages of the calendar; what the
  // server's cache of texts is for.
  if (kind == "entity_again") {
    const size_t step = std::max<size_t>(1, entity_ids.size() / 100);
    return "/api/v1/entity/" + entity_ids[std::min(entity_ids.size() - 1, pick(100) * step)];
  }
  if (kind == "events_again") {
    const size_t pages = static_cast<size_t>(std::clamp(events_total / 20, 1, 100));
    return "/api/v1/events?limit=20&offset=" + std::to_string(pick(pages) * 20);
  }
  const size_t pages = static_cast<size_t>(std::max(1, events_total / 20));
  return "/api/v1/events?limit=20&offset=" + std::to_string(pick(pages) * 20);
}

void BM_Serve(benchmark::State& state, const std::string& kind) {
  std::vector<double> ms;
  std::atomic<int> errors{0};
  double wall = 0;
  // CPU of the whole process (server and clients) over the requests: a
  // cold search's cost without the setup's (reading the archive, 10 s).
  auto cpu_now = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto sec = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return sec(u.ru_utime) + sec(u.ru_stime);
  };
  const double cpu0 = cpu_now();
  for (auto _ : state) {
    std::vector<std::vector<double>> per(kClients);
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client cl("127.0.0.1", server->port());
        cl.set_keep_alive(true);
        cl.set_tcp_nodelay(true);
        cl.set_read_timeout(30, 0);
        std::mt19937 rng(static_cast<unsigned>(c + 1));
        for (int i = 0; i < kRequestsPerClient; ++i) {
          const std::string path =
              Target(kind, &rng, static_cast<size_t>(c * kRequestsPerClient + i));
          const auto a = std::chrono::steady_clock::now();
          auto r = cl.Get(path.c_str());
          const auto b = std::chrono::steady_clock::now();
          if (!r || r->status != 200) ++errors;
          per[static_cast<size_t>(c)].push_back(
              std::chrono::duration<double, std::milli>(b - a).count());
        }
      });
    }
    for (auto& t : clients) t.join();
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.SetIterationTime(wall);
    for (auto& v : per) ms.insert(ms.end(), v.begin(), v.end());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms[static_cast<size_t>(p * static_cast<double>(ms.size() - 1))];
  };
  state.counters["requests"] = static_cast<double>(ms.size());
  state.counters["p50_ms"] = pct(0.50);
  state.counters["p99_ms"] = pct(0.99);
  state.counters["max_ms"] = ms.back();
  state.counters["errors"] = errors.load();
  state.counters["req_per_s"] = static_cast<double>(ms.size()) / wall;
  state.counters["cpu_ms_per_req"] = (cpu_now() - cpu0) * 1000.0 / static_cast<double>(ms.size());
  if (errors.load() != 0) {
    CheckFailed(state, "BM_Serve/" + kind + ": " + std::to_string(errors.load()) + " errors");
  }
}

}  // namespace
}  // namespace annals::bench

int main(int argc, char** argv) {
  using namespace annals::bench;
  benchmark::Initialize(&argc, argv);
  if (!ParseArgs(&argc, argv, &args)) return 2;
  if (!Setup()) {
    std::fprintf(stderr, "serve_bench: setup failed\n");
    if (server) server->Stop();
    if (server_thread.joinable()) server_thread.join();
    return 1;
  }
  for (const char* kind :
       {"search", "search_cold", "story", "entity", "events", "entity_again", "events_again"}) {
    benchmark::RegisterBenchmark((std::string("BM_Serve/") + kind).c_str(), BM_Serve,
                                 std::string(kind))
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  int rc = RunAll();
  server->Stop();
  server_thread.join();
  server.reset();
  if (args.db.empty()) RemoveArchive(db_path);
  return rc;
}

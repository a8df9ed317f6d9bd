// annals serve: the JSON API (/api/v1/, docs/api.md) and the web page (the
// files of src/serve/web/, embedded at build time) over one archive, with
// cpp-httplib. The archive is read through read-only connections: the
// server reads while an ingest writes (SQLite WAL); it changes nothing
// unless started to allow edits (ServeOptions::allow_edits).
// Thread safety: Start/Run on one thread; Stop from any thread. Requests are
// answered on httplib's worker threads, each with its own connection.
#pragma once

#include "annals/result.h"

#include <cstddef>
#include <memory>
#include <string>

namespace annals::serve {

struct ServeOptions {
  std::string db = "annals.db";
  std::string bind = "127.0.0.1";  // loopback: only this machine can connect
  int port = 8080;                 // 0: any free port (Server::port() says which)
  // Limits on what one request may ask. A longer query is refused (400): an
  // FTS5 query of 1,000 bytes is some 150 words, past what anyone types.
  size_t max_query_bytes = 1000;
  // The most items one page of a listing holds; downloads (format=jsonl,
  // csv, ics) hold every match, up to max_download_items.
  int max_page_size = 200;
  int max_download_items = 100000;
  // Seconds a request may spend: reading it, answering (the archive's
  // statements are interrupted past it: 503) and writing the answer.
  int request_seconds = 10;
  // Bytes of story texts kept in memory for the pages that show them (an
  // entity's evidence reads up to 100 texts): 64 MB holds some 8,000 texts
  // of 8 KB, the sentences of every entity page a team reads in a day.
  size_t text_cache_bytes = size_t{64} << 20;
  // Curation (POST /api/v1/corrections): only when allowed, and only with
  // this token in the X-Annals-Token header. The archive is then also
  // opened for writing, by one connection that makes the edits.
  bool allow_edits = false;
  std::string token;
};

class Server {
 public:
  // Opens the archive read-only and binds the address. Errors: those of
  // Archive::OpenReadOnly; kIo when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port bound (the one asked, or the one chosen for port 0).
  int port() const;
  // Answers requests until Stop. Errors: kIo when listening fails.
  Status Run();
  void Stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annals::serve

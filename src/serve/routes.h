// The answers of the server: the JSON API under /api/v1/ (docs/api.md) and
// the embedded static files. Each answer comes from the query code the CLI
// calls (Archive, query::, events::); nothing here touches the network, so
// the answers can be tested without a socket.
// Thread safety: Api may be called from many threads at once: each call
// borrows its own archive connection, and the snapshot of the knowledge is
// shared read-only (replaced, never changed, when the archive changes).
#pragma once

#include "annals/result.h"

#include "src/serve/server.h"

#include <map>
#include <memory>
#include <string>

namespace annals::serve {

using Params = std::multimap<std::string, std::string>;

struct Answer {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string filename;  // non-empty: sent as a download (Content-Disposition)
};

class Routes {
 public:
  explicit Routes(const ServeOptions& options);
  ~Routes();
  Routes(const Routes&) = delete;
  Routes& operator=(const Routes&) = delete;

  // Opens the first connection, read-only. Errors: those of Archive::OpenReadOnly.
  Status Open();
  // Gets ready for the first requests on a thread of its own, so that the
  // server answers at once: opens the connections of the first requests,
  // reads the search index's row lengths and builds the snapshot of the
  // knowledge. Until that snapshot is built, /status and the first pages
  // of /stories are answered from SQL (the same answers); the rest waits
  // for it. Call once, after Open.
  void Warm();
  // True once the first snapshot of the knowledge is built.
  bool Ready() const;

  // /api/v1/<name>[/<rest>]?params. Unknown names: 404; bad parameters:
  // 400 with {"error": "..."}; a request past its time: 503.
  Answer Api(const std::string& name, const std::string& rest, const Params& params);

  // POST /api/v1/corrections: applies one correction ({"kind": "merge" |
  // "split" | "rename", "a": .., "b": ..}) when edits are allowed and
  // `token` is the server's (else 403), then rebuilds the knowledge.
  Answer Correct(const std::string& body, const std::string& token);

  // The embedded file `name` (404 for any other name).
  static Answer Static(const std::string& name);
  // {"error": message} with `status`.
  static Answer Error(int status, const std::string& message);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// Byte offsets of valid UTF-8 `text` as offsets in UTF-16 code units (what
// a browser's strings count), for every byte offset 0..text.size().
// Offsets inside a character map to the character's start.
std::vector<uint32_t> Utf16Offsets(const std::string& text);

}  // namespace annals::serve

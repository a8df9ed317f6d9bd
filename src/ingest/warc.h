// WARC archives (ISO 28500; what wget --warc-file, Heritrix, Browsertrix and
// Common Crawl write) read into Pages.
// In: a .warc file, plain or compressed (gzip per record as crawlers write
// it, or one stream; bzip2, xz and zstd too). libarchive undoes the
// compression (its "raw" format over every filter); the WARC record headers
// and the HTTP header block inside a response record are parsed here
// (http_header.h). libarchive's own WARC format reader is not used: it skips
// response records whose target URI ends in '/', strips the URI to its last
// path segment, and hides the records it skips, which this reader counts.
// Out: one Page per `response` or `resource` record whose payload is HTML or
// text, with Page::name = Page::url = WARC-Target-URI.
// Thread safety: reentrant; the sink is called on the calling thread.
#pragma once

#include "annals/result.h"

#include "src/ingest/page.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace annals::ingest {

struct WarcStats {
  int records = 0;  // WARC records seen
  int pages = 0;    // records delivered as pages
  // Reason -> count, in the order first seen: "request record", "metadata
  // record", "warcinfo record", "revisit record", "non-HTML payload",
  // "HTTP status 3xx", "record larger than the page limit",
  // "undecodable payload", "truncated record", ...
  std::vector<std::pair<std::string, int>> skipped;
};

// True when `head` (the first bytes of a file, already gunzipped) starts a
// WARC file: "WARC/1.0", "WARC/1.1", "WARC/0.17"... at its very start.
bool LooksLikeWarc(std::string_view head);

// One WARC record header: the version line and the named fields.
struct WarcHeader {
  std::string version;  // "1.0"
  std::vector<std::pair<std::string, std::string>> fields;
  // The first value of field `name` (ASCII case-insensitive), or "".
  std::string_view Get(std::string_view name) const;
};

// Parses a record header at the start of *in (the version line, fields, and
// the empty line). On success advances *in to the record's content and
// returns true; returns false with *in unchanged when *in does not start
// with a complete header of at most `max_bytes`.
bool ConsumeWarcHeader(std::string_view* in, WarcHeader* out, size_t max_bytes = 64 * 1024);

// Reads the WARC (or compressed WARC) file at `path` and calls `sink` for
// each response or resource record whose payload is HTML or text:
// Page::name = Page::url = WARC-Target-URI, charset and content_type from the
// HTTP header (from the record's Content-Type for resource records), bytes =
// the HTTP body de-chunked and decompressed (http_header.h). Other records
// are counted in stats->skipped by reason, as are records whose content is
// larger than `max_page_bytes` (read past in pieces, never held).
// Errors: kIo when the file cannot be opened; kCorrupt for a truncated or
// damaged archive (a record or compressed stream cut short, a header that
// does not parse): the pages before the damage have been delivered, and the
// message names the file, the byte offset (in the uncompressed stream) and
// the reason. Never throws; memory is bounded by max_page_bytes.
Status ReadWarc(const std::string& path, const std::function<void(Page&&)>& sink, WarcStats* stats,
                size_t max_page_bytes);

}  // namespace annals::ingest

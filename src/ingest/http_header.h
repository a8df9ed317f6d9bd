// HTTP/1.x response headers and bodies as a crawler stored them (the payload
// of a WARC `response` record): the header block parsed by hand (it is small
// and line-based), the body de-chunked and decompressed.
// Thread safety: reentrant.
#pragma once

#include "annals/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace annals::ingest {

// Fields of a header block in order: names as written, values trimmed;
// folded (obs-fold) continuation lines joined to their field with one space.
using HeaderFields = std::vector<std::pair<std::string, std::string>>;

// The first value of field `name` (ASCII case-insensitive), or "".
std::string_view FieldValue(const HeaderFields& fields, std::string_view name);

// A header block as HTTP responses and WARC records write it: a first line,
// field lines, and the empty line that ends them (CRLF or bare LF ends).
struct HeaderBlock {
  std::string_view first_line;  // without its line end
  HeaderFields fields;          // lines without a ':' are ignored
  size_t size = 0;              // bytes through the empty line: where the body starts
};

// The header block at the start of `s`, or nullopt when no empty line ends
// it within `max_bytes`.
std::optional<HeaderBlock> ParseHeaderBlock(std::string_view s, size_t max_bytes);

struct HttpHeader {
  std::string version;  // "1.1"
  int status = 0;       // 200
  std::string reason;   // "OK"
  HeaderFields fields;

  // The first value of field `name` (ASCII case-insensitive), or "".
  std::string_view Get(std::string_view name) const;
};

// Parses the response header block at the start of *in: the status line
// ("HTTP/1.1 200 OK"), the fields, and the empty line that ends them (CRLF
// or bare LF line ends). On success advances *in to the first byte of the
// body and returns true. Returns false, with *in unchanged, when *in does
// not start with a status line or the block does not end within `max_bytes`.
bool ConsumeHttpHeader(std::string_view* in, HttpHeader* out, size_t max_bytes = 64 * 1024);

struct MediaType {
  std::string type;     // lower case, "text/html"; "" when absent
  std::string charset;  // as written, unquoted ("UTF-8"); "" when absent
};

// Parses a Content-Type value: `text/html; charset="utf-8"`.
MediaType ParseContentType(std::string_view value);

// Decodes a body in chunked transfer coding into *out (appending). Returns
// false on a malformed or cut chunk, or when the output would exceed
// `max_bytes`; *out then holds the chunks decoded before the problem.
bool Dechunk(std::string_view in, std::string* out, size_t max_bytes);

// The body as the server meant it: de-chunked when Transfer-Encoding says
// chunked (a body the crawler stored already de-chunked, one that does not
// start with a chunk-size line, is taken as is), and decompressed for
// Content-Encoding gzip or x-gzip (likewise taken as is without the gzip
// magic bytes) and deflate (zlib or raw).
// Errors: kCorrupt for a broken chunked coding or compressed stream,
// kUnsupported for other content codings (br, zstd, compress),
// kInvalidInput when the result would exceed `max_bytes`.
Result<std::string> DecodeHttpBody(const HttpHeader& header, std::string_view body,
                                   size_t max_bytes);

}  // namespace annals::ingest

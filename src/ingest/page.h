// Page: the raw bytes of one input page and where they came from.
// In: a file, stdin, or a WARC record. Out: to Decode (decode.h).
// Thread safety: plain value.
#pragma once

#include <string>

namespace annals::ingest {

struct Page {
  std::string name;     // file path, "-" for stdin, or the WARC-Target-URI
  std::string url;      // the page's URL when known (WARC), else ""
  std::string bytes;    // raw content, possibly gzip-compressed, any charset
  std::string charset;  // charset from the transport (HTTP Content-Type), or ""
  std::string content_type;  // media type from the transport, or ""
  std::string fetched;  // when it was crawled (WARC-Date, as written), or ""
};

}  // namespace annals::ingest

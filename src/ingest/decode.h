// Decode: a Page's raw bytes to a Document of normalized UTF-8.
// In: Page (page.h). Out: Document (document.h): gunzipped, charset
// converted (BOM, then the transport's charset, then <meta charset>, then
// UTF-8 validity, then detection by uchardet), NFC, odd spaces folded,
// format (text or HTML) detected from the content.
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>

#include "annals/options.h"
#include "annals/result.h"
#include "src/ingest/document.h"
#include "src/ingest/page.h"

namespace annals::ingest {

// Errors (kInvalidInput, message says why): empty page, binary content
// (NUL bytes or a known binary signature), gzip stream cut short or larger
// than options.max_page_bytes, bytes that no charset decodes.
Result<Document> Decode(const Page& page, const ReadOptions& options);

// Gunzips `in` (one or more gzip members). Errors: kCorrupt on a cut or
// damaged stream; kInvalidInput when the output would exceed max_bytes.
Result<std::string> Gunzip(std::string_view in, size_t max_bytes);

bool IsGzip(std::string_view bytes);

// Inflates one zlib stream with the given zlib window bits (15+32: gzip or
// zlib, detected; 15: zlib; -15: raw deflate); for gzip, concatenated
// members too. Errors as Gunzip's.
Result<std::string> Inflate(std::string_view in, int window_bits, size_t max_bytes);

// The first at most `max_out` bytes of the gunzipped stream; whatever could
// be inflated (possibly nothing) when the stream is cut or damaged.
std::string GunzipPrefix(std::string_view in, size_t max_out);

// Converts `in` from `charset` (an IANA or ICU name) to UTF-8.
// Errors: kUnsupported for an unknown charset, kInvalidInput for bytes that
// do not decode.
Result<std::string> ToUtf8(std::string_view in, const std::string& charset);

// True when the content looks like HTML markup rather than plain text.
bool LooksLikeHtml(std::string_view utf8_head, std::string_view content_type);

// The charset named by <meta charset> or <meta http-equiv content="...charset=">
// in the first bytes of an HTML page, or "".
std::string SniffMetaCharset(std::string_view head);

}  // namespace annals::ingest

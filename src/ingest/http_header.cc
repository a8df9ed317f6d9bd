#include "src/ingest/http_header.h"

#include "src/common/text.h"
#include "src/ingest/decode.h"

#include <algorithm>
#include <cctype>

namespace annals::ingest {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Inflates a zlib or raw deflate stream ("deflate" content coding, which
// servers send both ways).
Result<std::string> InflateDeflate(std::string_view in, size_t max_bytes) {
  auto zlib = Inflate(in, 15, max_bytes);
  if (zlib || zlib.error().code == ErrorCode::kInvalidInput) return zlib;
  auto raw = Inflate(in, -15, max_bytes);
  if (raw || raw.error().code == ErrorCode::kInvalidInput) return raw;
  return Fail(ErrorCode::kCorrupt, "broken deflate stream");
}

}  // namespace

std::string_view FieldValue(const HeaderFields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (text::EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

std::string_view HttpHeader::Get(std::string_view name) const { return FieldValue(fields, name); }

std::optional<HeaderBlock> ParseHeaderBlock(std::string_view s, size_t max_bytes) {
  // The block ends at the first empty line.
  size_t end = std::string_view::npos, body = 0;
  for (size_t i = 0; i < s.size() && i < max_bytes; ++i) {
    if (s[i] != '\n') continue;
    if (i + 1 < s.size() && s[i + 1] == '\n') {
      end = i + 1;
      body = i + 2;
      break;
    }
    if (i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') {
      end = i + 1;
      body = i + 3;
      break;
    }
  }
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view block = s.substr(0, end);
  const size_t eol = block.find('\n');
  HeaderBlock h;
  h.first_line = block.substr(0, eol);
  if (!h.first_line.empty() && h.first_line.back() == '\r') h.first_line.remove_suffix(1);
  h.size = body;
  std::string_view rest = block.substr(eol == std::string_view::npos ? block.size() : eol + 1);
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if ((line.front() == ' ' || line.front() == '\t') && !h.fields.empty()) {
      std::string& v = h.fields.back().second;
      std::string_view more = TrimSpaces(line);
      if (!more.empty()) {
        if (!v.empty()) v.push_back(' ');
        v.append(more);
      }
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;  // not a field: ignored
    h.fields.emplace_back(std::string(TrimSpaces(line.substr(0, colon))),
                          std::string(TrimSpaces(line.substr(colon + 1))));
  }
  return h;
}

bool ConsumeHttpHeader(std::string_view* in, HttpHeader* out, size_t max_bytes) {
  std::string_view s = *in;
  if (s.size() < 8 || !text::StartsWithIgnoreCase(s, "HTTP/")) return false;
  std::optional<HeaderBlock> block = ParseHeaderBlock(s, max_bytes);
  if (!block) return false;
  // Status line: HTTP/<version> <3 digits>[ <reason>]
  std::string_view status = TrimSpaces(block->first_line);
  status.remove_prefix(5);
  const size_t sp = status.find(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  HttpHeader h;
  h.version = std::string(status.substr(0, sp));
  std::string_view code = TrimSpaces(status.substr(sp + 1));
  if (code.size() < 3 || !IsDigit(code[0]) || !IsDigit(code[1]) || !IsDigit(code[2]) ||
      (code.size() > 3 && code[3] != ' ')) {
    return false;
  }
  h.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  h.reason = std::string(TrimSpaces(code.substr(3)));
  h.fields = std::move(block->fields);
  *out = std::move(h);
  in->remove_prefix(block->size);
  return true;
}

MediaType ParseContentType(std::string_view value) {
  MediaType m;
  const size_t semi = value.find(';');
  m.type = LowerAscii(TrimSpaces(value.substr(0, semi)));
  std::string_view params =
      semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
  while (!params.empty()) {
    const size_t next = params.find(';');
    std::string_view p = TrimSpaces(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    const size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    if (!text::EqualsIgnoreCase(TrimSpaces(p.substr(0, eq)), "charset")) continue;
    std::string_view v = TrimSpaces(p.substr(eq + 1));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
      v = v.substr(1, v.size() - 2);
    }
    m.charset = std::string(TrimSpaces(v));
    break;
  }
  return m;
}

bool Dechunk(std::string_view in, std::string* out, size_t max_bytes) {
  while (true) {
    const size_t eol = in.find('\n');
    if (eol == std::string_view::npos) return false;
    std::string_view line = TrimSpaces(in.substr(0, eol));
    line = line.substr(0, line.find(';'));  // chunk extensions
    line = TrimSpaces(line);
    if (line.empty() || line.size() > 15) return false;
    size_t size = 0;
    for (char c : line) {
      int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
              : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                          : -1;
      if (v < 0) return false;
      size = size * 16 + static_cast<size_t>(v);
    }
    in.remove_prefix(eol + 1);
    if (size == 0) return true;  // the last chunk; trailers are not needed
    if (size > in.size()) return false;
    if (out->size() + size > max_bytes) return false;
    out->append(in.substr(0, size));
    in.remove_prefix(size);
    if (text::StartsWith(in, "\r\n")) {
      in.remove_prefix(2);
    } else if (text::StartsWith(in, "\n")) {
      in.remove_prefix(1);
    } else if (!in.empty()) {
      return false;
    }
    if (in.empty()) return false;  // cut before the last chunk
  }
}

Result<std::string> DecodeHttpBody(const HttpHeader& header, std::string_view body,
                                   size_t max_bytes) {
  std::string out;
  const std::string te = LowerAscii(header.Get("Transfer-Encoding"));
  if (te.find("chunked") != std::string::npos) {
    // Stored de-chunked by the crawler when the body does not start with a
    // chunk-size line.
    const size_t eol = body.find('\n');
    std::string_view first = TrimSpaces(body.substr(0, std::min(eol, body.size())));
    first = first.substr(0, first.find(';'));
    const bool chunked =
        !first.empty() && first.size() <= 15 && std::all_of(first.begin(), first.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        });
    if (chunked) {
      if (!Dechunk(body, &out, max_bytes)) {
        if (out.size() >= max_bytes) {
          return Fail(ErrorCode::kInvalidInput, "body larger than the page limit");
        }
        return Fail(ErrorCode::kCorrupt, "broken chunked transfer coding");
      }
    } else {
      out.assign(body);
    }
  } else {
    out.assign(body);
  }
  if (out.size() > max_bytes)
    return Fail(ErrorCode::kInvalidInput, "body larger than the page limit");
  const std::string ce = LowerAscii(TrimSpaces(header.Get("Content-Encoding")));
  if (ce.empty() || ce == "identity") return out;
  if (ce == "gzip" || ce == "x-gzip") {
    if (!IsGzip(out)) return out;  // stored decompressed
    auto r = Gunzip(out, max_bytes);
    if (!r) return tl::unexpected(r.error());
    return std::move(*r);
  }
  if (ce == "deflate") {
    if (out.empty()) return out;
    return InflateDeflate(out, max_bytes);
  }
  return Fail(ErrorCode::kUnsupported, "Content-Encoding: " + ce);
}

}  // namespace annals::ingest

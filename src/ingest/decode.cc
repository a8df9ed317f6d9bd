#include "src/ingest/decode.h"

#include <unicode/ucnv.h>
#include <uchardet/uchardet.h>
#include <zlib.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>

#include "src/common/text.h"

namespace annals::ingest {
using namespace std::string_view_literals;
namespace {

struct UcnvCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct UchardetCloser {
  void operator()(uchardet* u) const { uchardet_delete(u); }
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  });
  return out;
}

// A known binary signature at the start, or "".
const char* BinaryKind(std::string_view b) {
  struct Sig {
    std::string_view magic;
    const char* kind;
  };
  static constexpr Sig kSigs[] = {
      {"%PDF", "PDF document"},      {"\x89PNG", "PNG image"}, {"\xFF\xD8\xFF", "JPEG image"},
      {"GIF8", "GIF image"},         {"PK\x03\x04", "ZIP archive"},
      {"\x7F" "ELF", "executable"}, {"\xD0\xCF\x11\xE0", "MS Office document"},
  };
  for (const Sig& s : kSigs) {
    if (text::StartsWith(b, s.magic)) return s.kind;
  }
  return "";
}

bool HasNul(std::string_view b) {
  return b.substr(0, 8192).find('\0') != std::string_view::npos;
}

// "UTF-16LE" or "UTF-16BE" for text written in UTF-16 without a byte order
// mark, else "". Told by its head: an even length, no U+0000, at least an
// eighth of the code units ASCII (the high byte zero: spaces, digits,
// punctuation and markup, which even a Cyrillic or Greek page has more of),
// and no ASCII control character but tab and line ends (binary data has
// them). uchardet does not report
// UTF-16 without a mark, and the NUL bytes would otherwise read as binary.
const char* Utf16WithoutBom(std::string_view b) {
  if (b.size() < 4 || b.size() % 2 != 0) return "";
  const size_t units = std::min<size_t>(b.size(), 8192) / 2;
  // Cheap test first: ASCII code units have a zero byte, and most pages
  // have none (read with memchr, not two passes of the loop below).
  if (b.substr(0, 2 * units).find('\0') == std::string_view::npos) return "";
  for (const bool le : {true, false}) {
    size_t ascii = 0;
    bool ok = true;
    for (size_t i = 0; i < units && ok; ++i) {
      const auto lo = static_cast<unsigned char>(b[2 * i + (le ? 0 : 1)]);
      const auto hi = static_cast<unsigned char>(b[2 * i + (le ? 1 : 0)]);
      if (hi != 0) continue;
      ok = lo >= 0x20 ? lo != 0x7F : (lo == '\t' || lo == '\n' || lo == '\r');
      ++ascii;
    }
    if (ok && ascii * 8 >= units) return le ? "UTF-16LE" : "UTF-16BE";
  }
  return "";
}

std::string Detect(std::string_view bytes, size_t sniff) {
  std::unique_ptr<uchardet, UchardetCloser> det(uchardet_new());
  std::string_view head = bytes.substr(0, sniff);
  if (uchardet_handle_data(det.get(), head.data(), head.size()) != 0) return "";
  uchardet_data_end(det.get());
  const char* cs = uchardet_get_charset(det.get());
  return cs ? cs : "";
}

}  // namespace

bool IsGzip(std::string_view b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f &&
         static_cast<unsigned char>(b[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view in, size_t max_bytes) {
  return Inflate(in, 15 + 32, max_bytes);
}

Result<std::string> Inflate(std::string_view in, int window_bits, size_t max_bytes) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return Fail(ErrorCode::kIo, "zlib init failed");
  std::string out;
  char buf[1 << 16];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      return Fail(ErrorCode::kInvalidInput, "gzip content larger than the page limit");
    }
    if (rc == Z_STREAM_END) {
      // Concatenated members: go on while input remains and starts a new member.
      if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc != Z_OK) break;
    if (zs.avail_in == 0 && zs.avail_out != 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Fail(ErrorCode::kCorrupt, "gzip stream cut short or damaged");
  return out;
}

std::string GunzipPrefix(std::string_view in, size_t max_out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return "";
  std::string out(max_out, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(max_out);
  inflate(&zs, Z_SYNC_FLUSH);
  out.resize(max_out - zs.avail_out);
  inflateEnd(&zs);
  return out;
}

Result<std::string> ToUtf8(std::string_view in, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, UcnvCloser> conv(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return Fail(ErrorCode::kUnsupported, "unknown charset " + charset);
  // Stop on bytes that do not decode instead of inventing replacement text.
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string u16(in.size() + 2, u'\0');
  status = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(conv.get(), u16.data(), static_cast<int32_t>(u16.size()), in.data(),
                            static_cast<int32_t>(in.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    u16.assign(static_cast<size_t>(n) + 1, u'\0');
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(conv.get());
    n = ucnv_toUChars(conv.get(), u16.data(), static_cast<int32_t>(u16.size()), in.data(),
                      static_cast<int32_t>(in.size()), &status);
  }
  if (U_FAILURE(status)) {
    return Fail(ErrorCode::kInvalidInput, "bytes do not decode as " + charset);
  }
  u16.resize(static_cast<size_t>(n));
  std::string out;
  out.reserve(u16.size() * 2);
  for (size_t i = 0; i < u16.size(); ++i) {
    uint32_t c = u16[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < u16.size()) {
      uint32_t lo = u16[i + 1];
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        ++i;
      }
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;  // lone surrogate
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool LooksLikeHtml(std::string_view head, std::string_view content_type) {
  // Compared ignoring ASCII case where it lies (no lower-cased copies: a
  // page is tested twice and most pages have no markup).
  for (size_t at = 0; at + 4 <= content_type.size(); ++at) {
    if (text::StartsWithIgnoreCase(content_type.substr(at), "html")) return true;
  }
  head = head.substr(0, 4096);
  size_t i = head.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return false;
  std::string_view s = head.substr(i);
  for (std::string_view p : {"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--"}) {
    if (text::StartsWithIgnoreCase(s, p)) return true;
  }
  // Markup fragments: several block tags early on (each counted once).
  static constexpr std::string_view kTags[] = {"<p>",     "<p ", "<div",   "<br",
                                               "<a href", "<h1", "<title", "<meta"};
  bool found[std::size(kTags)] = {};
  int tags = 0;
  for (size_t at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1)) {
    const std::string_view rest = head.substr(at);
    for (size_t k = 0; k < std::size(kTags); ++k) {
      if (!found[k] && text::StartsWithIgnoreCase(rest, kTags[k])) {
        found[k] = true;
        if (++tags >= 2) return true;
      }
    }
  }
  return false;
}

std::string SniffMetaCharset(std::string_view head) {
  std::string h = Lower(head.substr(0, 8192));
  size_t at = 0;
  while ((at = h.find("<meta", at)) != std::string::npos) {
    size_t end = h.find('>', at);
    if (end == std::string::npos) break;
    std::string_view tag = std::string_view(h).substr(at, end - at);
    size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      size_t v = cs + 7;
      while (v < tag.size() && (tag[v] == ' ' || tag[v] == '=' || tag[v] == '"' || tag[v] == '\'')) {
        ++v;
      }
      size_t e = v;
      while (e < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[e])) || tag[e] == '-' ||
                                tag[e] == '_' || tag[e] == ':' || tag[e] == '.')) {
        ++e;
      }
      if (e > v) return std::string(tag.substr(v, e - v));
    }
    at = end;
  }
  return "";
}

namespace {

// Valid UTF-8 with at least one multi-byte sequence.
bool IsUtf8Text(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) &&
         text::IsValidUtf8(bytes);
}

}  // namespace

Result<Document> Decode(const Page& page, const ReadOptions& options) {
  // ICU and libxml2 take int sizes and texts are addressed with 32-bit
  // offsets: a page is read to 2047 MB whatever max_page_bytes says (the
  // CLI's --max-page-mb stops there too).
  constexpr size_t kMaxDecodable = size_t{2047} << 20;
  const size_t limit = std::min(options.max_page_bytes, kMaxDecodable);
  std::string_view bytes = page.bytes;
  std::string gunzipped;
  if (IsGzip(bytes)) {
    auto r = Gunzip(bytes, limit);
    if (!r) return tl::unexpected(r.error());
    gunzipped = std::move(*r);
    bytes = gunzipped;
  }
  if (text::Trim(bytes).empty()) return Fail(ErrorCode::kInvalidInput, "empty page");
  if (bytes.size() > limit) {
    return Fail(ErrorCode::kInvalidInput,
                "page larger than the limit of " + std::to_string(limit >> 20) + " MB");
  }
  // The page's text in UTF-8: its bytes as they are (valid UTF-8), or
  // `converted` from its charset.
  std::string converted;
  std::optional<std::string_view> utf8;
  std::string charset;
  auto starts = [&](std::string_view bom) { return text::StartsWith(bytes, bom); };
  if (starts("\xEF\xBB\xBF"sv)) {
    bytes.remove_prefix(3);
    charset = "UTF-8";
  } else if (starts("\xFF\xFE\x00\x00"sv) || starts("\x00\x00\xFE\xFF"sv)) {
    charset = starts("\xFF\xFE"sv) ? "UTF-32LE" : "UTF-32BE";
    bytes.remove_prefix(4);
  } else if (starts("\xFF\xFE"sv) || starts("\xFE\xFF"sv)) {
    charset = starts("\xFF\xFE"sv) ? "UTF-16LE" : "UTF-16BE";
    bytes.remove_prefix(2);
  } else {
    charset = Utf16WithoutBom(bytes);
  }
  if (charset.empty() || charset == "UTF-8") {
    if (const char* kind = BinaryKind(bytes); *kind) {
      return Fail(ErrorCode::kInvalidInput, std::string("binary content (") + kind + ")");
    }
    if (HasNul(bytes)) return Fail(ErrorCode::kInvalidInput, "binary content (NUL bytes)");
  }
  if (charset.empty() && !page.charset.empty()) charset = page.charset;
  if (charset.empty() && LooksLikeHtml(bytes, page.content_type)) {
    charset = SniffMetaCharset(bytes);
  }
  std::string warning;
  if (!charset.empty() && Lower(charset) != "utf-8" && Lower(charset) != "utf8" &&
      !text::StartsWith(Lower(charset), "utf-") && IsUtf8Text(bytes)) {
    // Declared as another charset, but the bytes are UTF-8 (non-ASCII text
    // that is valid UTF-8 is almost never valid legacy text by chance).
    warning = "declared charset " + charset + " but the bytes are UTF-8; read as UTF-8";
    charset = "UTF-8";
  }
  if (!charset.empty() && (Lower(charset) == "utf-8" || Lower(charset) == "utf8")) {
    // Declared UTF-8 that is not valid UTF-8 is common; fall back to detection.
    if (text::IsValidUtf8(bytes)) {
      utf8 = bytes;
    } else {
      charset.clear();
    }
  }
  if (!utf8 && charset.empty()) {
    if (text::IsValidUtf8(bytes)) {
      utf8 = bytes;
    } else {
      charset = Detect(bytes, options.charset_sniff_bytes);
      if (charset.empty() || Lower(charset) == "ascii" || Lower(charset) == "utf-8") {
        charset = "windows-1252";  // the usual mislabelled single-byte Western page
      }
    }
  }
  if (!utf8) {
    auto r = ToUtf8(bytes, charset);
    if (!r && r.error().code == ErrorCode::kUnsupported) {
      std::string detected = Detect(bytes, options.charset_sniff_bytes);
      if (!detected.empty()) r = ToUtf8(bytes, detected);
    }
    if (!r) return tl::unexpected(r.error());
    converted = std::move(*r);
    utf8 = converted;
  }
  Document doc;
  doc.name = page.name;
  doc.url = page.url;
  doc.fetched = page.fetched;
  doc.warning = std::move(warning);
  doc.format = LooksLikeHtml(*utf8, page.content_type) ? DocFormat::kHtml : DocFormat::kText;
  // One copy of the page: folded, then composed where it is not NFC.
  doc.text = text::FoldSpaces(*utf8);
  if (!text::NormalizeNfc(&doc.text)) {
    return Fail(ErrorCode::kInvalidInput, "invalid UTF-8 after conversion");
  }
  if (text::Trim(doc.text).empty()) return Fail(ErrorCode::kInvalidInput, "no text");
  return doc;
}

}  // namespace annals::ingest

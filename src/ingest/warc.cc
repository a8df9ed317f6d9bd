#include "src/ingest/warc.h"

#include "src/common/text.h"
#include "src/ingest/decode.h"
#include "src/ingest/http_header.h"

#include <algorithm>
#include <archive.h>
#include <cstring>
#include <filesystem>
#include <memory>

namespace annals::ingest {
namespace {

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

void Count(WarcStats* stats, const std::string& reason) {
  for (auto& [r, n] : stats->skipped) {
    if (r == reason) {
      ++n;
      return;
    }
  }
  stats->skipped.emplace_back(reason, 1);
}

// The decompressed bytes of a file, read through libarchive in blocks, with
// a look-ahead buffer that holds at most what the caller asks for.
class Stream {
 public:
  Status Open(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 &&
        !ec) {
      eof_ = true;  // libarchive refuses empty files; an empty input has no records
      return Ok();
    }
    a_.reset(archive_read_new());
    if (!a_) return Fail(ErrorCode::kIo, "cannot allocate a reader");
    archive_read_support_filter_all(a_.get());
    archive_read_support_format_raw(a_.get());
    if (archive_read_open_filename(a_.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
      return Fail(ErrorCode::kIo, Message());
    }
    struct archive_entry* entry = nullptr;
    const int rc = archive_read_next_header(a_.get(), &entry);
    if (rc == ARCHIVE_EOF) {
      eof_ = true;
    } else if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      return Fail(ErrorCode::kIo, Message());
    }
    return Ok();
  }

  // Buffers until at least n bytes are available or the stream ends.
  void Fill(size_t n) {
    while (buf_.size() - pos_ < n && !eof_) {
      if (pos_ > 0 && pos_ * 2 >= buf_.size()) {
        buf_.erase(0, pos_);
        pos_ = 0;
      }
      char block[1 << 16];
      const la_ssize_t got = archive_read_data(a_.get(), block, sizeof block);
      if (got > 0) {
        buf_.append(block, static_cast<size_t>(got));
      } else {
        eof_ = true;
        if (got < 0) error_ = Message();
      }
    }
  }

  std::string_view Available() const { return std::string_view(buf_).substr(pos_); }

  void Consume(size_t n) {
    n = std::min(n, buf_.size() - pos_);
    pos_ += n;
    offset_ += n;
    if (pos_ == buf_.size()) {
      buf_.clear();
      pos_ = 0;
    }
  }

  // Reads past n bytes without holding them; false when the stream ends first.
  bool Skip(uint64_t n) {
    while (n > 0) {
      Fill(1);
      const size_t have = buf_.size() - pos_;
      if (have == 0) return false;
      const size_t step = static_cast<size_t>(std::min<uint64_t>(n, have));
      Consume(step);
      n -= step;
    }
    return true;
  }

  bool AtEnd() {
    Fill(1);
    return buf_.size() == pos_;
  }
  uint64_t offset() const { return offset_; }
  const std::string& error() const { return error_; }

 private:
  std::string Message() const {
    const char* m = archive_error_string(a_.get());
    return m ? m : "read error";
  }

  std::unique_ptr<struct archive, ArchiveDeleter> a_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  bool eof_ = false;
  std::string error_;
};

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// How a skipped record's WARC-Type (lower-cased) is named in the ingest's
// summary: WARC 1.0/1.1 types are short tokens (letters, '-'; digits let by); anything
// else (bytes of a damaged file) is not echoed to the terminal.
std::string RecordKind(std::string_view type) {
  if (type.empty()) return "untyped";
  const bool token = type.size() <= 32 && std::all_of(type.begin(), type.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                     });
  return token ? std::string(type) : "unknown-type";
}

bool ParseLength(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 15) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

bool IsTextMediaType(std::string_view type) {
  return type == "text/html" || type == "application/xhtml+xml" || type == "text/plain";
}

std::string TargetUri(const WarcHeader& h) {
  std::string_view uri = text::Trim(h.Get("WARC-Target-URI"));
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>')
    uri = uri.substr(1, uri.size() - 2);
  if (uri.empty()) uri = text::Trim(h.Get("WARC-Record-ID"));
  return std::string(uri);
}

// Turns one response or resource record into a page, or says why not.
bool RecordToPage(const WarcHeader& h, std::string_view content, size_t max_page_bytes, Page* page,
                  std::string* reason) {
  const std::string type = LowerAscii(text::Trim(h.Get("WARC-Type")));
  MediaType media;
  std::string body;
  const bool http = text::StartsWithIgnoreCase(content, "HTTP/") ||
                    LowerAscii(h.Get("Content-Type")).find("application/http") != std::string::npos;
  if (type == "response" && http) {
    HttpHeader hh;
    if (!ConsumeHttpHeader(&content, &hh)) {
      *reason = "undecodable payload";
      return false;
    }
    if (hh.status < 200 || hh.status >= 300) {
      *reason = "HTTP status " + std::to_string(hh.status / 100) + "xx";
      return false;
    }
    media = ParseContentType(hh.Get("Content-Type"));
    if (!media.type.empty() && !IsTextMediaType(media.type)) {
      *reason = "non-HTML payload";
      return false;
    }
    auto decoded = DecodeHttpBody(hh, content, max_page_bytes);
    if (!decoded) {
      *reason = decoded.error().code == ErrorCode::kInvalidInput
                    ? "record larger than the page limit"
                    : "undecodable payload";
      return false;
    }
    body = std::move(*decoded);
  } else {
    media = ParseContentType(h.Get("Content-Type"));
    if (!media.type.empty() && !IsTextMediaType(media.type)) {
      *reason = "non-HTML payload";
      return false;
    }
    body.assign(content);
  }
  if (text::Trim(body).empty()) {
    *reason = "empty payload";
    return false;
  }
  if (media.type.empty() && !LooksLikeHtml(std::string_view(body).substr(0, 4096), "")) {
    *reason = "non-HTML payload";  // no declared type and not markup
    return false;
  }
  page->name = TargetUri(h);
  page->url = page->name;
  page->fetched = std::string(text::Trim(h.Get("WARC-Date")));
  page->bytes = std::move(body);
  page->charset = media.charset;
  page->content_type = media.type;
  return true;
}

}  // namespace

std::string_view WarcHeader::Get(std::string_view name) const { return FieldValue(fields, name); }

bool LooksLikeWarc(std::string_view head) {
  return head.size() >= 6 && head.substr(0, 5) == "WARC/" && head[5] >= '0' && head[5] <= '9';
}

bool ConsumeWarcHeader(std::string_view* in, WarcHeader* out, size_t max_bytes) {
  std::string_view s = *in;
  if (!LooksLikeWarc(s)) return false;
  std::optional<HeaderBlock> block = ParseHeaderBlock(s, max_bytes);
  if (!block) return false;
  std::string_view version = block->first_line.substr(5);
  while (!version.empty() && version.back() == ' ') version.remove_suffix(1);
  WarcHeader h;
  h.version = std::string(version);
  h.fields = std::move(block->fields);
  *out = std::move(h);
  in->remove_prefix(block->size);
  return true;
}

Status ReadWarc(const std::string& path, const std::function<void(Page&&)>& sink, WarcStats* stats,
                size_t max_page_bytes) {
  Stream in;
  if (Status s = in.Open(path); !s) {
    return Fail(s.error().code, path + ": cannot read: " + s.error().message);
  }
  // A record's HTTP header block may add this much to the page limit.
  constexpr size_t kHeaderAllowance = 64 * 1024;
  constexpr size_t kMaxWarcHeader = 64 * 1024;
  auto damaged = [&](const std::string& what) {
    std::string m = path + ": " + what + " at byte " + std::to_string(in.offset());
    if (!in.error().empty()) m += " (" + in.error() + ")";
    return Fail(ErrorCode::kCorrupt, m);
  };
  uint64_t stray_bytes = 0, stray_at = 0;  // a run of bytes that are no record
  bool any_record = false;                 // a file that starts with no record is no WARC
  while (true) {
    // Records are separated by CRLF CRLF; tolerate any run of line ends.
    while (true) {
      in.Fill(1);
      std::string_view a = in.Available();
      if (a.empty() || (a.front() != '\r' && a.front() != '\n')) break;
      in.Consume(1);
    }
    if (in.AtEnd()) break;
    in.Fill(kMaxWarcHeader);
    std::string_view a = in.Available();
    WarcHeader h;
    std::string_view rest = a;
    if (!ConsumeWarcHeader(&rest, &h, kMaxWarcHeader)) {
      if (LooksLikeWarc(a) && a.size() < kMaxWarcHeader &&
          a.find("WARC/", 1) == std::string_view::npos) {
        ++stats->records;
        Count(stats, "truncated record");
        return damaged("truncated record header");
      }
      // Bytes that are no record (garbage between records, or a record
      // whose Content-Length was wrong): read on from the next "WARC/" that
      // starts a header, and say how much was passed over (issue 24).
      if (!any_record) return damaged("not a WARC record header");
      if (stray_bytes == 0) stray_at = in.offset();
      const size_t next = a.find("WARC/", 1);
      const size_t step = next != std::string_view::npos ? next
                          : a.size() > 4                 ? a.size() - 4
                                                         : a.size();
      in.Consume(step);
      stray_bytes += step;
      continue;
    }
    if (stray_bytes > 0) {
      Count(stats, std::to_string(stray_bytes) + " bytes that are no WARC record, at byte " +
                       std::to_string(stray_at) + " of " + path +
                       ", passed over to the next record");
      stray_bytes = 0;
    }
    any_record = true;
    ++stats->records;
    in.Consume(a.size() - rest.size());
    uint64_t length = 0;
    if (!ParseLength(h.Get("Content-Length"), &length)) {
      Count(stats, "truncated record");
      return damaged("record without a valid Content-Length");
    }
    const std::string type = LowerAscii(text::Trim(h.Get("WARC-Type")));
    const bool wanted = type == "response" || type == "resource";
    std::string reason;
    if (!wanted) {
      reason = RecordKind(type) + " record";
    } else if (length > max_page_bytes + kHeaderAllowance) {
      reason = "record larger than the page limit";
    }
    if (!reason.empty()) {
      if (!in.Skip(length)) {
        Count(stats, "truncated record");
        return damaged("truncated " + RecordKind(type) + " record");
      }
      Count(stats, reason);
      continue;
    }
    in.Fill(static_cast<size_t>(length));
    std::string_view content = in.Available();
    if (content.size() < length) {
      Count(stats, "truncated record");
      return damaged("truncated record of " + TargetUri(h));
    }
    content = content.substr(0, static_cast<size_t>(length));
    Page page;
    if (RecordToPage(h, content, max_page_bytes, &page, &reason)) {
      ++stats->pages;
      in.Consume(static_cast<size_t>(length));
      sink(std::move(page));
    } else {
      Count(stats, reason);
      in.Consume(static_cast<size_t>(length));
    }
  }
  if (stray_bytes > 0) {
    Count(stats, std::to_string(stray_bytes) + " bytes that are no WARC record, at byte " +
                     std::to_string(stray_at) + " of " + path + ", up to the end");
  }
  if (!in.error().empty()) return damaged("compressed stream cut short or damaged");
  return Ok();
}

}  // namespace annals::ingest

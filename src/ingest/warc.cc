#include "src/ingest/warc.h"

#include "src/common/text.h"
#include "src/ingest/decode.h"
#include "src/ingest/http_header.h"

#include <algorithm>
#include <archive.h>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <zlib.h>

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

// A stretch of a gzip file passed over: bytes between members that start no
// member, or a damaged member up to the next member header.
struct PassedOver {
  uint64_t at = 0;     // byte offset in the file
  uint64_t bytes = 0;  // how many
  bool damaged = false;
  bool to_end = false;  // no member followed
};

// The members of a gzip file inflated one after another with zlib. libarchive's
// gzip filter ends the stream at the first byte after a member that starts no
// member, and fails at a damaged member, losing every later record (issue 24);
// crawlers write one member per record, so here bytes that are no member, and a
// damaged member, are passed over to the next member header (1f 8b 08), and
// said. Hand-written over zlib because no Debian library resynchronizes gzip.
class GzipMembers {
 public:
  GzipMembers() = default;
  GzipMembers(const GzipMembers&) = delete;
  GzipMembers& operator=(const GzipMembers&) = delete;
  ~GzipMembers() {
    if (zinit_) inflateEnd(&zs_);
    if (f_) std::fclose(f_);
  }

  bool Open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "rb");
    if (!f_) return false;
    zinit_ = inflateInit2(&zs_, 15 + 16) == Z_OK;  // gzip only
    return zinit_;
  }

  // Inflates up to `cap` bytes into `out`: the count, 0 at the end of the
  // file, -1 when the last member is cut short or the file cannot be read.
  long Read(char* out, size_t cap) {
    static constexpr std::string_view kMagic("\x1f\x8b\x08", 3);
    while (true) {
      if (!in_member_) {
        FillRaw(kMagic.size());
        const std::string_view avail = std::string_view(raw_).substr(raw_pos_);
        if (avail.empty()) {
          EndStretch(true);
          return read_error_.empty() ? 0 : -1;
        }
        if (avail.substr(0, kMagic.size()) == kMagic) {
          EndStretch(false);
          member_start_ = RawOffset();
          inflateReset(&zs_);
          in_member_ = true;
          continue;
        }
        const size_t next = avail.find(kMagic, 1);
        const size_t step = next != std::string_view::npos        ? next
                            : avail.size() > kMagic.size() - 1 ? avail.size() - (kMagic.size() - 1)
                                                               : avail.size();
        if (stretch_.bytes == 0) stretch_.at = RawOffset();
        stretch_.bytes += step;
        raw_pos_ += step;
        continue;
      }
      FillRaw(1);
      const size_t have = raw_.size() - raw_pos_;
      if (have == 0) {
        in_member_ = false;
        error_ = read_error_.empty() ? "gzip member cut short" : read_error_;
        return -1;
      }
      zs_.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
      zs_.avail_in = static_cast<uInt>(std::min<size_t>(have, 1u << 30));
      zs_.next_out = reinterpret_cast<Bytef*>(out);
      zs_.avail_out = static_cast<uInt>(cap);
      const uInt in_before = zs_.avail_in;
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      raw_pos_ += in_before - zs_.avail_in;
      const size_t produced = cap - zs_.avail_out;
      if (rc == Z_STREAM_END) in_member_ = false;
      if (rc == Z_OK || rc == Z_BUF_ERROR || rc == Z_STREAM_END) {
        if (produced > 0) return static_cast<long>(produced);
        continue;
      }
      if (rc == Z_MEM_ERROR) {
        error_ = "out of memory inflating";
        return -1;
      }
      // A damaged member: what it gave so far is before a break (the reader
      // drops the record it cuts); look for the next member after its start.
      in_member_ = false;
      broke_ = true;
      stretch_ = PassedOver{.at = member_start_, .bytes = 1, .damaged = true};
      if (std::fseek(f_, static_cast<long>(member_start_ + 1), SEEK_SET) == 0) {
        raw_.clear();
        raw_pos_ = 0;
        raw_offset_ = member_start_ + 1;
        raw_eof_ = false;
      } else {
        stretch_.bytes = RawOffset() - member_start_;
      }
      if (produced > 0) return static_cast<long>(produced);
    }
  }

  // Whether a damaged member ended the bytes read since the last call.
  bool TakeBreak() { return std::exchange(broke_, false); }
  std::vector<PassedOver> TakePassed() { return std::exchange(passed_, {}); }
  const std::string& error() const { return error_; }

 private:
  uint64_t RawOffset() const { return raw_offset_ + raw_pos_; }

  void FillRaw(size_t n) {
    while (raw_.size() - raw_pos_ < n && !raw_eof_) {
      raw_.erase(0, raw_pos_);
      raw_offset_ += raw_pos_;
      raw_pos_ = 0;
      char block[1 << 16];
      const size_t got = std::fread(block, 1, sizeof block, f_);
      raw_.append(block, got);
      if (got == 0) {
        raw_eof_ = true;
        if (std::ferror(f_)) read_error_ = std::strerror(errno);
      }
    }
  }

  void EndStretch(bool to_end) {
    if (stretch_.bytes == 0) return;
    stretch_.to_end = to_end;
    passed_.push_back(stretch_);
    stretch_ = {};
  }

  std::FILE* f_ = nullptr;
  z_stream zs_{};
  bool zinit_ = false;
  std::string raw_;
  size_t raw_pos_ = 0;
  uint64_t raw_offset_ = 0;  // file offset of raw_[0]
  bool raw_eof_ = false;
  bool in_member_ = false;
  uint64_t member_start_ = 0;
  bool broke_ = false;
  PassedOver stretch_;
  std::vector<PassedOver> passed_;
  std::string read_error_, error_;
};

// The decompressed bytes of a file, read in blocks through libarchive (or
// GzipMembers for gzip), with a look-ahead buffer that holds at most what
// the caller asks for. Where a damaged gzip member ends, the stream has a
// break: the bytes before it end short of what they began.
class Stream {
 public:
  Status Open(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 &&
        !ec) {
      eof_ = true;  // libarchive refuses empty files; an empty input has no records
      return Ok();
    }
    if (StartsGzip(path)) {
      gz_ = std::make_unique<GzipMembers>();
      if (!gz_->Open(path)) return Fail(ErrorCode::kIo, std::strerror(errno));
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
      const long got = gz_ ? gz_->Read(block, sizeof block)
                           : static_cast<long>(archive_read_data(a_.get(), block, sizeof block));
      if (got > 0) {
        buf_.append(block, static_cast<size_t>(got));
        if (gz_ && gz_->TakeBreak()) breaks_.push_back(offset_ + (buf_.size() - pos_));
      } else {
        eof_ = true;
        if (got < 0) error_ = gz_ ? gz_->error() : Message();
      }
    }
  }

  // How many of the available bytes come before the next break (npos: none).
  size_t ToBreak() {
    while (!breaks_.empty() && breaks_.front() <= offset_) breaks_.erase(breaks_.begin());
    return breaks_.empty() ? std::string_view::npos : static_cast<size_t>(breaks_.front() - offset_);
  }

  // The stretches of a gzip file passed over since the last call.
  std::vector<PassedOver> TakePassed() { return gz_ ? gz_->TakePassed() : std::vector<PassedOver>{}; }

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

  // Reads past n bytes without holding them; false when the stream ends
  // first. Stops at a break, with *at_break set.
  bool Skip(uint64_t n, bool* at_break) {
    *at_break = false;
    while (n > 0) {
      Fill(1);
      const size_t have = buf_.size() - pos_;
      if (have == 0) return false;
      const size_t to_break = ToBreak();
      if (to_break < n && to_break <= have) {
        Consume(to_break);
        *at_break = true;
        return true;
      }
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

  static bool StartsGzip(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    unsigned char head[2] = {0, 0};
    const size_t got = std::fread(head, 1, 2, f);
    std::fclose(f);
    return got == 2 && head[0] == 0x1f && head[1] == 0x8b;
  }

  std::unique_ptr<struct archive, ArchiveDeleter> a_;
  std::unique_ptr<GzipMembers> gz_;
  std::vector<uint64_t> breaks_;  // offsets where a damaged member's bytes end
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
    for (const PassedOver& p : in.TakePassed()) {
      Count(stats, std::to_string(p.bytes) + " bytes of damaged compressed data, at byte " +
                       std::to_string(p.at) + " of " + path);
    }
    std::string m = path + ": " + what + " at byte " + std::to_string(in.offset());
    if (!in.error().empty()) m += " (" + in.error() + ")";
    return Fail(ErrorCode::kCorrupt, m);
  };
  uint64_t stray_bytes = 0, stray_at = 0;  // a run of bytes that are no record
  bool any_record = false;                 // a file that starts with no record is no WARC
  // Says the stretches of a gzip file passed over (issue 24).
  auto count_passed = [&] {
    for (const PassedOver& p : in.TakePassed()) {
      Count(stats, std::to_string(p.bytes) +
                       (p.damaged ? " bytes of damaged compressed data"
                                  : " bytes of compressed data that are no gzip member") +
                       ", at byte " + std::to_string(p.at) + " of " + path +
                       (p.to_end ? ", up to the end" : ", passed over to the next member"));
    }
  };
  // A record that a damaged gzip member cut short: read on from the break.
  auto cut_by_damage = [&](size_t to_break) {
    Count(stats, "record cut short by damaged compressed data");
    in.Consume(to_break);
  };
  while (true) {
    count_passed();
    // Records are separated by CRLF CRLF; tolerate any run of line ends.
    while (true) {
      in.Fill(1);
      std::string_view a = in.Available();
      if (a.empty() || (a.front() != '\r' && a.front() != '\n')) break;
      in.Consume(1);
    }
    if (in.AtEnd()) break;
    in.Fill(kMaxWarcHeader);
    const size_t to_break = in.ToBreak();
    std::string_view a = in.Available().substr(0, to_break);
    WarcHeader h;
    std::string_view rest = a;
    if (!ConsumeWarcHeader(&rest, &h, kMaxWarcHeader)) {
      if (to_break < in.Available().size()) {
        if (LooksLikeWarc(a)) {
          ++stats->records;
          cut_by_damage(to_break);
        } else {
          in.Consume(to_break);  // said with the damaged stretch
        }
        continue;
      }
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
      bool at_break = false;
      if (!in.Skip(length, &at_break)) {
        Count(stats, "truncated record");
        return damaged("truncated " + RecordKind(type) + " record");
      }
      if (at_break) {
        cut_by_damage(0);
      } else {
        Count(stats, reason);
      }
      continue;
    }
    in.Fill(static_cast<size_t>(length));
    if (const size_t to = in.ToBreak(); to != std::string_view::npos && length > to) {
      cut_by_damage(to);
      continue;
    }
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
  count_passed();
  if (!in.error().empty()) return damaged("compressed stream cut short or damaged");
  return Ok();
}

}  // namespace annals::ingest

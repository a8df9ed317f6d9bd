#include "src/common/record_log.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace annals {
namespace {

constexpr size_t kBlock = size_t{1} << 20;  // bytes written or read at a time

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// The varint at the start of *in, which it leaves past it; false when *in
// ends first or the varint runs over 64 bits.
bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (size_t i = 0; i < in->size() && i < 10; ++i) {
    const auto b = static_cast<unsigned char>((*in)[i]);
    *v |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if (b < 0x80) {
      in->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

}  // namespace

RecordLog::RecordLog() {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/annals-log-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  fd_ = mkstemp(name.data());
  if (fd_ >= 0) {
    path_ = name.data();
    unlink(path_.c_str());  // gone with the descriptor, whatever ends the run
  }
}

RecordLog::~RecordLog() {
  if (fd_ >= 0) close(fd_);
}

void RecordLog::Failed(const std::string& what) {
  if (status_) status_ = Fail(ErrorCode::kIo, what + " " + path_ + ": " + std::strerror(errno));
}

void RecordLog::Append(std::string_view record) {
  if (!status_) return;
  std::string& to = fd_ >= 0 ? pending_ : memory_;
  PutVarint(record.size(), &to);
  to.append(record);
  ++records_;
  if (pending_.size() >= kBlock) Flush();
}

void RecordLog::Flush() {
  size_t done = 0;
  while (status_ && done < pending_.size()) {
    const ssize_t n = write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Failed("cannot write the temporary file");
      break;
    }
    done += static_cast<size_t>(n);
  }
  written_ += done;
  pending_.clear();
}

RecordLog::Reader RecordLog::Read() {
  // Nothing written when nothing is pending: once a log is flushed, readers
  // of it can be made on several threads at once (relate_step.cc).
  if (fd_ >= 0 && !pending_.empty()) Flush();
  Reader r(this);
  r.count_ = records_;
  r.status_ = status_;
  return r;
}

bool RecordLog::Reader::Fill(size_t need) {
  if (buf_.size() - at_ >= need) return true;
  buf_.erase(0, at_);
  at_ = 0;
  const uint64_t left = log_->written_ - offset_;
  const size_t want = static_cast<size_t>(std::min<uint64_t>(left, std::max(need, kBlock)));
  const size_t had = buf_.size();
  buf_.resize(had + want);
  size_t got = 0;
  while (got < want) {
    const ssize_t n = pread(log_->fd_, buf_.data() + had + got, want - got,
                            static_cast<off_t>(offset_ + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      status_ = Fail(ErrorCode::kIo, "cannot read the temporary file " + log_->path_ + ": " +
                                         (n < 0 ? std::strerror(errno) : "it ends early"));
      buf_.resize(had + got);
      return false;
    }
    got += static_cast<size_t>(n);
  }
  offset_ += got;
  return buf_.size() >= need;
}

bool RecordLog::Reader::Next(std::string_view* record) {
  if (!status_ || read_ >= count_) return false;
  std::string_view in;
  if (log_->fd_ < 0) {
    in = std::string_view(log_->memory_).substr(at_);
  } else {
    // A length is at most 10 bytes; the log's last one may be shorter.
    const uint64_t left = log_->written_ - offset_ + (buf_.size() - at_);
    if (!Fill(static_cast<size_t>(std::min<uint64_t>(left, 10)))) return false;
    in = std::string_view(buf_).substr(at_);
  }
  uint64_t size = 0;
  const size_t before = in.size();
  if (!GetVarint(&in, &size)) {
    status_ = Fail(ErrorCode::kCorrupt, "a temporary log record has no length");
    return false;
  }
  const size_t head = before - in.size();
  if (log_->fd_ >= 0) {
    if (!Fill(head + size)) {
      if (status_) status_ = Fail(ErrorCode::kCorrupt, "a temporary log record ends early");
      return false;
    }
    in = std::string_view(buf_).substr(at_ + head);
  } else if (in.size() < size) {
    status_ = Fail(ErrorCode::kCorrupt, "a temporary log record ends early");
    return false;
  }
  *record = in.substr(0, size);
  at_ += head + size;
  ++read_;
  return true;
}

void RecordWriter::Uint(uint64_t v) { PutVarint(v, out_); }

void RecordWriter::Int(int64_t v) {
  PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63), out_);
}

void RecordWriter::Bytes(std::string_view s) {
  PutVarint(s.size(), out_);
  out_->append(s);
}

uint64_t RecordReader::UintSlow() {
  uint64_t v = 0;
  if (!ok_ || !GetVarint(&in_, &v)) {
    ok_ = false;
    return 0;
  }
  return v;
}

std::string_view RecordReader::Bytes() {
  const uint64_t n = Uint();
  if (!ok_ || n > in_.size()) {
    ok_ = false;
    return {};
  }
  std::string_view out = in_.substr(0, n);
  in_.remove_prefix(n);
  return out;
}

}  // namespace annals

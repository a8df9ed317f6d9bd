// A log of byte records, appended one after another and read back in the
// same order, as many times as needed, from an unlinked temporary file: what
// a pass over a whole archive keeps of each story for its later steps
// (extract/resolve.cc) stays on disk, not in memory, so that the pass's
// memory does not grow with the archive. The file goes in $TMPDIR (else
// /tmp); where none can be made, the records are kept in memory instead.
// An error writing (a full disk) is kept: status() returns it, and later
// appends are dropped.
// RecordWriter and RecordReader encode the fields of one record (varints).
// Thread safety: one thread appends; any number of Readers may read a log
// whose appends are done, each from its own thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "annals/result.h"

namespace annals {

class RecordLog {
 public:
  RecordLog();
  ~RecordLog();
  RecordLog(const RecordLog&) = delete;
  RecordLog& operator=(const RecordLog&) = delete;

  void Append(std::string_view record);
  size_t size() const { return records_; }  // records appended
  bool on_disk() const { return fd_ >= 0; }
  Status status() const { return status_; }

  // Reads the records from the first, in order. Flushes the appends so far.
  class Reader {
   public:
    // The next record (a view valid until the next call), or false at the
    // end of the log or on an error (then status() says which).
    bool Next(std::string_view* record);
    Status status() const { return status_; }

   private:
    friend class RecordLog;
    explicit Reader(const RecordLog* log) : log_(log) {}
    bool Fill(size_t need);  // at least `need` unread bytes in buf_, or false
    const RecordLog* log_;
    std::string buf_;
    size_t at_ = 0;        // next unread byte of buf_
    uint64_t offset_ = 0;  // file offset of buf_'s end
    size_t count_ = 0;     // records in the log when reading began
    size_t read_ = 0;      // records read
    Status status_ = Ok();
  };
  Reader Read();

 private:
  void Flush();
  void Failed(const std::string& what);

  int fd_ = -1;
  std::string path_;    // for messages; the file itself is unlinked
  std::string memory_;  // the records, when no file could be made
  std::string pending_;  // appended, not yet written
  uint64_t written_ = 0;  // bytes in the file
  size_t records_ = 0;
  Status status_ = Ok();
};

// Appends the fields of a record to a string.
class RecordWriter {
 public:
  explicit RecordWriter(std::string* out) : out_(out) {}
  void Uint(uint64_t v);
  void Int(int64_t v);  // zigzag: small negative numbers stay short
  void Bytes(std::string_view s);

 private:
  std::string* out_;
};

// Reads the fields RecordWriter wrote, in the same order. A read past the
// end or of a malformed varint returns 0 or "" and sets ok() false.
class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  // Inline for the one-byte case (values under 128: most of the indices,
  // lengths and types a record holds), which the resolver's passes decode
  // millions of times; the rest in UintSlow.
  uint64_t Uint() {
    if (ok_ && !in_.empty() && static_cast<unsigned char>(in_[0]) < 0x80) {
      const uint64_t v = static_cast<unsigned char>(in_[0]);
      in_.remove_prefix(1);
      return v;
    }
    return UintSlow();
  }
  int64_t Int() {
    const uint64_t u = Uint();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
  std::string_view Bytes();  // a view into the record
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }
  size_t left() const { return in_.size(); }  // bytes not read yet

 private:
  uint64_t UintSlow();
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace annals

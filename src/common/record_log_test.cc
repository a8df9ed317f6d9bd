#include "src/common/record_log.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "src/common/file_size_limit_for_tests.h"

namespace annals {
namespace {

// Records of every length class: empty, one byte, at the edges of a
// one-byte and a two-byte length, and over the log's 1 MiB block.
std::vector<std::string> Records() {
  std::vector<std::string> out;
  for (size_t n : {0u, 1u, 127u, 128u, 16383u, 16384u, 300000u, (1u << 20) + 5, 3u}) {
    std::string r(n, '\0');
    for (size_t i = 0; i < n; ++i) r[i] = static_cast<char>('a' + (i * 7 + n) % 26);
    out.push_back(std::move(r));
  }
  for (int i = 0; i < 5000; ++i) out.push_back("record " + std::to_string(i));
  return out;
}

std::vector<std::string> ReadAll(RecordLog* log) {
  std::vector<std::string> out;
  RecordLog::Reader r = log->Read();
  std::string_view rec;
  while (r.Next(&rec)) out.emplace_back(rec);
  EXPECT_TRUE(r.status()) << r.status().error().message;
  return out;
}

// Sets an environment variable for a scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(RecordLogTest, ReadsTheRecordsBackInOrderAsOftenAsAsked) {
  const std::vector<std::string> want = Records();
  RecordLog log;
  EXPECT_TRUE(log.on_disk());
  for (const std::string& r : want) log.Append(r);
  EXPECT_EQ(log.size(), want.size());
  EXPECT_EQ(ReadAll(&log), want);
  EXPECT_EQ(ReadAll(&log), want);  // a second pass reads the same
  EXPECT_TRUE(log.status());
}

TEST(RecordLogTest, TwoReadersAtOnce) {
  const std::vector<std::string> want = Records();
  RecordLog log;
  for (const std::string& r : want) log.Append(r);
  RecordLog::Reader a = log.Read(), b = log.Read();
  std::string_view ra, rb;
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_TRUE(a.Next(&ra));
    ASSERT_TRUE(b.Next(&rb));
    EXPECT_EQ(ra, want[i]);
    EXPECT_EQ(rb, want[i]);
  }
  EXPECT_FALSE(a.Next(&ra));
  EXPECT_TRUE(a.status());
}

TEST(RecordLogTest, AnEmptyLogReadsNothing) {
  RecordLog log;
  RecordLog::Reader r = log.Read();
  std::string_view rec;
  EXPECT_FALSE(r.Next(&rec));
  EXPECT_TRUE(r.status());
}

TEST(RecordLogTest, KeepsTheRecordsInMemoryWhenNoTemporaryFileCanBeMade) {
  ScopedEnv env("TMPDIR", "/nonexistent/annals-test");
  const std::vector<std::string> want = Records();
  RecordLog log;
  EXPECT_FALSE(log.on_disk());
  for (const std::string& r : want) log.Append(r);
  EXPECT_EQ(ReadAll(&log), want);
  EXPECT_TRUE(log.status());
}

TEST(RecordLogTest, AFullDiskIsAnErrorThatNamesTheFile) {
  RecordLog log;
  ASSERT_TRUE(log.on_disk());
  std::optional<RecordLog::Reader> r;
  {
    fixtures::FileSizeLimit limit(4096);  // write() fails as on a full disk
    ASSERT_TRUE(limit.ok());
    const std::string big(3 << 20, 'x');
    log.Append(big);
    log.Append(big);
    r = log.Read();  // flushes what is pending: fails too
  }
  ASSERT_FALSE(log.status());
  EXPECT_EQ(log.status().error().code, ErrorCode::kIo);
  EXPECT_NE(log.status().error().message.find("annals-log-"), std::string::npos)
      << log.status().error().message;
  std::string_view rec;
  EXPECT_FALSE(r->Next(&rec));
  EXPECT_FALSE(r->status());
}

TEST(RecordWriterTest, FieldsReadBackAsWritten) {
  std::string rec;
  RecordWriter w(&rec);
  const std::vector<uint64_t> uints = {0, 1, 127, 128, 300, std::numeric_limits<uint64_t>::max()};
  const std::vector<int64_t> ints = {0, -1, 1, -64, 64, std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::max()};
  for (uint64_t v : uints) w.Uint(v);
  for (int64_t v : ints) w.Int(v);
  w.Bytes("");
  w.Bytes("Joint Council");
  RecordReader r(rec);
  for (uint64_t v : uints) EXPECT_EQ(r.Uint(), v);
  for (int64_t v : ints) EXPECT_EQ(r.Int(), v);
  EXPECT_EQ(r.Bytes(), "");
  EXPECT_EQ(r.Bytes(), "Joint Council");
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.done());
  std::string one;
  RecordWriter(&one).Int(-1);
  EXPECT_EQ(one.size(), 1u);  // zigzag: a small negative number is one byte
}

TEST(RecordWriterTest, ReadingPastTheEndIsNotOk) {
  std::string rec;
  RecordWriter(&rec).Bytes("abc");
  rec.pop_back();  // the bytes end before their length says
  RecordReader r(rec);
  EXPECT_EQ(r.Bytes(), "");
  EXPECT_FALSE(r.ok());
  RecordReader e("");
  EXPECT_EQ(e.Uint(), 0u);
  EXPECT_FALSE(e.ok());
  RecordReader unended("\x80\x80");  // a varint that never ends
  EXPECT_EQ(unended.Uint(), 0u);
  EXPECT_FALSE(unended.ok());
}

}  // namespace
}  // namespace annals

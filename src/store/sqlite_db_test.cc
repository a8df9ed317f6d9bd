#include "src/store/sqlite_db.h"

#include <gtest/gtest.h>
#include <string>

namespace annals::store {
namespace {

// A value larger than SQLite takes is an error of the statement, not a NULL
// or a truncated row stored in silence (issue 24). The limit is lowered to
// show it without gigabytes; the binds take 64-bit sizes, so a length above
// 2 GiB is never cut to a negative int either.
TEST(SqliteDbTest, OversizedValueIsAnError) {
  auto db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(x TEXT, b BLOB)"));
  sqlite3_limit((*db)->handle(), SQLITE_LIMIT_LENGTH, 100);
  auto q = (*db)->Prepare("INSERT INTO t VALUES(?, ?)");
  ASSERT_TRUE(q);
  q->Bind(1, std::string(200, 'x'));
  q->Bind(2, std::string("ok"));
  Status st = Ok();
  EXPECT_FALSE(q->Step(&st));
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("200 bytes"), std::string::npos) << st.error().message;
  // After Reset the statement works again with values that fit.
  q->Reset();
  q->Bind(1, std::string(50, 'y'));
  q->BindInts(2, {1, 2, 3});
  st = Ok();
  EXPECT_FALSE(q->Step(&st));
  EXPECT_TRUE(st) << st.error().message;
  q->Reset();
  q->BindInts(2, std::vector<uint64_t>(20, 7));  // 160 bytes
  EXPECT_FALSE(q->Step(&st));
  EXPECT_FALSE(st);
  auto n = (*db)->Prepare("SELECT count(*), max(length(x)) FROM t");
  ASSERT_TRUE(n);
  st = Ok();
  ASSERT_TRUE(n->Step(&st));
  EXPECT_EQ(n->Int(0), 1);
  EXPECT_EQ(n->Int(1), 50);
}

}  // namespace
}  // namespace annals::store

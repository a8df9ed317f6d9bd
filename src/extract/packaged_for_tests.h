// For tests: the gazetteer of the packaged data (iso-codes, ICU, libgeonames,
// installed with the build dependencies by scripts/install-deps.sh), loaded
// once per test program.
#pragma once

#include <gtest/gtest.h>

#include "src/extract/gazetteer.h"

namespace annals::extract::fixtures {

inline const Gazetteer& Packaged() {
  static const Gazetteer g = [] {
    auto r = Gazetteer::Load({});
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r ? std::move(*r) : Gazetteer::ForTesting({}, {});
  }();
  return g;
}

}  // namespace annals::extract::fixtures

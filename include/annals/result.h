// Result<T> and Status: the error values used across annals.
// Thread safety: plain values; safe to share const instances.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace annals {

// kFailedPrecondition: the request is well formed but refused in the
// archive's present state, and can be forced (a merge of two entities that
// look distinct).
enum class ErrorCode {
  kInvalidInput, kNotFound, kIo, kCorrupt, kDb, kUnsupported, kFailedPrecondition
};

struct [[nodiscard]] Error {
  ErrorCode code = ErrorCode::kInvalidInput;
  std::string message;
  bool operator==(const Error&) const = default;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Status is a Result without a value: `Status s = Ok();` or `return Fail(...)`.
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}
inline Status Ok() { return {}; }

const char* ErrorCodeName(ErrorCode code);

}  // namespace annals

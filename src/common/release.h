// Release: empties a container and gives its memory back.
//
// `v = {}` looks as if it did, but for a vector, deque, string or unordered
// map it calls the assignment from an initializer_list, which keeps the
// capacity (and a map's buckets): the memory stays held until the container
// itself goes.
#pragma once

namespace annals {

template <typename Container>
void Release(Container& c) {
  Container empty;
  c.swap(empty);
}

}  // namespace annals

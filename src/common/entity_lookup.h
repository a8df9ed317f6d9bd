// Finding an entity by one of its names.
#pragma once

#include <span>
#include <string_view>

#include "annals/types.h"

namespace annals {

// The entity `name` stands for: one whose name or an alias is `name` but
// for case and spacing (text::Fold); one by its own name before one by an
// alias, then the most mentioned. Null when none.
const Entity* FindByName(std::span<const Entity> entities, std::string_view name);

}  // namespace annals

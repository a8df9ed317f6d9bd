#include "src/segment/page_stories.h"

namespace annals::segment {

const char* DropReasonName(DropReason reason) {
  switch (reason) {
    case DropReason::kNavigation: return "navigation";
    case DropReason::kTemplate: return "site template";
    case DropReason::kDuplicateHeadline: return "repeated headline";
    case DropReason::kEmpty: return "empty";
    case DropReason::kContact: return "contact";
    case DropReason::kOther: return "other";
  }
  return "other";
}

}  // namespace annals::segment

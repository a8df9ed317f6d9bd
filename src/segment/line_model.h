// LineModel: the weights that decide a text line's role (headline, date
// line, body, other: navigation, pager, menu, labels), fitted offline on the
// keyed pages (scripts/fit_line_model.py) and kept as data
// (data/segment/line_model.tsv, embedded in the binary at build time).
// The features are shapes of a line and of its neighbours and general word
// classes (text_segmenter.cc computes them, `annals extract --dump-lines`
// prints them), never the words of a site.
// File format: TSV; a header "feature title date body other", then one row
// a feature (its name, then its weight for each role), a row "bias".
// Thread safety: a LineModel is immutable once built; LineModelFor may be
// called from many threads.
#pragma once

#include "annals/options.h"
#include "annals/result.h"

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace annals::segment {

enum class LineRole { kTitle = 0, kDate = 1, kBody = 2, kOther = 3 };
inline constexpr size_t kLineRoles = 4;
inline constexpr std::array<std::string_view, kLineRoles> kLineRoleNames = {"title", "date", "body",
                                                                            "other"};

// The features, in the order of a feature vector (text_segmenter.cc fills
// them; the fitted file names them).
inline constexpr std::array<std::string_view, 62> kLineFeatureNames = {
    "date_line",
    "attachment_or_url",
    "template",
    "words_1",
    "words_2",
    "words_3_4",
    "words_5_6",
    "words_7_9",
    "words_10_19",
    "words_20_39",
    "words_40_up",
    "log_chars",
    "ends_sentence",
    "ends_full_stop",
    "ends_comma_colon",
    "starts_upper",
    "starts_digit",
    "starts_lower",
    "heading_shape",
    "long_heading",
    "capitals",
    "no_word",
    "no_punct",
    "no_punct_long",
    "nav_words",
    "pager_or_link",
    "salutation",
    "continues",
    "title_case",
    "has_date",
    "repeated_long",
    "first_unit",
    "last_unit",
    "position",
    "gap",
    "gap_2",
    "prev_none",
    "next_none",
    "prev_date",
    "next_date",
    "prev_heading",
    "next_heading",
    "prev_long",
    "next_long",
    "prev_short",
    "next_short",
    "prev_nav",
    "next_nav",
    "prev_dup",
    "next_dup",
    "prev_ends_sentence",
    "next_ends_sentence",
    "short_heading_x_next_heading",
    "short_x_next_date",
    "words_1_x_ends_sentence",
    "digits",
    "phone",
    "sentence",
    "short_under_date",
    "two_dates",
    "glued_link",
    "short_repeated_on_page"};
inline constexpr size_t kLineFeatures = kLineFeatureNames.size();

using LineFeatures = std::array<float, kLineFeatures>;

class LineModel {
 public:
  // Reads the TSV above. Errors: kInvalidInput naming `name` and the line
  // when the header, a role, a feature name or a number is wrong; a
  // feature the file lacks weighs 0 (a model fitted before it existed).
  static Result<LineModel> Parse(std::string_view tsv, std::string_view name);
  // The score of each role for `f` (higher is likelier).
  std::array<float, kLineRoles> Scores(const LineFeatures& f) const;
  // The role with the highest score among `allowed` (a mask by LineRole).
  LineRole Best(const LineFeatures& f, unsigned allowed = 0xF) const;

 private:
  std::array<std::array<float, kLineFeatures>, kLineRoles> weights_{};
  std::array<float, kLineRoles> bias_{};
};

// The model embedded in the binary (data/segment/line_model.tsv), and
// the bytes of that file.
const LineModel& EmbeddedLineModel();
std::string_view EmbeddedLineModelTsv();

// The model of `options.line_model_file`, read once per file and kept;
// the embedded one when the name is empty. Errors: kIo when the file
// cannot be read, those of Parse.
Result<std::shared_ptr<const LineModel>> LineModelFor(const SegmentOptions& options);

}  // namespace annals::segment

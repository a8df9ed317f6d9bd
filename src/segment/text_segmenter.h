// SegmentText: the stories of one plain-text page, by layout.
// In: a Document of format kText (normalized UTF-8) and the SiteProfile of
// the run. Out: PageStories (page_stories.h) filling, per story, the
// SCHEMA.md `stories` fields one page can give: date, title, text
// paragraphs, attachments, links, and the role (article or teaser).
//
// The page is read line by line, as crawlers' text dumps print a paragraph,
// a teaser or a headline a line (a paragraph wrapped at a fixed width, or a
// line going on in lower case, is joined back). Each line is classified by
// its shape: date line (with a label, a bullet, a time or a place; a date
// glued to the first body line is split off: date_lines.h), navigation,
// pager or link label, label (one word, a short line in capitals, a short
// heading over another heading), menu, attachment, URL, template (short
// lines on most pages of the run, SiteProfile) or footer (a long line on
// most pages, after the page's own text), else text. Then the layout of
// crawled news pages is read: a listing of teasers (dated or undated, one a
// line or a paragraph, with or without a headline), then the page's own
// article: its headline, printed once, or twice (the second print whole,
// cut short, or with the date glued on: "Headline 07.02.2025 Download
// document X.docx"), or followed by a date line; its body; attachments,
// links written in the text; dated items after it. A page with neither
// headline nor date is one untitled article, unless its lines are seen on
// other pages of the run (a listing). The page's last line may be cut by an
// excerpt and is never a headline. A date named inside a sentence is the
// event's, never the page's. A feed saved as text (items in CDATA sections)
// is read by its fields instead: each item a teaser with its title, its
// description, and its publication date.
// Thread safety: reentrant; `profile` is only read.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "annals/options.h"
#include "src/ingest/document.h"
#include "src/segment/page_stories.h"
#include "src/segment/site_profile.h"

namespace annals::segment {

PageStories SegmentText(const ingest::Document& doc, const SiteProfile& profile,
                        const SegmentOptions& options);

// The lines (long line or not, SiteProfile::LongLineKey or TemplateKey)
// whatever SegmentText(doc) asks of any profile can be about, appended to
// *out: a profile that holds the counts of these lines alone (and the
// totals) gives it the answers the whole profile gives. An ingest of a few
// pages into a large archive reads the stored counts of these alone.
void ProfileLinesAsked(const ingest::Document& doc, std::vector<std::pair<bool, uint64_t>>* out);

// True when `line` is a navigation link line ("Go back", "Back to the
// section", "Read more", "Share", ...): short and made of navigation words.
bool IsNavigationLine(std::string_view line);

// The units (lines) of `doc` as the segmenter reads them, before the line
// model decides their roles, each with the features the model reads: TSV
// rows "page, unit, kind, text, features..." (columns of
// LineFeatureHeader(), features in line_model.h's order). For fitting the
// model (annals extract --dump-lines, scripts/fit_line_model.py).
std::string LineFeatureHeader();
std::string LineFeatureRows(const ingest::Document& doc, const SiteProfile& profile,
                            const SegmentOptions& options);

// When `line` names an attached file ("Download document X.docx",
// "photo.jpg", "Attachment: report.pdf"), its file name; else "".
std::string AttachmentName(std::string_view line);

}  // namespace annals::segment

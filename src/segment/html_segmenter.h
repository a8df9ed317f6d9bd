// SegmentHtml: the stories of one HTML page, read from its DOM.
// In: a Document of format kHtml (doc.text is the markup, already UTF-8;
// doc.url the page URL when known, else ""). Out: PageStories
// (page_stories.h), filling the SCHEMA.md `stories` fields one page gives:
//   - the page's own article (role kArticle): title (og:title, JSON-LD
//     headline, the <h1> of the article), date (every kind of evidence,
//     reconciled by html_dates.h), paragraphs (body paragraphs, list
//     items and subheadings of the main content, without headline, dateline,
//     navigation, share buttons, captions of ads), attachments (file names of
//     linked documents and of images the article attaches), links (absolute
//     URLs written in the body), url (the page URL, or its canonical URL);
//   - each teaser of the page's listings and sidebars (role kTeaser): its
//     text, title when it has a separate headline, date, attachments, and url
//     = the absolute URL of its link to its own article page.
// Relative links are resolved against <base href>, else doc.url, else the
// page's canonical URL. Navigation, menus, footers, cookie banners, forms,
// share buttons and scripts give no text. Dropped blocks are counted in
// PageStories::dropped.
//
// Any input is safe: malformed markup is repaired by libxml2, deep nesting
// is flattened, huge pages are bounded by ingest::HtmlLimits; all walks are
// loops over the node array (ingest/html_doc.h).
// Thread safety: reentrant.
#pragma once

#include "annals/options.h"

#include "src/ingest/document.h"
#include "src/segment/page_stories.h"

#include <string>

namespace annals::segment {

PageStories SegmentHtml(const ingest::Document& doc, const SegmentOptions& options);

// The text of the article SegmentHtml finds: its paragraphs separated by one
// blank line ("" when the page has none, a listing page included). For
// `annals extract --text` and the article-extraction benchmark.
std::string ArticleText(const ingest::Document& doc, const SegmentOptions& options);

// How SegmentHtml chose the article's date: the date, the reason and every
// piece of date evidence of the page (html_dates.h), as text for
// `annals extract --explain-dates`.
std::string ExplainArticleDate(const ingest::Document& doc, const SegmentOptions& options);

}  // namespace annals::segment

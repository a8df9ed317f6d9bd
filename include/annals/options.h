// Options: every threshold of the pipeline in one place, each with its
// default and where the number comes from. CLI flags map onto these fields.
// Thread safety: plain values.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>

namespace annals {

struct ReadOptions {
  // Pages larger than this are reported and skipped: a news page is rarely
  // over 5 MB; 64 MB leaves room for inline images while bounding memory.
  size_t max_page_bytes = 64u << 20;
  // Bytes fed to the charset detector (uchardet); 64 KiB is plenty for a
  // single-byte code page and keeps detection cheap.
  size_t charset_sniff_bytes = 64u << 10;
};

struct SegmentOptions {
  // A line that is on at least this share of the pages of one run (and on
  // at least `template_min_pages` pages) is site template, not text.
  double template_min_share = 0.6;
  int template_min_pages = 3;
  // A headline is at most this many code points: news headlines run 40-160;
  // the longest seen in our fixtures is 142.
  size_t max_headline_chars = 250;
  // The line-role model (data/segment/line_model.tsv's format) to read
  // instead of the one embedded in the binary; empty: the embedded one.
  std::string line_model_file;
  // A text line is navigation (not a headline or body) when the line
  // model's score for 'other' beats both by this much (log-odds): a body
  // line dropped loses story text, a label kept costs a short false item.
  // On the dev sites, 0 gave all.f1 0.939 and title accuracy 0.920, 0.3
  // gave 0.939 and 0.934, 0.6 gives 0.944 and 0.948.
  double line_other_margin = 0.6;
  // A line of a headline's shape is a headline candidate unless the line
  // model scores it as body by more than this much: on the dev sites 2
  // changes nothing fitted on all and raises title accuracy held out
  // (leave-one-site-out, all sites) from 0.908 to 0.922; 1 costs sites-ru
  // f1 0.951 -> 0.943, 0 all.f1 0.942 -> 0.934.
  double line_title_margin = 2.0;
};

struct DedupOptions {
  // SimHash (64-bit, word 3-shingles) Hamming distance at or under which two
  // texts are near-duplicates: 3 of 64 bits is the usual web-dedup bound
  // (Manku et al., WWW 2007).
  int simhash_max_distance = 3;
  // A SimHash match is confirmed when the two texts share at least this
  // Jaccard share of their word 3-shingles: at 100,000 synthetic pages some
  // unrelated long articles of one site came within 3 bits while sharing
  // under a tenth of their shingles; edited copies share most of theirs.
  double simhash_min_shingle_overlap = 0.5;
  // A teaser is the same story as a longer text when this share of its
  // word 3-shingles occur in it (teasers are leads, often cut or lightly edited).
  double containment_min = 0.8;
  // Texts shorter than this many words are not merged by SimHash: in a
  // one-sentence teaser a one-word difference is as likely another item
  // (another name, another date) as an edit. Exact and containment matches
  // still merge them.
  int min_words_for_similarity = 40;
};

struct PipelineOptions {
  ReadOptions read;
  SegmentOptions segment;
  DedupOptions dedup;
  int threads = 0;            // 0: all cores
  // Pages per store transaction: each commit writes every B-tree page it
  // dirtied, and random-keyed inserts dirty many, so fewer commits write
  // less; a batch holds about 10 MB of pages in memory.
  size_t batch_pages = 1024;
  bool progress = false;      // draw a progress bar on stderr
  bool relate = true;         // run entities/facts/events after ingest
  // Relate reads every story again, not only those new or changed since the
  // readings the archive keeps (annals relate --full); the result is the same.
  bool relate_full = false;
  // When set and it becomes true (a signal handler sets it), the ingest stops
  // reading pages, stores those it has read, skips relate and returns with
  // IngestReport::interrupted. Set during relate (of an ingest, or
  // Archive::Relate), relate stops within a chunk of stories, its
  // transaction is rolled back (the knowledge stays stale; the next ingest or
  // relate rebuilds it) and the call returns with IngestReport::interrupted.
  // Not owned; must outlive the call.
  const std::atomic<bool>* stop = nullptr;
};

}  // namespace annals

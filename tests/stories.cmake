# Stories on the seed pages, gated by score.py (issue 2), and the CLI cycle
# ingest -> search -> export -> re-ingest -> incremental ingest.
set(SEEDS ${ANNALS_SHARED_DIR}/data/seeds)
set(SCORE ${ANNALS_SHARED_DIR}/eval/score.py)
set(GOLD ${ANNALS_SHARED_DIR}/eval/gold/seeds.json)

add_test(NAME seeds_stories_score
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/score_gate.sh $<TARGET_FILE:annals> ${SCORE} ${GOLD}
          ${CMAKE_CURRENT_BINARY_DIR}/seeds_stories.json ${SEEDS}
          --min stories.f1=0.95 stories.text_f1=0.95 stories.date_accuracy=0.95
                stories.title_accuracy=0.9 stories.provenance_recall=0.95
                stories.attachment_recall=0.9
          --max stories.boilerplate_leaks=0)

add_test(NAME cli_ingest_cycle
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/ingest_cycle.sh $<TARGET_FILE:annals> ${SEEDS}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_ingest_cycle)
add_test(NAME cli_bad_inputs
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/bad_inputs.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_bad_inputs)
add_test(NAME cli_malformed_query
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/malformed_query.sh $<TARGET_FILE:annals> ${SEEDS}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_malformed_query)

# Real pages of nine organizations' sites, keyed by hand (issue 19), scored
# site by site and pooled (score_sites.py). The bounds sit just under what
# the text segmenter reaches (with the line model and the feed reader:
# all.f1 0.958, other.f1 0.981, title 0.963); the issue's targets (all.f1
# 0.93, other.f1 0.90, date and title 0.95 and 0.90, provenance 0.90, leaks
# 3) are the aim.
add_test(NAME dev_sites_stories_score
  COMMAND python3 ${ANNALS_SHARED_DIR}/eval/score_sites.py $<TARGET_FILE:annals>
          ${ANNALS_SHARED_DIR}/data/dev/sites --apart csto
          --min all.stories.f1=0.95 other.stories.f1=0.96 all.stories.text_f1=0.985
                all.stories.date_accuracy=0.98 all.stories.title_accuracy=0.955
                all.stories.provenance_recall=0.97 other.stories.date_accuracy=0.98
                other.stories.title_accuracy=0.95
          --max all.stories.boilerplate_leaks=0)

# Russian pages of five bodies' sites (issue 25), keyed by hand: stories
# pooled over the sites. Measured all.f1 0.951, date 1.000, title 0.895;
# the issue's bounds are f1 0.90, date 0.95, title 0.85.
add_test(NAME dev_sites_ru_stories_score
  COMMAND python3 ${ANNALS_SHARED_DIR}/eval/score_sites.py $<TARGET_FILE:annals>
          ${ANNALS_SHARED_DIR}/data/dev/sites-ru
          --min all.stories.f1=0.94 all.stories.date_accuracy=0.98
                all.stories.title_accuracy=0.88 all.stories.text_f1=0.98)

# Each story's language, detected, stored, exported and filtered (issue 21).
add_test(NAME cli_language
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/language.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_language)

# Entities and facts on the seed pages, gated by score.py (issue 3), and the
# entity commands of the CLI.
set(ENTITY_SEEDS ${ANNALS_SHARED_DIR}/data/seeds)
set(ENTITY_SCORE ${ANNALS_SHARED_DIR}/eval/score.py)
set(ENTITY_GOLD ${ANNALS_SHARED_DIR}/eval/gold/seeds.json)

add_test(NAME seeds_entities_score
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/score_gate.sh $<TARGET_FILE:annals> ${ENTITY_SCORE}
          ${ENTITY_GOLD} ${CMAKE_CURRENT_BINARY_DIR}/seeds_entities.json ${ENTITY_SEEDS}
          --min entities.f1=0.85 entities.person.f1=0.95 entities.country.f1=0.9
                facts.holds_post.f1=0.85 facts.chairs.f1=0.75 facts.member_of.f1=0.8
          --max entities.splits=2)

# The sample site of another (fictional) organization: the same code, other names.
add_test(NAME examples_entities_score
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/score_gate.sh $<TARGET_FILE:annals> ${ENTITY_SCORE}
          ${PROJECT_SOURCE_DIR}/examples/expected.json
          ${CMAKE_CURRENT_BINARY_DIR}/examples_entities.json ${PROJECT_SOURCE_DIR}/examples/site
          --min entities.f1=0.85 entities.person.f1=0.9 entities.country.f1=0.9
                facts.holds_post.f1=0.8 facts.chairs.f1=0.75 facts.member_of.f1=0.8
          --max entities.splits=2)

# 30 real pages of the seeds' site keyed by hand (../shared/data/dev/README.md,
# issue 20): bounds just below what is measured, so that the gains hold.
# Issue 20's targets (entities.f1 0.88, holds_post 0.85, splits 2, ...) are
# not all reached yet; raise these as they are.
# organization.f1 0.86: 0.872 on its own branch, 0.866 with the refitted line
# model (seg19), which keeps a longer text of one untitled story, where an
# acronym's expansion is named once more and becomes the canonical name.
add_test(NAME dev_csto_d30_facts_score
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/score_gate.sh $<TARGET_FILE:annals> ${ENTITY_SCORE}
          ${ANNALS_SHARED_DIR}/data/dev/entities/csto-d30/key.json
          ${CMAKE_CURRENT_BINARY_DIR}/dev_csto_d30_facts.json
          ${ANNALS_SHARED_DIR}/data/dev/entities/csto-d30/pages
          --min entities.f1=0.88 entities.person.f1=0.97 entities.organization.f1=0.86
                entities.place.f1=0.91 facts.holds_post.f1=0.88 facts.member_of.f1=0.99
                facts.chairs.f1=0.95 events.f1=0.89 events.principal_recall=0.94
          --max entities.splits=2)

add_test(NAME cli_entities
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/entities.sh $<TARGET_FILE:annals> ${ENTITY_SEEDS}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_entities)

add_test(NAME cli_stories_only
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/stories_only.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_stories_only)

add_test(NAME cli_entity_corrections
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/entity_corrections.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_entity_corrections)

add_test(NAME cli_entity_lookup
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/entity_lookup.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_entity_lookup)

# Evidence (issue 20): posts, events and the export show the sentence each
# row rests on and its page; the iCalendar SUMMARY says what happened.
add_test(NAME cli_evidence
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/evidence.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_evidence)

# Tenures: holders of one post attested at the same time are flagged (issue 20).
add_test(NAME cli_post_overlaps
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/post_overlaps.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_post_overlaps)

# Incremental relate (issue 21): ingests in batches, each relating with the
# readings kept, export what `annals relate --full` exports.
add_test(NAME cli_relate_incremental
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/relate_incremental.sh $<TARGET_FILE:annals>
          ${ANNALS_SHARED_DIR}/data/seeds ${PROJECT_SOURCE_DIR}/examples/site
          ${ANNALS_SHARED_DIR}/data/dev/sites/csto/pages ${CMAKE_CURRENT_BINARY_DIR}/cli_relate_incremental)

# Russian pages of five bodies' sites (issue 25), keyed by hand: entities,
# holds_post facts and principal events pooled over the sites by the size of
# each key (scripts/score_sites_facts.py). Bounds just below what is
# measured (0.840, 0.739, 0.909); issue 25's targets are entities.f1 0.80,
# holds_post.f1 0.70 and principal_recall 0.75.
add_test(NAME dev_sites_ru_facts_score
  COMMAND python3 ${PROJECT_SOURCE_DIR}/scripts/score_sites_facts.py $<TARGET_FILE:annals>
          ${ANNALS_SHARED_DIR}/data/dev/sites-ru
          --min all.entities.f1=0.83 all.facts.holds_post.f1=0.73 all.events.principal_recall=0.88)
set_tests_properties(dev_sites_ru_facts_score PROPERTIES
  ENVIRONMENT ANNALS_SCORE_PY=${ANNALS_SHARED_DIR}/eval/score.py)

# The same news in English and in Russian, ingested together (issue 25's
# golden case): one person, one state and one organization with names in
# both scripts.
add_test(NAME cli_bilingual
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/bilingual.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/bilingual ${CMAKE_CURRENT_BINARY_DIR}/cli_bilingual)

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

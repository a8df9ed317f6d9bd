# Issue 21: relate writes only the derived rows that changed; the archive
# is the same as relate --full's and as one ingest's.
add_test(NAME cli_incr_rows
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/incr_rows.sh $<TARGET_FILE:annals>
          ${ANNALS_SHARED_DIR}/data/seeds ${PROJECT_SOURCE_DIR}/examples/site
          ${ANNALS_SHARED_DIR}/data/dev/sites/csto/pages ${CMAKE_CURRENT_BINARY_DIR}/cli_incr_rows)

# Issue 21: an add (an ingest of a few pages into a larger archive, which
# relates with the readings kept) leaves exactly the archive that
# `relate --full` and one ingest of all the pages give (tests/cli/reladd5.sh).
add_test(NAME cli_reladd5_add
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/reladd5.sh $<TARGET_FILE:annals>
          ${ANNALS_SHARED_DIR}/data/seeds ${PROJECT_SOURCE_DIR}/examples/site
          ${ANNALS_SHARED_DIR}/data/dev/sites/csto/pages ${PROJECT_SOURCE_DIR}/bench/gen_site.py
          ${CMAKE_CURRENT_BINARY_DIR}/cli_reladd5_add)

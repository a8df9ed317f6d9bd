# Issue 24, a page that changed replaces its old content: an ingest after
# pages changed in place exports what one ingest of the changed site exports
# (docs/split-invariance.md).
add_test(NAME cli_changed_pages
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/changed_pages.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_changed_pages
          ${ANNALS_SHARED_DIR}/data/dev/sites/csto/pages)
# The same, killed (SIGKILL) at random points and run again: the archive is
# one clean ingest's of the changed site.
add_test(NAME cli_changed_kill
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/changed_kill.py $<TARGET_FILE:annals>
          ${CMAKE_SOURCE_DIR}/bench/gen_site.py ${CMAKE_CURRENT_BINARY_DIR}/cli_changed_kill 4)

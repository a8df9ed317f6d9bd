# Issue 24, a page that changed replaces its old content: an ingest after
# pages changed in place exports what one ingest of the changed site exports
# (docs/split-invariance.md).
add_test(NAME cli_changed_pages
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/changed_pages.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_changed_pages
          ${ANNALS_SHARED_DIR}/data/dev/sites/csto/pages)

# Issue 24: an ingest that adds a few pages checks only the stored pages
# whose recorded lookups the index lists under a changed key, and the
# archive is still what one ingest makes (docs/split-invariance.md).
add_test(NAME cli_addcost_index
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/addcost.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_addcost_index
          ${ANNALS_SHARED_DIR}/data/dev/sites/csto/pages)

# Issue 24, split invariance with HTML pages: a group of stories that reaches
# an HTML page is built again like any other when a later ingest changes the
# segmentation of one of its text pages (docs/split-invariance.md).
add_test(NAME cli_split_html
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/split_html.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_split_html)

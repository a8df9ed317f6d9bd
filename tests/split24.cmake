# Issue 24, split invariance: the export of a site does not depend on how its
# pages were split across ingests or batches (docs/split-invariance.md).
set(SPLIT24_DEV ${ANNALS_SHARED_DIR}/data/dev)
add_test(NAME cli_split_sites
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/split_sites.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_split_sites
          ${SPLIT24_DEV}/sites/asean/pages ${SPLIT24_DEV}/sites/au/pages
          ${SPLIT24_DEV}/sites/eco/pages ${SPLIT24_DEV}/sites-ru/cis-ru/pages
          ${SPLIT24_DEV}/sites-ru/csto-ru/pages ${SPLIT24_DEV}/sites-ru/union-ru/pages)
add_test(NAME cli_split_sites_csto
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/split_sites.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_split_sites_csto ${SPLIT24_DEV}/sites/csto/pages)
# Articles that end with one footer line, and a page of that line alone:
# one story of them all when that page came first (issue 24).
add_test(NAME cli_footer_page
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/footer_page.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_footer_page)
# Articles that share one line (not the site's footer), and a page of that
# line alone: one story of them when the page came first, or when they were
# 8 or fewer (issue 24: the line's count of sightings decides, at the end).
add_test(NAME cli_shared_line
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/shared_line.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_shared_line)

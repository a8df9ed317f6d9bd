# Issue 24, dedup and the order of the pages: a crawl of HTML pages exports
# the same whatever order and split of ingests its pages come in
# (docs/split-invariance.md). Invented pages whose teasers share a one-word
# section link (tests/data/dedup24/pages).
set(DEDUP24_PAGES ${CMAKE_CURRENT_SOURCE_DIR}/data/dedup24/pages)
add_test(NAME cli_dedup_orders
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/dedup_orders.sh $<TARGET_FILE:annals> ${DEDUP24_PAGES}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_dedup_orders)
# The first K pages, then all, and batches of 1 and 2 pages (split_sites.sh).
add_test(NAME cli_dedup_splits
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/split_sites.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_dedup_splits ${DEDUP24_PAGES})

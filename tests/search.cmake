# Search ranks as FTS5's bm25() (issue 22): the CLI and the server against
# SQLite's own ranking, computed by Python's sqlite3, on 400 generated pages.
add_test(NAME serve_search_rank
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/serve_search_rank.py $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/bench/gen_site.py ${CMAKE_CURRENT_BINARY_DIR}/serve_search_rank)
set_tests_properties(serve_search_rank PROPERTIES TIMEOUT 600)

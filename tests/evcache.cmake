# Issue 21: the events' reading of each story is kept and used again only
# while all that it read is the same (tests/cli/evcache.sh).
add_test(NAME cli_evcache
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/evcache.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_evcache)

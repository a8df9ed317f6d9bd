# annals posts pages its rows (--limit, --offset) with a total, each row's
# overlaps found among all its post's holders (issue 22, h-serve5).
add_test(NAME cli_serve5_posts_paging
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/serve5_posts_paging.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_serve5_posts_paging)

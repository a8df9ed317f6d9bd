# Issue 21: relate on several threads (the resolution decodes its passes'
# stories in parallel batches) makes the archive one thread makes.
add_test(NAME cli_relate_threads
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/relate_threads.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_relate_threads
          ${PROJECT_SOURCE_DIR}/bench/gen_site.py)

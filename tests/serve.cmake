# annals serve (issue 22): the JSON API against the CLI over the sample site.
add_test(NAME cli_serve_api
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/serve_api.py $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_serve_api)
set_tests_properties(cli_serve_api PROPERTIES TIMEOUT 300)

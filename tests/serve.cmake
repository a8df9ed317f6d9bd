# annals serve (issue 22): the JSON API against the CLI over the sample site.
add_test(NAME cli_serve_api
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/serve_api.py $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_serve_api)
set_tests_properties(cli_serve_api PROPERTIES TIMEOUT 300)

# The web page in headless Chromium (chromium, chromium-driver and
# python3-selenium from Debian: Debian's python3, which has selenium, not
# another python3 first on PATH). Screenshots of every view are left in
# build/tests/cli_serve_browser/screenshots. Skipped (77) only when the
# browser or its driver is absent.
find_program(ANNALS_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ANNALS_DEBIAN_PYTHON)
  set(ANNALS_DEBIAN_PYTHON python3)
endif()
add_test(NAME browser_serve
  COMMAND ${ANNALS_DEBIAN_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/serve_browser.py
          $<TARGET_FILE:annals> ${PROJECT_SOURCE_DIR}/examples/site
          ${CMAKE_CURRENT_BINARY_DIR}/cli_serve_browser)
set_tests_properties(browser_serve PROPERTIES LABELS browser TIMEOUT 240 SKIP_RETURN_CODE 77)

# The CLI's CSV and tables (issue 22's CLI items).
add_test(NAME cli_output
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/output.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_output)

# Issue 22, the web page's rest: paging by cursor forward and back, the
# calendar's month view over a generated site with more events than a page
# holds (headless Chromium, as browser_serve in serve.cmake).
add_test(NAME browser_paging_calendar
  COMMAND ${ANNALS_DEBIAN_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/web22_browser.py
          $<TARGET_FILE:annals> ${PROJECT_SOURCE_DIR}/bench/gen_site.py
          ${CMAKE_CURRENT_BINARY_DIR}/web22_browser)
set_tests_properties(browser_paging_calendar PROPERTIES LABELS browser TIMEOUT 240
                     SKIP_RETURN_CODE 77)

# The API: paging back by prev_cursor; search facets recounted story by story.
add_test(NAME cli_serve_paging_facets
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/web22_api.py $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/web22_api)
set_tests_properties(cli_serve_paging_facets PROPERTIES TIMEOUT 120)

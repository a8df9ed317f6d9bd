# Issue 25 (Russian pages): search across scripts.
add_test(NAME cli_search_cross_script
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/search_cross_script.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/bilingual ${CMAKE_CURRENT_BINARY_DIR}/cli_search_cross_script)
add_test(NAME cli_city_cross_script
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/city_cross_script.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_city_cross_script)
add_test(NAME cli_initials_ru
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/initials_ru.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_initials_ru)

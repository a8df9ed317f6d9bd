# annals_stage(name LINKS...): a stage library from every .cc of the current
# folder but *_test.cc, and one ctest per *_test.cc (linked to the stage).
function(annals_stage name)
  cmake_parse_arguments(A "" "" "LINKS;TEST_LINKS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_(test|fuzz)\\.cc$")
  if(srcs)
    annals_library(${name} SOURCES ${srcs} LINKS ${A_LINKS})
  else()  # a stage still being written: headers only for now
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${A_LINKS})
  endif()
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  foreach(t ${tests})
    annals_test(${t} LINKS ${name} ${A_TEST_LINKS})
  endforeach()
endfunction()

# Entities and facts as an analyst reads them (issue 20): one invented page
# per class of error (a given name, a venue, a body's name in parentheses or
# at length, a post of another post's holder, the government of a state,
# members named by a common noun, junk capitals, a plan with its horizon, a
# meeting chaired by a person).
add_test(NAME cli_facts20
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/facts20.py $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_facts20)

# Bad input never crashes annals (DESIGN.md): pages of every kind the repository
# and ../shared hold (text, HTML, gzipped HTML, a WARC made of them), cut,
# corrupted and spliced at random with a fixed seed, through extract, ingest,
# export and a second ingest. The slow case runs many more mutants; a build
# with -DANNALS_SANITIZE=ON makes both report memory errors too.
set(MUTANT_SOURCES ${ANNALS_SHARED_DIR}/data/seeds ${CMAKE_SOURCE_DIR}/examples/site
    ${CMAKE_CURRENT_SOURCE_DIR}/golden/html_seeds ${ANNALS_SHARED_DIR}/data/article-extraction-benchmark/html)
add_test(NAME cli_mutated_pages
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/mutated_pages.py $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_mutated_pages 160 1 ${MUTANT_SOURCES})
add_test(NAME cli_mutated_pages_many
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/mutated_pages.py $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_mutated_pages_many 2000 2 ${MUTANT_SOURCES})
set_tests_properties(cli_mutated_pages_many PROPERTIES LABELS slow TIMEOUT 1800)

# Nothing lost, nothing wrong (issue 24): concurrent writers, damaged
# archives, failed writes, entity renames, page identity, foreign files.
set(GEN_SITE ${CMAKE_SOURCE_DIR}/bench/gen_site.py)
set(EXAMPLE_SITE ${CMAKE_SOURCE_DIR}/examples/site)
add_test(NAME cli_concurrent_writes
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/concurrent_writes.sh $<TARGET_FILE:annals> ${GEN_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_concurrent_writes)
add_test(NAME cli_damaged_archive
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/damaged_archive.py $<TARGET_FILE:annals>
          ${GEN_SITE} ${CMAKE_CURRENT_BINARY_DIR}/cli_damaged_archive)
add_test(NAME cli_output_errors
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/output_errors.sh $<TARGET_FILE:annals> ${GEN_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_output_errors)
add_test(NAME cli_entity_rename
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/entity_rename.sh $<TARGET_FILE:annals> ${EXAMPLE_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_entity_rename)
add_test(NAME cli_page_identity
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/page_identity.sh $<TARGET_FILE:annals> ${EXAMPLE_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_page_identity)
add_test(NAME cli_foreign_file
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/foreign_file.sh $<TARGET_FILE:annals> ${EXAMPLE_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_foreign_file)
add_test(NAME cli_snapshot_reads
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/snapshot_reads.sh $<TARGET_FILE:annals> ${GEN_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_snapshot_reads)
set_tests_properties(cli_snapshot_reads PROPERTIES LABELS slow TIMEOUT 600)
add_test(NAME cli_split_ingests
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/split_ingests.sh $<TARGET_FILE:annals> ${GEN_SITE}
          ${EXAMPLE_SITE} ${ANNALS_SHARED_DIR}/data/seeds ${CMAKE_CURRENT_BINARY_DIR}/cli_split_ingests)
add_test(NAME cli_split_profile
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/split_profile.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_split_profile)
add_test(NAME cli_kill_resume
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/kill_resume.py $<TARGET_FILE:annals> ${GEN_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_kill_resume 2)
add_test(NAME cli_kill_resume_many
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/kill_resume.py $<TARGET_FILE:annals> ${GEN_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_kill_resume_many 16 7)
set_tests_properties(cli_kill_resume_many PROPERTIES LABELS slow TIMEOUT 900)

# Issue 24: hangs, unclear or wrong answers, hostile input.
add_test(NAME cli_search_words
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/search_words.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_search_words)
add_test(NAME cli_long_line
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/long_line.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_long_line)
add_test(NAME cli_options
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/options.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_options)
add_test(NAME cli_interrupt
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/interrupt.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_interrupt)
add_test(NAME cli_interrupt_relate
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/interrupt_relate.sh $<TARGET_FILE:annals> ${GEN_SITE}
          ${CMAKE_CURRENT_BINARY_DIR}/cli_interrupt_relate)
add_test(NAME cli_odd_inputs
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/odd_inputs.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_odd_inputs)
add_test(NAME cli_read_only
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/read_only.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_read_only)
# A declared charset that the page's bytes contradict: read as the bytes are,
# with a warning naming the file and both charsets (issue 23).
add_test(NAME cli_charset_warning
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/charset_warning.sh $<TARGET_FILE:annals>
          ${CMAKE_CURRENT_BINARY_DIR}/cli_charset_warning)

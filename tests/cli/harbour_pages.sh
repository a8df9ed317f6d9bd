# Sourced by the posts tests: invented pages where the Secretary General of
# the Harbour League is Ana Berg on 12 January and 1 June 2024 and Boris Lund
# on 5 March (between the two: their spans overlap); with `dana`, Dana Holm
# on 20 September too (after both: no overlap).
# harbour_pages DIR [dana]: writes them into DIR.
harbour_page() { printf '%s\n%s\n%s\n' "$3" "$4" "$5" > "$1/$2"; }
harbour_pages() {
  mkdir -p "$1"
  harbour_page "$1" p1.txt "Harbour League ministers meet in the capital" "12.01.2024" \
    "The Secretary General of the Harbour League Ana Berg opened the meeting of the ministers."
  harbour_page "$1" p2.txt "Harbour League staff visit the port" "05.03.2024" \
    "The Secretary General of the Harbour League Boris Lund visited the port and met its staff."
  harbour_page "$1" p3.txt "Harbour League council adopts the budget" "01.06.2024" \
    "The Secretary General of the Harbour League Ana Berg presented the budget to the council."
  if [ "${2:-}" = dana ]; then
    harbour_page "$1" p4.txt "Harbour League opens an office in Lisbon" "20.09.2024" \
      "The Secretary General of the Harbour League Dana Holm opened the office in Lisbon."
  fi
}

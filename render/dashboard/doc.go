// Package dashboard writes the dashboard page of `plan report` (SPEC §14): one
// self-contained HTML file (styles inline, charts as inline SVG, no script and
// no network) for the people who read targets and progress but open neither a
// terminal nor a workbook.
//
// The page is built from the JSON outputs of the engine's own reports (split
// by month and by quarter, funnel by month, track, ar, capacity), not from the
// engine's types: every number on the page is a value of one of those
// documents, and carries where it came from. Each number is written as
//
//	<span class="n" data-k="split:/dimensions/0/nodes/2/amount" data-v="18900000">18,900,000</span>
//
// where data-k names the document and a JSON pointer (RFC 6901) into it and
// data-v is the value exactly as the JSON has it; the display text is that
// value formatted for people. A test resolves every data-k against the JSON
// the same command line prints, so the page cannot drift from the engine.
//
// Bars and chart geometry are the only places that use floating point: they
// are drawn, never read back as numbers.
package dashboard

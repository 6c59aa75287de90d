package render

import "io"

func init() { register(jsonFormat{}) }

// jsonFormat writes a report's JSON form (SPEC §7): exact numbers, stable field
// order, no HTML escaping.
type jsonFormat struct{}

func (jsonFormat) Name() string { return "json" }

func (jsonFormat) Write(w io.Writer, r Report) error { return r.WriteJSON(w) }

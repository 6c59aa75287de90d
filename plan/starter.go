package plan

import _ "embed"

//go:embed starter.yaml
var starter string

//go:embed schema.json
var schema string

// Starter returns the complete, commented starter plan that `plan init` writes.
func Starter() string { return starter }

// Schema returns the JSON Schema (draft-07) of the plan format.
func Schema() string { return schema }

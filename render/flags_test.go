package render

import "flag"

// update makes golden tests rewrite their files under testdata/golden instead
// of comparing with them: go test ./render -update. Every render test with
// golden files can read it.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden instead of comparing with them")

// Command plan breaks an annual sales target down, turns it into funnel work,
// tracks actuals and exports workbooks. See README.md.
package main

import "os"

func main() { os.Exit(Main()) }

package plan

// DiffRounding is the status of a row whose exact values did not change but
// whose rounded cells moved (SPEC §7 v2): the same amount, spread by the same
// exact seasonality, rounded differently because its siblings or its parent's
// cells changed. A dimension whose only differences are such rows has this
// status too.
const DiffRounding DiffStatus = "rounding"

// sameExact reports whether a row present in both versions has the same exact
// values: its amount (as an exact decimal) is unchanged and so is every
// month's exact share of the year, the time split before rounding, so its
// amount spread over the months without any rounding is the same.
func sameExact(o, n *diffSide, amount Delta) bool {
	if amount.Changed() {
		return false
	}
	if amount.New.Sign() == 0 {
		return true
	}
	if o.b.Calendar.Start != n.b.Calendar.Start {
		return false
	}
	for m, s := range o.b.monthShares {
		if s.Cmp(n.b.monthShares[m]) != 0 {
			return false
		}
	}
	return true
}

// dimensionStatus is the status of a dimension present in both versions:
// changed when any row is changed, added or removed, rounding when the only
// differences are rows moved by rounding, else unchanged.
func dimensionStatus(rows []*RowDiff) DiffStatus {
	status := DiffUnchanged
	for _, r := range rows {
		switch r.Status {
		case DiffUnchanged:
		case DiffRounding:
			status = DiffRounding
		default:
			return DiffChanged
		}
	}
	return status
}
